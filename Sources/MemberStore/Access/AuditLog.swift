/// Authentication and account events (`<prefix>pressgate_audit_log`): what happened, to whom, from
/// where — never a password, hash, token or cookie.
public struct AuditLog {
    let database: Database
    let insert: SQL

    public init(database: Database, tables: TableNames) {
        self.database = database
        insert = SQL(
            "INSERT INTO {pg:audit_log} (occurred_at, event, user_id, ip, detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?)",
            tables: tables)
    }

    /// `detail` is a short, non-secret note (for example the login name that was tried).
    public func record(_ event: String, memberID: UInt64?, ip: String, detail: String = "") throws(DatabaseError) {
        try database.run(insert, values(event, memberID: memberID, ip: ip, detail: detail))
    }

    /// ``record(_:memberID:ip:detail:)`` as one step of a larger transaction (a new session), so
    /// the event is written exactly when the change is, in one commit.
    public func record(
        _ event: String, memberID: UInt64?, ip: String, detail: String = "", in transaction: Transaction
    ) throws(DatabaseError) {
        try transaction.run(insert, values(event, memberID: memberID, ip: ip, detail: detail))
    }

    private func values(_ event: String, memberID: UInt64?, ip: String, detail: String) -> [DatabaseValue] {
        // Column limits count characters; cut by Unicode scalars so no input can overflow them.
        [.text(event), memberID.map { .int($0) } ?? .null, .text(Self.prefix(ip, 45)), .text(Self.prefix(detail, 500))]
    }

    static func prefix(_ text: String, _ length: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(length)))
    }
}
