import WordPressCompat

/// Turning the Two Factor plugin's providers on and off for a member, stored as the plugin stores
/// them (`Two_Factor_Core::enable_provider_for_user()` / `disable_provider_for_user()`, the TOTP key
/// and the backup code hashes), so that the same authenticator app and codes work on wp-login.php
/// with the plugin active.
extension TwoFactorCodes {
    /// `rest_setup_totp()` with `enable_provider`: the key, TOTP in the enabled list, and TOTP as the
    /// primary provider when the member has none.
    public func enableTOTP(memberID: UInt64, key: String) throws {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            try setMeta(TwoFactorPlugin.totpKeyMetaKey, Array(key.utf8), of: memberID, in: transaction)
            try enable(.totp, memberID: memberID, in: transaction)
            if try meta(TwoFactorPlugin.primaryProviderMetaKey, of: memberID, in: transaction) == nil {
                try setMeta(
                    TwoFactorPlugin.primaryProviderMetaKey, Array(TwoFactorPlugin.Provider.totp.rawValue.utf8),
                    of: memberID, in: transaction)
            }
        }
    }

    /// `generate_codes()` (replace): the new codes' hashes replace the list, and backup codes are
    /// enabled. The caller hashes the codes (`wp_hash_password`) and shows them once.
    public func replaceBackupCodes(memberID: UInt64, hashes: [String]) throws {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            try setMeta(TwoFactorPlugin.backupCodesMetaKey, Self.serializedList(hashes), of: memberID, in: transaction)
            try enable(.backupCodes, memberID: memberID, in: transaction)
        }
    }

    /// Two-step verification off: TOTP and backup codes leave the enabled list (and the primary
    /// provider when it was one of them), their key, codes and replay guard are deleted.
    public func disableTOTPAndBackupCodes(memberID: UInt64) throws {
        try database.transaction { transaction in
            _ = try transaction.run(lockUser, [.int(memberID)])
            let removed: Set<String> = [
                TwoFactorPlugin.Provider.totp.rawValue, TwoFactorPlugin.Provider.backupCodes.rawValue,
            ]
            let kept = try enabledList(memberID: memberID, in: transaction).filter { !removed.contains($0) }
            try setMeta(
                TwoFactorPlugin.enabledProvidersMetaKey, Self.serializedList(kept), of: memberID, in: transaction)
            let primary = try meta(TwoFactorPlugin.primaryProviderMetaKey, of: memberID, in: transaction)
            if let primary, removed.contains(String(decoding: primary, as: UTF8.self)) {
                try transaction.run(deleteMeta, [.int(memberID), .text(TwoFactorPlugin.primaryProviderMetaKey)])
            }
            for key in [
                TwoFactorPlugin.totpKeyMetaKey, TwoFactorPlugin.backupCodesMetaKey,
                TwoFactorPlugin.totpLastLoginMetaKey,
            ] {
                try transaction.run(deleteMeta, [.int(memberID), .text(key)])
            }
        }
    }

    /// The stored enabled list (a non-list reads as empty, as `get_enabled_providers_for_user()`).
    func enabledList(memberID: UInt64, in transaction: Transaction) throws -> [String] {
        guard let stored = try meta(TwoFactorPlugin.enabledProvidersMetaKey, of: memberID, in: transaction),
            case .array(let list)? = try? PHPUnserializer.maybeUnserialize(stored)
        else { return [] }
        return list.entries.compactMap { $0.value.comparableText }
    }

    func enable(_ provider: TwoFactorPlugin.Provider, memberID: UInt64, in transaction: Transaction) throws {
        let list = try enabledList(memberID: memberID, in: transaction)
        guard !list.contains(provider.rawValue) else { return }
        try setMeta(
            TwoFactorPlugin.enabledProvidersMetaKey, Self.serializedList(list + [provider.rawValue]), of: memberID,
            in: transaction)
    }

    /// A PHP list (`array_values`) of strings, serialized.
    static func serializedList(_ strings: [String]) -> [UInt8] {
        PHPSerializer.serialize(.array(PHPArray(strings.enumerated().map { (.int($0.offset), .string($0.element)) })))
    }
}
