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
            VALUES ('email', ?, 'pending', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, tables: tables)
    }

    /// Queues one e-mail.
    public func queueMail(_ mail: String) throws(DatabaseError) {
        try database.run(enqueue, [.text(mail)])
    }

    /// `get_password_reset_key()` + `retrieve_password()`'s e-mail, in one transaction.
    public func issueResetKey(memberID: UInt64, storedValue: String, mail: String) throws {
        try database.transaction { transaction in
            try transaction.run(setActivationKey, [.text(storedValue), .int(memberID)])
            try transaction.run(enqueue, [.text(mail)])
        }
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
        provingEmail: String? = nil
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
            try links.revokeAll(memberID: memberID, in: transaction)
            if let mail { try transaction.run(enqueue, [.text(mail)]) }
            guard let provingEmail else { return .notNeeded }
            return try proofs.prove(memberID: memberID, currentEmail: provingEmail, in: transaction)
        }
    }
}
