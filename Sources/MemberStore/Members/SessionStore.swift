import WordPressCompat

public enum SessionStoreError: Error, CustomStringConvertible {
    case unreadableSessions(PHPUnserializer.Failure)
    public var description: String {
        switch self {
        case .unreadableSessions(let failure):
            "the member's session_tokens value cannot be read (\(failure)); it was left as it is"
        }
    }
}

/// The `session_tokens` user meta, read-modify-written as `WP_User_Meta_Session_Tokens` does, but
/// under a lock on the member's `wp_users` row so two logins at the same moment never lose a
/// session (WordPress itself can).
public struct SessionStore {
    let database: Database
    let sql: MemberSQL

    static let metaKey = "session_tokens"

    public init(database: Database, tables: TableNames) {
        self.database = database
        self.sql = MemberSQL(tables: tables)
    }

    /// The member's live sessions (`get_sessions()`).
    public func sessions(memberID: UInt64, now: Int) throws(DatabaseError) -> SessionTokenMap {
        let rows = try database.run(sql.metaRows, [.int(memberID), .text(Self.metaKey)], idempotent: true).rows
        return SessionTokenMap(storedValue: rows.first?[1] ?? [], now: now)
    }

    /// Reads the live sessions, lets `change` modify them, and writes the whole map back in one
    /// transaction (expired entries are purged; an empty map deletes the row). Returns what `change` returns.
    @discardableResult
    public func update<Result>(
        memberID: UInt64, now: Int, _ change: (inout SessionTokenMap) throws -> Result
    ) throws -> Result {
        try database.transaction(retryOnLostConnection: false) { transaction in
            try update(memberID: memberID, now: now, in: transaction, change)
        }
    }

    /// ``update(memberID:now:_:)`` as one step of a larger transaction (a password change).
    public func update<Result>(
        memberID: UInt64, now: Int, in transaction: Transaction,
        _ change: (inout SessionTokenMap) throws -> Result
    ) throws -> Result {
        do {
            guard try transaction.run(sql.lockUser, [.int(memberID)]).first != nil else {
                throw MemberStoreError.memberNotFound
            }
            let rows = try transaction.run(sql.metaRows, [.int(memberID), .text(Self.metaKey)]).rows
            var map = SessionTokenMap(storedValue: rows.first?[1] ?? [], now: now)
            // Entries PressGate cannot read are kept byte for byte (``SessionTokenMap/unreadable``).
            // A whole value that is no readable array counts as no sessions and is replaced, as
            // WordPress's get_sessions() does; only one too large to read is left alone.
            if let problem = map.readProblem, problem == .tooLarge {
                throw SessionStoreError.unreadableSessions(problem)
            }
            let result = try change(&map)
            if let value = map.storedValue() {
                if let first = rows.first, let id = first.uint("umeta_id") {
                    try transaction.run(sql.updateMeta, [.bytes(value), .int(id)])
                } else {
                    try transaction.run(sql.insertMeta, [.int(memberID), .text(Self.metaKey), .bytes(value)])
                }
            } else if !rows.isEmpty {
                try transaction.run(sql.deleteMeta, [.int(memberID), .text(Self.metaKey)])
            }
            return result
        }
    }

    /// `WP_Session_Tokens::create($expiration)`: a new 43-character token whose verifier is stored.
    /// `alongside` runs in the same transaction (the audit row of the login), so both land in one commit.
    public func create(
        memberID: UInt64, expiration: Int, ip: String?, userAgent: String?, now: Int,
        alongside: (Transaction) throws -> Void = { _ in }
    ) throws -> String {
        let token = SessionToken.generate()
        try database.transaction(retryOnLostConnection: false) { transaction in
            try update(memberID: memberID, now: now, in: transaction) { map in
                map[SessionToken.verifier(for: token)] = WordPressSession(
                    expiration: expiration, ip: ip, userAgent: userAgent, login: now)
            }
            try alongside(transaction)
        }
        return token
    }

    /// `WP_Session_Tokens::verify($token)`.
    public func verify(memberID: UInt64, token: String, now: Int) throws(DatabaseError) -> Bool {
        try sessions(memberID: memberID, now: now).verify(token: token, now: now)
    }

    /// `WP_Session_Tokens::destroy($token)`.
    public func destroy(memberID: UInt64, token: String, now: Int) throws {
        try update(memberID: memberID, now: now) { map in map[SessionToken.verifier(for: token)] = nil }
    }

    /// `destroy_all()`: every session of the member ends.
    public func destroyAll(memberID: UInt64, now: Int) throws {
        try update(memberID: memberID, now: now) { map in map = SessionTokenMap() }
    }
}
