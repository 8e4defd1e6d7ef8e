import WordPressCompat

/// The second step of a login: after a right password for a member whose two-factor is on, an
/// opaque token (256 bits, stored only as SHA-256, in `<prefix>pressgate_tokens` with purpose
/// `two_factor`) names the member, where the login goes and "remember me". It lives 10 minutes at
/// most, is used once (only a right code uses it), and dies with the password it was made after:
/// the member's hash is fingerprinted, so a password change in between (here or in WordPress) voids it.
public struct TwoFactorChallenges {
    public static let lifetime = 600

    let database: Database
    let insert: SQL
    let byHash: SQL
    let use: SQL
    let userPass: SQL

    public init(database: Database, tables: TableNames) {
        self.database = database
        insert = SQL(
            """
            INSERT INTO {pg:tokens} (token_hash, purpose, user_id, redirect_path, uses_left, payload, created_at, expires_at)
            VALUES (?, 'two_factor', ?, ?, 1, ?, UTC_TIMESTAMP(), FROM_UNIXTIME(?))
            """, tables: tables)
        byHash = SQL(
            """
            SELECT id, user_id, redirect_path, uses_left, payload, UNIX_TIMESTAMP(expires_at) AS expires
            FROM {pg:tokens} WHERE token_hash = ? AND purpose = 'two_factor'
            """, tables: tables)
        use = SQL("UPDATE {pg:tokens} SET uses_left = 0 WHERE id = ? AND uses_left > 0", tables: tables)
        userPass = SQL("SELECT user_pass FROM {users} WHERE ID = ?", tables: tables)
    }

    public struct Challenge: Sendable, Equatable {
        public let id: UInt64
        public let memberID: UInt64
        public let redirect: String
        public let remember: Bool
    }

    /// A new challenge's token (the caller hands it to the client).
    public func begin(
        memberID: UInt64, userPass: String, redirect: String, remember: Bool, now: Int
    )
        throws(DatabaseError) -> String
    {
        let token = Base64.urlSafeNoPadding(SystemRandomBytes.take(32))
        try database.run(
            insert,
            [
                .bytes(WelcomeClaims.hash(token)), .int(memberID), .text(redirect),
                .bytes(LoginLinks.fingerprint(userPass) + [remember ? 1 : 0]), .int(now + Self.lifetime),
            ])
        return token
    }

    /// The challenge behind `token` if it is unused, unexpired and its password unchanged; nil
    /// otherwise (unknown, used, expired and voided tokens look alike).
    public func find(token: String, now: Int) throws(DatabaseError) -> Challenge? {
        guard !token.isEmpty, token.utf8.count <= 128,
            let row = try database.run(byHash, [.bytes(WelcomeClaims.hash(token))], idempotent: true).first,
            let id = row.uint("id"), let member = row.uint("user_id"), row.int("uses_left") == 1,
            let expires = row.int("expires"), Int(expires) > now, let payload = row["payload"], payload.count == 33,
            let pass = try database.run(userPass, [.int(member)], idempotent: true).first?.string(0),
            ConstantTime.equals(payload.prefix(32), LoginLinks.fingerprint(pass))
        else { return nil }
        return Challenge(
            id: id, memberID: member, redirect: row.string("redirect_path") ?? "/", remember: payload[32] == 1)
    }

    /// Uses the challenge; false when another request used it first.
    public func complete(_ challenge: Challenge) throws(DatabaseError) -> Bool {
        try database.run(use, [.int(challenge.id)]).affectedRows == 1
    }
}
