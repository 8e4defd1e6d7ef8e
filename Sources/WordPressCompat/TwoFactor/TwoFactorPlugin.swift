/// The Two Factor plugin's decision (wordpress.org/plugins/two-factor, read from version 0.16.0),
/// computed from its stored state: `Two_Factor_Core::is_user_using_two_factor()`, i.e. whether
/// `get_primary_provider_for_user()` finds a provider. The plugin's filters are not run; where its
/// code would stop the login (`wp_die`), this says "uses two-factor" (fail closed).
public enum TwoFactorPlugin {
    /// The plugin's provider class names.
    public enum Provider: String, CaseIterable, Sendable {
        case email = "Two_Factor_Email"
        case totp = "Two_Factor_Totp"
        case backupCodes = "Two_Factor_Backup_Codes"
        /// Registered only with `WP_DEBUG`; counted as registered here (fail closed).
        case dummy = "Two_Factor_Dummy"
    }

    /// User meta keys and the site option, with the plugin's spelling.
    public static let enabledProvidersMetaKey = "_two_factor_enabled_providers"
    public static let primaryProviderMetaKey = "_two_factor_provider"
    public static let totpKeyMetaKey = "_two_factor_totp_key"
    public static let backupCodesMetaKey = "_two_factor_backup_codes"
    public static let totpLastLoginMetaKey = "_two_factor_totp_last_successful_login"
    public static let emailTokenMetaKey = "_two_factor_email_token"
    public static let emailTokenTimestampMetaKey = "_two_factor_email_token_timestamp"
    public static let siteProvidersOption = "two_factor_enabled_providers"

    /// What the decision reads.
    public struct StoredState: Sendable {
        /// `_two_factor_enabled_providers` (serialized), nil when absent.
        public var enabledProviders: [UInt8]?
        /// `_two_factor_totp_key`.
        public var totpKey: [UInt8]?
        /// `_two_factor_backup_codes` (serialized list of hashes).
        public var backupCodes: [UInt8]?
        /// The site option `two_factor_enabled_providers`, nil when it was never saved.
        public var siteProviders: [UInt8]?
        /// `_two_factor_provider`: the member's chosen primary provider.
        public var primary: [UInt8]?

        public init(
            enabledProviders: [UInt8]? = nil, totpKey: [UInt8]? = nil, backupCodes: [UInt8]? = nil,
            siteProviders: [UInt8]? = nil, primary: [UInt8]? = nil
        ) {
            self.enabledProviders = enabledProviders
            self.totpKey = totpKey
            self.backupCodes = backupCodes
            self.siteProviders = siteProviders
            self.primary = primary
        }
    }

    /// The providers the member can use now (empty: the member does not use two-factor).
    /// A stored value the plugin could not read as a list (PHP would fail on it) answers `[.email]`,
    /// so that such a member is sent to wp-login.php rather than let through.
    public static func availableProviders(_ state: StoredState) -> [Provider] {
        guard let raw = state.enabledProviders, !raw.isEmpty else { return [] }
        guard let stored = try? PHPUnserializer.maybeUnserialize(raw) else { return [.email] }
        guard stored.isTruthy else { return [] }
        guard case .array(let list) = stored else { return [.email] }
        let listed = Set(list.entries.compactMap { $0.value.comparableText })

        // The site's allowed providers: never saved = all; saved but not an array = none.
        var registered = Set(Provider.allCases)
        if let option = state.siteProviders {
            if case .array(let allowed)? = try? PHPUnserializer.maybeUnserialize(option) {
                let names = Set(allowed.entries.compactMap { $0.value.comparableText })
                registered = registered.filter { names.contains($0.rawValue) }
            } else {
                registered = []
            }
        }
        var enabled = Provider.allCases.filter { registered.contains($0) && listed.contains($0.rawValue) }
        if enabled.isEmpty {
            // get_available_providers_for_user(): a user who chose providers the site no longer
            // offers falls back to e-mail, or cannot log in at all (WP_Error → wp_die).
            guard registered.contains(.email) else { return [.email] }
            enabled = [.email]
        }
        return enabled.filter { isAvailable($0, state) }
    }

    /// `get_primary_provider_for_user()`: the only available provider, else the member's chosen one
    /// when available, else the first available (the plugin's registry order).
    public static func primaryProvider(_ state: StoredState) -> Provider? {
        let available = availableProviders(state)
        guard available.count > 1 else { return available.first }
        let chosen = state.primary.flatMap { try? PHPUnserializer.maybeUnserialize($0) }?.comparableText
        return available.first { $0.rawValue == chosen } ?? available.first
    }

    /// True when the plugin would ask this member for a second factor.
    public static func isUsingTwoFactor(_ state: StoredState) -> Bool {
        !availableProviders(state).isEmpty
    }

    /// `Two_Factor_Provider::get_code()`: `length` random digits (backup codes and e-mailed codes),
    /// drawn without modulo bias.
    public static func digitCode(length: Int = 8) -> String {
        var random = SystemRandom()
        var code = ""
        while code.count < length {
            // 250 is the largest multiple of 10 a byte holds; larger bytes are drawn again.
            for byte in random.nextBytes(length) where byte < 250 && code.count < length {
                code.append(String(byte % 10))
            }
        }
        return code
    }

    /// `codes_remaining_for_user()`: the stored list's length (0 when it is not a list).
    public static func backupCodesLeft(_ state: StoredState) -> Int {
        guard let codes = state.backupCodes, case .array(let list)? = try? PHPUnserializer.maybeUnserialize(codes)
        else {
            return 0
        }
        return list.count
    }

    /// `is_available_for_user()`: TOTP needs a key, backup codes need codes left.
    static func isAvailable(_ provider: Provider, _ state: StoredState) -> Bool {
        switch provider {
        case .totp:
            return PHPValue.string(state.totpKey ?? []).isTruthy
        case .backupCodes:
            return backupCodesLeft(state) > 0
        case .email, .dummy:
            return true
        }
    }
}
