/// The statements the member store runs, for one site's table names. All SQL text of the member
/// store lives here; every value is bound.
struct MemberSQL: Sendable {
    let tables: TableNames

    init(tables: TableNames) {
        self.tables = tables
        func sql(_ template: String) -> SQL { SQL(template, tables: tables) }
        let userColumns =
            "ID, user_login, user_pass, user_email, user_nicename, display_name, user_activation_key, user_registered, "
            + "user_status"
        userByLogin = sql("SELECT \(userColumns) FROM {users} WHERE user_login = ? ORDER BY ID LIMIT 1")
        userByEmail = sql("SELECT \(userColumns) FROM {users} WHERE user_email = ? ORDER BY ID LIMIT 1")
        userByEmailLocking = sql(
            "SELECT \(userColumns) FROM {users} WHERE user_email = ? ORDER BY ID LIMIT 1 LOCK IN SHARE MODE")
        userByID = sql("SELECT \(userColumns) FROM {users} WHERE ID = ?")
        recentPasswordHashes = sql("SELECT user_pass FROM {users} ORDER BY ID DESC LIMIT ?")
        lockUser = sql("SELECT ID FROM {users} WHERE ID = ? FOR UPDATE")
        loginTaken = sql("SELECT ID FROM {users} WHERE user_login = ? LIMIT 1")
        nicenameTaken = sql("SELECT ID FROM {users} WHERE user_nicename = ? AND user_login != ? LIMIT 1")
        insertUser = sql(
            """
            INSERT INTO {users} (user_login, user_pass, user_nicename, user_email, user_url, user_registered,
                                 user_activation_key, user_status, display_name)
            VALUES (?, ?, ?, ?, '', ?, '', 0, ?)
            """)
        insertMeta = sql("INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)")
        metaRows = sql(
            "SELECT umeta_id, meta_value FROM {usermeta} WHERE user_id = ? AND meta_key = ? ORDER BY umeta_id")
        updateMeta = sql("UPDATE {usermeta} SET meta_value = ? WHERE umeta_id = ?")
        deleteMeta = sql("DELETE FROM {usermeta} WHERE user_id = ? AND meta_key = ?")
        setPassword = sql("UPDATE {users} SET user_pass = ?, user_activation_key = '' WHERE ID = ?")
        setActivationKey = sql("UPDATE {users} SET user_activation_key = ? WHERE ID = ?")
        option = sql("SELECT option_value FROM {options} WHERE option_name = ? LIMIT 1")
        addOption = sql(
            """
            INSERT INTO {options} (option_name, option_value, autoload) VALUES (?, ?, 'no')
            ON DUPLICATE KEY UPDATE option_value = IF(option_value IN ('', '0'), VALUES(option_value), option_value)
            """)
        // A claim that exists is left as it is: 0 rows affected (the connection does not set
        // CLIENT_FOUND_ROWS), 1 for a new claim.
        claim = sql(
            """
            INSERT INTO {pg:member_claims} (claim_kind, claim_key, user_id, created_at) VALUES (?, ?, 0, ?)
            ON DUPLICATE KEY UPDATE claim_key = claim_key
            """)
        claimOwner = sql("SELECT user_id FROM {pg:member_claims} WHERE claim_kind = ? AND claim_key = ? FOR UPDATE")
        // Locking reads: they see rows other transactions committed after this one began.
        ownerHasEmail = sql("SELECT ID FROM {users} WHERE ID = ? AND user_email = ? LOCK IN SHARE MODE")
        ownerHasLogin = sql("SELECT ID FROM {users} WHERE ID = ? AND user_login = ? LOCK IN SHARE MODE")
        releaseClaim = sql(
            "UPDATE {pg:member_claims} SET user_id = 0, created_at = ? WHERE claim_kind = ? AND claim_key = ?")
        assignClaims = sql(
            "UPDATE {pg:member_claims} SET user_id = ? WHERE user_id = 0 AND claim_kind = ? AND claim_key = ?")
    }

    let userByLogin: SQL
    let userByEmail: SQL
    let userByEmailLocking: SQL
    let userByID: SQL
    let recentPasswordHashes: SQL
    let lockUser: SQL
    let loginTaken: SQL
    let nicenameTaken: SQL
    let insertUser: SQL
    let insertMeta: SQL

    /// `count` usermeta rows in one INSERT (`user_id, meta_key, meta_value` each).
    func insertMetaRows(_ count: Int) -> SQL {
        SQL(
            "INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES "
                + Array(repeating: "(?, ?, ?)", count: count).joined(separator: ", "), tables: tables)
    }
    let metaRows: SQL
    let updateMeta: SQL
    let deleteMeta: SQL
    let setPassword: SQL
    let setActivationKey: SQL
    let option: SQL
    let addOption: SQL
    let claim: SQL
    let claimOwner: SQL
    let ownerHasEmail: SQL
    let ownerHasLogin: SQL
    let releaseClaim: SQL
    let assignClaims: SQL
}
