import WordPressCompat

/// Authentication and account events (`<prefix>pressgate_audit_log`): what happened, to whom, from
/// where — never a password, hash, token or cookie.
public struct AuditLog {
    let database: Database
    let insert: SQL
    let aggregate: SQL
    /// The window repeated refusals are counted in (``count(_:memberID:ip:detail:now:)``).
    public static let aggregationWindow = 3600

    public init(database: Database, tables: TableNames) {
        self.database = database
        insert = SQL(
            "INSERT INTO {pg:audit_log} (occurred_at, event, user_id, ip, detail) VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?)",
            tables: tables)
        aggregate = SQL(
            """
            INSERT INTO {pg:audit_log} (occurred_at, event, user_id, ip, detail, aggregate_key)
            VALUES (UTC_TIMESTAMP(6), ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE repeats = repeats + 1, last_occurred_at = UTC_TIMESTAMP(6)
            """, tables: tables)
    }

    /// A refusal that floods can repeat (a throttled login, a refused webhook or link): one row
    /// per event, member, address (IPv6 by /64), detail and hour, with `repeats` counting and
    /// `last_occurred_at` the latest; the first occurrence's address is kept.
    public func count(
        _ event: String, memberID: UInt64?, ip: String, detail: String = "", now: Int
    ) throws(DatabaseError) {
        let window = now - now % Self.aggregationWindow
        let key = [event, memberID.map { String($0) } ?? "-", LoginThrottle.budgetAddress(ip), detail, String(window)]
            .joined(separator: "\u{1F}")
        let hash = Array(SessionToken.verifier(for: key).utf8).hexDecoded
        try database.run(aggregate, values(event, memberID: memberID, ip: ip, detail: detail) + [.bytes(hash)])
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
