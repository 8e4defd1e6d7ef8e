/// Password-reset keys: `get_password_reset_key()` and `check_password_reset_key()`.
public enum ResetKey {
    /// `wp_generate_password(20, false)`.
    public static let length = 20
    /// `password_reset_expiration`'s default, `DAY_IN_SECONDS`.
    public static let defaultLifetime = 86_400

    /// The outcome of ``check(submitted:stored:now:wordpress:lifetime:)``. WordPress shows the same
    /// "Invalid key" message for both failures; they differ only in the error code.
    public enum Verdict: String, Sendable {
        case valid, expired, invalid
    }

    public static func generate() -> String {
        var random = SystemRandom()
        return generate(using: &random)
    }

    public static func generate(using random: inout some RandomByteSource) -> String {
        PasswordGenerator(length: length, alphabet: .alphanumeric).generate(using: &random)
    }

    /// The `user_activation_key` value for `key` issued at `time` (unix seconds): 6.1–6.7 store
    /// `"<time>:" . PasswordHash->HashPassword($key)`, 6.8+ `"<time>:" . wp_fast_hash($key)`.
    public static func storedValue(for key: String, issuedAt time: Int, wordpress: WordPressVersion) -> String {
        var random = SystemRandom()
        return storedValue(for: key, issuedAt: time, wordpress: wordpress, using: &random)
    }

    public static func storedValue(
        for key: String, issuedAt time: Int, wordpress: WordPressVersion,
        using random: inout some RandomByteSource
    ) -> String {
        let keyBytes = Array(key.utf8)
        switch wordpress {
        case .v6_1:
            // A 20-character key is far below phpass's limit, so HashPassword cannot fail here.
            return "\(time):" + (PHPass.hash(keyBytes, using: &random) ?? "*")
        case .v6_8:
            return "\(time):" + FastHash.hash(keyBytes)
        }
    }

    /// Mirrors `check_password_reset_key($key, $login)` once the user is found: the submitted key
    /// loses every non-alphanumeric character, the stored value is split at its first `:`, and a
    /// key is valid only while `now < time + lifetime`. Legacy forms (no timestamp, or a plaintext
    /// key from before WordPress 3.7) are `expired`, never `valid`.
    public static func check(
        submitted: String, stored: String, now: Int, wordpress: WordPressVersion,
        lifetime: Int = defaultLifetime
    ) -> Verdict {
        let key = submitted.utf8.filter(PHPString.isAlphanumeric)
        guard !PHPString.isEmpty(key) else { return .invalid }

        let storedBytes = Array(stored.utf8)
        var passKey = storedBytes
        var expiration: Int?
        if let colon = storedBytes.firstIndex(of: UInt8(ascii: ":")) {
            // PHP 8 throws a TypeError (a fatal error) on a non-numeric time; treat it as invalid.
            guard let requestTime = PHPNumber.leadingInteger(storedBytes[..<colon]) else { return .invalid }
            passKey = Array(storedBytes[(colon + 1)...])
            expiration = requestTime + lifetime
        }
        guard !PHPString.isEmpty(passKey) else { return .invalid }

        let passKeyString = String(decoding: passKey, as: UTF8.self)
        let matches =
            switch wordpress {
            case .v6_1: PHPass.check(key, against: passKeyString)
            case .v6_8: FastHash.verify(key, against: passKeyString)
            }
        // `$expiration_time` is falsy when it is 0 as well as when there was no timestamp.
        if matches, let expiration, expiration != 0 {
            return now < expiration ? .valid : .expired
        }
        if ConstantTime.equals(storedBytes, key) || matches {
            return .expired
        }
        return .invalid
    }
}
