/// Which WordPress the site runs, as far as credentials are concerned. Everything that differs
/// between 6.1–6.7 and 6.8+ (readable hash formats, the cookie `pass_frag` rule, reset-key storage)
/// is selected by this value.
public enum WordPressVersion: String, CaseIterable, Sendable, CustomStringConvertible {
    /// WordPress 6.1 to 6.7: phpass hashes, `substr(user_pass, 8, 4)` pass_frag, phpass reset keys.
    case v6_1 = "6.1"
    /// WordPress 6.8 and later: `$wp$2y$` bcrypt, the new pass_frag rule, `$generic$` reset keys.
    case v6_8 = "6.8"

    /// Reads a version such as `6.7.2`, `6.8`, `7.1` or `7.2-alpha-63338` (`$wp_version` in
    /// `wp-includes/version.php`). Versions before 6.1 behave as 6.1 here.
    public init?(versionString: String) {
        let numbers = versionString.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard let major = numbers.first else { return nil }
        let minor = numbers.count > 1 ? numbers[1] : 0
        self = (major, minor) >= (6, 8) ? .v6_8 : .v6_1
    }

    public var description: String {
        switch self {
        case .v6_1: "WordPress 6.1–6.7"
        case .v6_8: "WordPress 6.8+"
        }
    }
}
