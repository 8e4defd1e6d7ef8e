/// The format PressGate writes when it hashes a password, and so the format outdated hashes are
/// upgraded to at login.
public enum PasswordHashTarget: Equatable, Sendable, CustomStringConvertible {
    /// phpass `$P$B`: read by every WordPress version (the default).
    case phpass
    /// WordPress 6.8+'s `$wp$2y$<cost>$…`; refused for a 6.1–6.7 site, which cannot read it.
    case wordPressBcrypt(cost: Int)

    /// PHP 8.2's default bcrypt cost, which WordPress 6.8 does not pin.
    public static let defaultBcryptCost = 10
    /// What libxcrypt and PHP accept for bcrypt.
    public static let bcryptCostRange = 4...31

    /// Reads the configuration names `phpass` and `wp-bcrypt`.
    public init?(name: String, bcryptCost: Int = defaultBcryptCost) {
        switch name {
        case "phpass": self = .phpass
        case "wp-bcrypt": self = .wordPressBcrypt(cost: bcryptCost)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .phpass: "phpass"
        case .wordPressBcrypt(let cost): "wp-bcrypt (cost \(cost))"
        }
    }
}

/// Why a password could not be hashed or a hasher could not be configured.
public enum PasswordHashingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Longer than WordPress's 4096-byte limit (`wp_hash_password` would return `"*"`).
    case passwordTooLong
    /// The target format cannot be read by the site's WordPress.
    case targetUnreadable(PasswordHashTarget, by: WordPressVersion)
    /// A bcrypt cost outside 4…31.
    case invalidBcryptCost(Int)
    /// libxcrypt refused to produce a bcrypt hash.
    case bcryptFailed

    public var description: String {
        switch self {
        case .passwordTooLong: "password is longer than \(PHPass.maximumPasswordLength) bytes"
        case .targetUnreadable(let target, let version): "\(target) hashes cannot be read by \(version)"
        case .invalidBcryptCost(let cost): "bcrypt cost \(cost) is outside \(PasswordHashTarget.bcryptCostRange)"
        case .bcryptFailed: "bcrypt hashing failed"
        }
    }
}
