/// The products members hold (`<prefix>pressgate_memberships`): one grant per order, each
/// `active`, `pending` (an unproven e-mail), `expired` or `revoked`, with an optional end. Granting
/// and revoking arrive with the purchase hooks; the gate only reads.
public struct Memberships {
    let database: Database
    let activeUntil: SQL
    let grant: SQL

    /// "No end", as a Unix time: the last second of year 9999.
    public static let forever = 253_402_300_799

    public init(database: Database, tables: TableNames) {
        self.database = database
        grant = SQL(
            """
            INSERT INTO {pg:memberships} (user_id, product, status, source_provider, order_ref, granted_at, expires_at)
            VALUES (?, ?, 'active', ?, ?, UTC_TIMESTAMP(), ?)
            ON DUPLICATE KEY UPDATE granted_at = IF(status = 'active', granted_at, UTC_TIMESTAMP()),
              revoked_at = NULL, expires_at = VALUES(expires_at), status = 'active'
            """, tables: tables)
        activeUntil = SQL(
            """
            SELECT MAX(IF(expires_at IS NULL, \(Self.forever), TIMESTAMPDIFF(SECOND, '1970-01-01', expires_at)))
            FROM {pg:memberships}
            WHERE user_id = ? AND product = ? AND status = 'active' AND (expires_at IS NULL OR expires_at > ?)
            """, tables: tables)
    }

    /// Until when (Unix time, exclusive; ``forever`` for no end) the member holds `product` at
    /// `now` through any active grant, or nil when none grants it.
    public func activeUntil(memberID: UInt64, product: String, now: Int) throws(DatabaseError) -> Int? {
        try database.run(activeUntil, [.int(memberID), .text(product), .text(UTCTime.dateTime(now))], idempotent: true)
            .first?.int(0)
            .map(Int.init)
    }

    /// An operator's grant (`pressgate user grant`): the order `order` of provider `source`, active
    /// until `until` (nil: no end); granting the same order again renews it.
    public func grant(
        memberID: UInt64, product: String, source: String, order: String, until: Int?
    ) throws(DatabaseError) {
        try database.run(
            grant,
            [
                .int(memberID), .text(product), .text(source), .text(order),
                until.map { .text(UTCTime.dateTime($0)) } ?? .null,
            ])
    }

    public func hasActive(memberID: UInt64, product: String, now: Int) throws(DatabaseError) -> Bool {
        try activeUntil(memberID: memberID, product: product, now: now) != nil
    }
}
