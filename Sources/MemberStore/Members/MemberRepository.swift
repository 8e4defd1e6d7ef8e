import Logging
import WordPressCompat

/// Members in WordPress's own tables, read and written exactly as WordPress does.
public struct MemberRepository {
    let database: Database
    let tables: TableNames
    let sql: MemberSQL
    /// The full WordPress version (`6.1.9`, `7.1`): it decides which meta rows a new member gets.
    let wordpressVersion: String

    public init(database: Database, tables: TableNames, wordpressVersion: String) {
        self.database = database
        self.tables = tables
        self.sql = MemberSQL(tables: tables)
        self.wordpressVersion = wordpressVersion
    }

    // MARK: Lookups

    /// `get_user_by('login', $login)`: trimmed, non-strict `sanitize_user`, then the column's
    /// collation (case-insensitive, trailing spaces ignored, accents folded).
    public func find(login: String) throws(DatabaseError) -> Member? {
        // No login is longer than 60 characters; a huge value cannot match and is not worth sanitising.
        guard login.utf8.count <= Self.maximumLookupBytes else { return nil }
        let sanitized = WordPressUsername.sanitize(login, strict: false)
        guard !sanitized.isEmpty else { return nil }
        return try database.run(sql.userByLogin, [.text(sanitized)], idempotent: true).first.map(Member.init)
    }

    /// `get_user_by('email', $email)`: case-insensitive under the collation; the stored case is kept.
    public func find(email: String) throws(DatabaseError) -> Member? {
        guard email.utf8.count <= Self.maximumLookupBytes else { return nil }
        let trimmed = WordPressUsername.trimmed(email)
        guard !trimmed.isEmpty else { return nil }
        return try database.run(sql.userByEmail, [.text(trimmed)], idempotent: true).first.map(Member.init)
    }

    public func find(id: UInt64) throws(DatabaseError) -> Member? {
        try database.run(sql.userByID, [.int(id)], idempotent: true).first.map(Member.init)
    }

    /// Longer lookups are answered "no such member" without touching the database.
    static let maximumLookupBytes = 1024

    /// A username or an e-mail, as wp-login.php accepts either: the login first
    /// (`wp_authenticate_username_password`), then, for something shaped like an address, the
    /// e-mail (`wp_authenticate_email_password`).
    public func find(loginOrEmail value: String) throws(DatabaseError) -> Member? {
        if let member = try find(login: value) { return member }
        guard WordPressText.isEmail(WordPressUsername.trimmed(value)) else { return nil }
        return try find(email: value)
    }

    /// The stored hashes of the newest `limit` members (by primary key: cheap on any size of site).
    public func recentPasswordHashes(limit: Int) throws(DatabaseError) -> [String] {
        try database.run(sql.recentPasswordHashes, [.int(limit)], idempotent: true).rows.compactMap { $0.string(0) }
    }

    // MARK: Passwords and reset keys

    /// `wp_set_password()`: the new hash, and `user_activation_key` cleared.
    public func setPassword(memberID: UInt64, hash: String) throws {
        let result = try database.run(sql.setPassword, [.text(hash), .int(memberID)])
        if result.affectedRows == 0, try find(id: memberID) == nil { throw MemberStoreError.memberNotFound }
    }

    /// Stores a reset key's `user_activation_key` value (`get_password_reset_key()`).
    public func setActivationKey(memberID: UInt64, value: String) throws {
        let result = try database.run(sql.setActivationKey, [.text(value), .int(memberID)])
        if result.affectedRows == 0, try find(id: memberID) == nil { throw MemberStoreError.memberNotFound }
    }
}
