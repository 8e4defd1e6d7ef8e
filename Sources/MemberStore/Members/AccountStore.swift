import WordPressCompat

/// Account changes that must happen together: a reset key and the e-mail that carries it; a new
/// password, the end of sessions and the notification.
public struct AccountStore {
    let database: Database
    let sessions: SessionStore
    let setActivationKey: SQL
    let setPassword: SQL
    let enqueue: SQL
    let links: LoginLinks
    let forgetResetKeyCopy: SQL
    let keepResetKeyCopy: SQL
    let readResetKeyCopy: SQL
    let proofs: EmailProofs

    public init(database: Database, tables: TableNames) {
        self.database = database
        sessions = SessionStore(database: database, tables: tables)
        links = LoginLinks(database: database, tables: tables)
        proofs = EmailProofs(tables: tables)
        setActivationKey = SQL("UPDATE {users} SET user_activation_key = ? WHERE ID = ?", tables: tables)
        setPassword = SQL("UPDATE {users} SET user_pass = ?, user_activation_key = '' WHERE ID = ?", tables: tables)
        enqueue = SQL(
            """
            INSERT INTO {pg:outbox} (kind, payload, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, 'pending', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, tables: tables)
        forgetResetKeyCopy = SQL(
            "DELETE FROM {pg:tokens} WHERE user_id = ? AND purpose = 'reset_key'", tables: tables)
        keepResetKeyCopy = SQL(
            """
            INSERT INTO {pg:tokens} (token_hash, purpose, user_id, uses_left, payload, created_at, expires_at)
            VALUES (?, 'reset_key', ?, 1, ?, UTC_TIMESTAMP(), FROM_UNIXTIME(?))
            """, tables: tables)
        readResetKeyCopy = SQL(
            """
            SELECT payload FROM {pg:tokens}
            WHERE token_hash = ? AND purpose = 'reset_key' AND user_id = ? AND expires_at > FROM_UNIXTIME(?)
            """, tables: tables)
    }

    /// Queues one e-mail.
    public func queueMail(_ mail: String) throws(DatabaseError) {
        try database.run(enqueue, ["email", .text(mail)])
    }

    /// A sealed copy of the raw key behind a member's `user_activation_key`, kept while the key
    /// lives, so that a second request re-sends the first link instead of killing it.
    public struct ResetKeyCopy: Sendable {
        public let sealedKey: String
        public let expiresAt: Int

        public init(sealedKey: String, expiresAt: Int) {
            self.sealedKey = sealedKey
            self.expiresAt = expiresAt
        }
    }

    /// A reset e-mail, with the new key it carries (nil when it carries the member's live key again).
    public struct ResetMail: Sendable {
        public let mail: String
        public let newKey: (storedValue: String, copy: ResetKeyCopy)?

        public init(mail: String, newKey: (storedValue: String, copy: ResetKeyCopy)?) {
            self.mail = mail
            self.newKey = newKey
        }
    }

    /// `get_password_reset_key()` (a new key, with its sealed copy replacing the member's earlier
    /// one) and `retrieve_password()`'s e-mail, as a step of the caller's transaction.
    public func send(_ reset: ResetMail, memberID: UInt64, in transaction: Transaction) throws(DatabaseError) {
        if let (storedValue, copy) = reset.newKey {
            try transaction.run(setActivationKey, [.text(storedValue), .int(memberID)])
            try transaction.run(forgetResetKeyCopy, [.int(memberID)])
            try transaction.run(
                keepResetKeyCopy,
                [
                    .bytes(Self.copyHash(storedValue)), .int(memberID), .bytes(Array(copy.sealedKey.utf8)),
                    .int(copy.expiresAt),
                ])
        }
        try transaction.run(enqueue, ["email", .text(reset.mail)])
    }

    /// Queues one e-mail as a step of the caller's transaction.
    public func queueMail(_ mail: String, in transaction: Transaction) throws(DatabaseError) {
        try transaction.run(enqueue, ["email", .text(mail)])
    }

    /// The sealed copy of the key whose stored value is `storedValue`, while it lives; nil when the
    /// key was set elsewhere (WordPress) or has expired.
    public func resetKeyCopy(memberID: UInt64, storedValue: String, now: Int) throws(DatabaseError) -> String? {
        guard !storedValue.isEmpty else { return nil }
        let row = try database.run(
            readResetKeyCopy, [.bytes(Self.copyHash(storedValue)), .int(memberID), .int(now)], idempotent: true
        ).rows.first
        return row?.string(0)
    }

    static func copyHash(_ storedValue: String) -> [UInt8] {
        Array(SessionToken.verifier(for: "reset_key|" + storedValue).utf8).hexDecoded
    }

    /// Which sessions a password change ends.
    public enum EndingSessions: Sendable {
        case all
        case allExcept(String)
        case none
    }

    /// Sets the password (`wp_set_password`: the reset key is cleared), ends sessions as asked and
    /// queues the notification, in one transaction. `provingEmail`: the password was set with a key
    /// e-mailed to this address (the reset page), which proves it (``EmailProofs``).
    @discardableResult
    public func changePassword(
        memberID: UInt64, hash: String, endingSessions: EndingSessions, mail: String?, now: Int,
        provingEmail: String? = nil, crm: String? = nil
    ) throws -> EmailProofs.Proof {
        try database.transaction { transaction in
            try sessions.update(memberID: memberID, now: now, in: transaction) { map in
                switch endingSessions {
                case .all: map = SessionTokenMap()
                case .allExcept(let token): map.keepOnly(token: token)
                case .none: break
                }
            }
            try transaction.run(setPassword, [.text(hash), .int(memberID)])
            try transaction.run(forgetResetKeyCopy, [.int(memberID)])
            try links.revokeAll(memberID: memberID, in: transaction)
            if let mail { try transaction.run(enqueue, ["email", .text(mail)]) }
            if let crm { try transaction.run(enqueue, ["crm", .text(crm)]) }
            guard let provingEmail else { return .notNeeded }
            return try proofs.prove(memberID: memberID, currentEmail: provingEmail, in: transaction)
        }
    }
}
