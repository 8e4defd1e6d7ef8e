import WordPressCompat

/// Auto-login links: opaque tokens (256 bits, stored only as SHA-256) bound to one member, one
/// redirect path on the site, an expiry and a use limit. A link also stops working when the
/// member's password changes (its hash is fingerprinted at minting, so a change made in WordPress
/// counts too) or when the member logs out everywhere.
public struct LoginLinks {
    let database: Database
    let insert: SQL
    let byHash: SQL
    let use: SQL
    let revokeAll: SQL
    let userPass: SQL

    public init(database: Database, tables: TableNames) {
        self.database = database
        insert = SQL(
            """
            INSERT INTO {pg:tokens} (token_hash, purpose, user_id, redirect_path, uses_left, payload, created_at, expires_at)
            VALUES (?, 'login_link', ?, ?, ?, ?, UTC_TIMESTAMP(), FROM_UNIXTIME(?))
            """, tables: tables)
        byHash = SQL(
            """
            SELECT id, user_id, redirect_path, uses_left, payload, UNIX_TIMESTAMP(expires_at) AS expires
            FROM {pg:tokens} WHERE token_hash = ? AND purpose = 'login_link' FOR UPDATE
            """, tables: tables)
        use = SQL("UPDATE {pg:tokens} SET uses_left = uses_left - 1 WHERE id = ? AND uses_left > 0", tables: tables)
        revokeAll = SQL("DELETE FROM {pg:tokens} WHERE user_id = ? AND purpose = 'login_link'", tables: tables)
        userPass = SQL("SELECT user_pass FROM {users} WHERE ID = ? LOCK IN SHARE MODE", tables: tables)
    }

    /// A new link's token for `member` (the caller builds the URL), in the caller's transaction
    /// when one is given.
    public func mint(
        memberID: UInt64, userPass: String, redirectPath: String, lifetime: Int, uses: Int, now: Int,
        in transaction: Transaction? = nil
    ) throws(DatabaseError) -> String {
        let token = Base64.urlSafeNoPadding(SystemRandomBytes.take(32))
        let values: [DatabaseValue] = [
            .bytes(WelcomeClaims.hash(token)), .int(memberID), .text(redirectPath), .int(uses),
            .bytes(Self.fingerprint(userPass)), .int(now + lifetime),
        ]
        if let transaction {
            try transaction.run(insert, values)
        } else {
            try database.run(insert, values)
        }
        return token
    }

    public struct Use: Sendable {
        public let memberID: UInt64
        public let redirectPath: String
    }

    /// Uses the link once: the member and where to go, or nil for an unknown, used, expired or
    /// revoked link (the caller shows the same page for all of them).
    public func consume(token: String, now: Int) throws -> Use? {
        guard token.utf8.count <= 128 else { return nil }
        return try database.transaction { transaction -> Use? in
            guard let row = try transaction.run(byHash, [.bytes(WelcomeClaims.hash(token))]).first,
                let id = row.uint("id"),
                let member = row.uint("user_id"), let expires = row.int("expires"), Int(expires) > now,
                let stored = row["payload"], let pass = try transaction.run(userPass, [.int(member)]).first?.string(0),
                ConstantTime.equals(stored, Self.fingerprint(pass)),
                try transaction.run(use, [.int(id)]).affectedRows == 1
            else { return nil }
            return Use(memberID: member, redirectPath: row.string("redirect_path") ?? "/")
        }
    }

    /// Every outstanding link of the member stops working ("log out everywhere", password changes).
    public func revokeAll(memberID: UInt64, in transaction: Transaction? = nil) throws {
        if let transaction {
            try transaction.run(revokeAll, [.int(memberID)])
        } else {
            try database.run(revokeAll, [.int(memberID)])
        }
    }

    static func fingerprint(_ userPass: String) -> [UInt8] {
        Array(SessionToken.verifier(for: userPass).utf8).hexDecoded
    }
}
