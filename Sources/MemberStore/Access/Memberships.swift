/// The products members hold (`<prefix>pressgate_memberships`). Granting and revoking arrive with
/// the purchase hooks; the gate only reads.
public struct Memberships {
    let database: Database
    let isActive: SQL

    public init(database: Database, tables: TableNames) {
        self.database = database
        isActive = SQL(
            "SELECT 1 FROM {pg:memberships} WHERE user_id = ? AND product = ? AND status = 'active'", tables: tables)
    }

    public func hasActive(memberID: UInt64, product: String) throws(DatabaseError) -> Bool {
        try database.run(isActive, [.int(memberID), .text(product)], idempotent: true).first != nil
    }
}
