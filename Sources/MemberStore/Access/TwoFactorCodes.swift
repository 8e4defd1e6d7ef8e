import WordPressCompat

/// Checks second-factor codes against the Two Factor plugin's stored state and writes what the
/// plugin writes, so a code used here cannot be used on wp-login.php (and the reverse). Each check
/// runs in a transaction that locks the member's row, so two concurrent uses of one code cannot
/// both pass.
public struct TwoFactorCodes {
    let database: Database
    let lockUser: SQL
    let readMeta: SQL
    let updateMeta: SQL
    let insertMeta: SQL
    let deleteMeta: SQL

    public init(database: Database, tables: TableNames) {
        self.database = database
        lockUser = SQL("SELECT ID FROM {users} WHERE ID = ? FOR UPDATE", tables: tables)
        readMeta = SQL(
            "SELECT umeta_id, meta_value FROM {usermeta} WHERE user_id = ? AND meta_key = ? ORDER BY umeta_id",
            tables: tables)
        updateMeta = SQL("UPDATE {usermeta} SET meta_value = ? WHERE user_id = ? AND meta_key = ?", tables: tables)
        insertMeta = SQL("INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)", tables: tables)
        deleteMeta = SQL("DELETE FROM {usermeta} WHERE user_id = ? AND meta_key = ?", tables: tables)
    }

    /// `Two_Factor_Totp::validate_code_for_user()`: a code valid within the allowance whose tick is
    /// newer than `_two_factor_totp_last_successful_login`; that meta then records the tick.
    public func verifyTOTP(memberID: UInt64, code: String, now: Int) throws -> Bool {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            guard let key = try meta(TwoFactorPlugin.totpKeyMetaKey, of: memberID, in: transaction),
                let tick = TOTP.validTickTime(base32Key: String(decoding: key, as: UTF8.self), authcode: code, now: now)
            else { return false }
            let last =
                try meta(TwoFactorPlugin.totpLastLoginMetaKey, of: memberID, in: transaction)
                .flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
            // The plugin refuses a code whose tick it has seen, or an older one (replay).
            if last != 0 && last >= tick { return false }
            try setMeta(TwoFactorPlugin.totpLastLoginMetaKey, Array(String(tick).utf8), of: memberID, in: transaction)
            return true
        }
    }

    /// `Two_Factor_Backup_Codes::validate_code()`: a code matching one stored hash
    /// (`wp_check_password`), which is then removed from the list (`delete_code()`: `array_flip`,
    /// `unset`, `array_values`, so duplicates collapse and the order is kept).
    public func consumeBackupCode(memberID: UInt64, code: String, wordpress: WordPressVersion) throws -> Bool {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            guard let stored = try meta(TwoFactorPlugin.backupCodesMetaKey, of: memberID, in: transaction),
                case .array(let list)? = try? PHPUnserializer.maybeUnserialize(stored)
            else { return false }
            let hashes = list.entries.compactMap { $0.value.comparableText }
            guard
                let used = hashes.first(where: {
                    PasswordHasher.check(Array(code.utf8), against: $0, wordpress: wordpress).isMatch
                })
            else { return false }
            var kept: [String] = []
            for hash in hashes where hash != used && !kept.contains(hash) { kept.append(hash) }
            try setMeta(TwoFactorPlugin.backupCodesMetaKey, Self.serializedList(kept), of: memberID, in: transaction)
            return true
        }
    }

    /// The first row of `key` (`get_user_meta($id, $key, true)`).
    func meta(_ key: String, of memberID: UInt64, in transaction: Transaction) throws -> [UInt8]? {
        try transaction.run(readMeta, [.int(memberID), .text(key)]).first?[1]
    }

    /// `update_user_meta()`: every row of the key gets the value; none yet, one is added.
    func setMeta(_ key: String, _ value: [UInt8], of memberID: UInt64, in transaction: Transaction) throws {
        let updated = try transaction.run(updateMeta, [.bytes(value), .int(memberID), .text(key)])
        if updated.affectedRows == 0, try meta(key, of: memberID, in: transaction) == nil {
            try transaction.run(insertMeta, [.int(memberID), .text(key), .bytes(value)])
        }
    }
}
