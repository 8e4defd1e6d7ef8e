import WordPressCompat

/// The pre-account hijack rule. A purchase names an e-mail address anyone can type, creates the
/// account and shows its password to the buyer. Until the address is proven — someone sets the
/// password with a key e-mailed to it, which also ends the buyer's password, sessions and thank-you
/// claim — the account is marked here, and later purchases for the address keep their products as
/// `pending` memberships, attached when the proof comes. Accounts no purchase created (WordPress's
/// own, the CLI's) are never marked: their purchases attach at once, as before.
public struct EmailProofs {
    let mark: SQL
    let markedEmail: SQL
    let unmark: SQL
    let attachPending: SQL
    let endClaims: SQL

    public init(tables: TableNames) {
        mark = SQL(
            "INSERT IGNORE INTO {pg:unproven_emails} (user_id, email, created_at) VALUES (?, ?, ?)", tables: tables)
        markedEmail = SQL("SELECT email FROM {pg:unproven_emails} WHERE user_id = ? FOR UPDATE", tables: tables)
        unmark = SQL("DELETE FROM {pg:unproven_emails} WHERE user_id = ?", tables: tables)
        attachPending = SQL(
            "UPDATE {pg:memberships} SET status = 'active', granted_at = UTC_TIMESTAMP() WHERE user_id = ? AND status = 'pending'",
            tables: tables)
        endClaims = SQL("DELETE FROM {pg:tokens} WHERE user_id = ? AND purpose = 'welcome'", tables: tables)
    }

    /// Marks a member a purchase just created, with the address the purchase named.
    func markUnproven(memberID: UInt64, email: String, now: Int, in transaction: Transaction) throws(DatabaseError) {
        try transaction.run(mark, [.int(memberID), .text(email), .text(UTCTime.dateTime(now))])
    }

    /// Whether the member's address is still unproven. A locking read: a purchase and the proof of
    /// the same member are serialised on the row, and a purchase that waited for a concurrent one
    /// creating the member sees its committed mark (a plain read would see the transaction's older
    /// snapshot, without it). For an unmarked member it takes a gap lock, held for the purchase.
    func isUnproven(memberID: UInt64, in transaction: Transaction) throws(DatabaseError) -> Bool {
        try transaction.run(markedEmail, [.int(memberID)]).first != nil
    }

    public enum Proof: Sendable, Equatable {
        /// The address was never unproven (or was proven before).
        case notNeeded
        /// Proven: the mark is gone, `attached` pending memberships are active now.
        case proven(attached: Int)
        /// The account's address is no longer the one the purchase named (changed in WordPress since):
        /// the mark is gone, and the pending memberships stay pending — they were bought for an
        /// address this proof says nothing about.
        case addressChanged
    }

    /// The member just set a password with a key e-mailed to `currentEmail` (in the transaction that
    /// sets it): the address is proven, the thank-you claim ends, pending access is attached.
    public func prove(memberID: UInt64, currentEmail: String, in transaction: Transaction) throws -> Proof {
        guard let marked = try transaction.run(markedEmail, [.int(memberID)]).first?.string(0) else {
            return .notNeeded
        }
        try transaction.run(unmark, [.int(memberID)])
        try transaction.run(endClaims, [.int(memberID)])
        // is_email() allows ASCII only, and WordPress compares addresses case-insensitively.
        guard marked.lowercased() == WordPressUsername.trimmed(currentEmail).lowercased() else {
            return .addressChanged
        }
        return .proven(attached: Int(try transaction.run(attachPending, [.int(memberID)]).affectedRows))
    }
}
