import WordPressCompat

/// Thank-you claims: one-time tokens (stored as SHA-256 only) that show a new member's generated
/// password once and can start one session.
public struct WelcomeClaims {
    let database: Database
    let byHash: SQL
    let byOrder: SQL
    let erasePayload: SQL
    let consume: SQL

    public init(database: Database, tables: TableNames) {
        self.database = database
        let columns = "id, user_id, payload, uses_left, UNIX_TIMESTAMP(expires_at) AS expires"
        byHash = SQL(
            "SELECT \(columns) FROM {pg:tokens} WHERE token_hash = ? AND purpose = 'welcome' FOR UPDATE", tables: tables
        )
        byOrder = SQL(
            "SELECT \(columns) FROM {pg:tokens} WHERE provider = ? AND order_ref = ? AND purpose = 'welcome' ORDER BY id DESC LIMIT 1 FOR UPDATE",
            tables: tables)
        erasePayload = SQL("UPDATE {pg:tokens} SET payload = NULL WHERE id = ?", tables: tables)
        consume = SQL(
            "UPDATE {pg:tokens} SET uses_left = 0, payload = NULL WHERE id = ? AND uses_left > 0", tables: tables)
    }

    public struct Claim: Sendable {
        public let memberID: UInt64
        /// The sealed password, taken out (present only when the caller asked for it, the first time).
        public let sealedPassword: [UInt8]?
        /// The password is still waiting to be shown once.
        public let passwordWaiting: Bool
        public let canLogIn: Bool
    }

    public enum Lookup: Sendable {
        case token(String)
        case order(provider: String, reference: String)
    }

    /// The live claim; with `takingPassword`, its sealed password is taken out (erased in the same
    /// transaction), so it can be shown only once. Without it nothing changes: opening the page (a
    /// link preview, a mail scanner) burns nothing. Nil when unknown or expired.
    public func open(_ lookup: Lookup, now: Int, takingPassword: Bool) throws -> Claim? {
        try database.transaction { transaction -> Claim? in
            let row: DatabaseRow?
            switch lookup {
            case .token(let token):
                row = try transaction.run(byHash, [.bytes(Self.hash(token))]).first
            case .order(let provider, let reference):
                row = try transaction.run(byOrder, [.text(provider), .text(reference)]).first
            }
            guard let row, let id = row.uint("id"), let member = row.uint("user_id"), let expires = row.int("expires"),
                Int(expires) > now
            else {
                return nil
            }
            let payload = row["payload"]
            if takingPassword, payload != nil { try transaction.run(erasePayload, [.int(id)]) }
            return Claim(
                memberID: member, sealedPassword: takingPassword ? payload : nil, passwordWaiting: payload != nil,
                canLogIn: (row.int("uses_left") ?? 0) > 0)
        }
    }

    /// Uses the claim's one login; false when it was used or expired.
    public func consumeLogin(token: String, now: Int) throws -> UInt64? {
        try database.transaction { transaction -> UInt64? in
            guard let row = try transaction.run(byHash, [.bytes(Self.hash(token))]).first, let id = row.uint("id"),
                let member = row.uint("user_id"), let expires = row.int("expires"), Int(expires) > now,
                try transaction.run(consume, [.int(id)]).affectedRows == 1
            else { return nil }
            return member
        }
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SessionToken.verifier(for: token).utf8).hexDecoded
    }
}
