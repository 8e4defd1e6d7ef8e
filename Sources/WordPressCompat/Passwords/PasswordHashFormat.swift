/// The formats a stored `user_pass` can take, recognised by prefix and length the way
/// `wp_check_password()` routes them.
public enum PasswordHashFormat: Equatable, Sendable {
    /// 32 characters or fewer: WordPress's legacy branch, `md5()` as lowercase hex. Every short
    /// value goes there (empty, `*`, DES crypt) and all but real MD5 hex fail.
    case legacyMD5
    /// `$P$`: phpass portable, what WordPress ≤ 6.7 writes.
    case phpass
    /// `$H$`: phpBB3's name for phpass; read by 6.1–6.7 only.
    case phpassPHPBB
    /// `$wp$2y$…`: WordPress 6.8+'s bcrypt over an HMAC-SHA384 pre-hash.
    case wordPressBcrypt
    /// Plain bcrypt `$2y$`, `$2a$`, `$2b$`, `$2x$`.
    case bcrypt
    /// crypt `$1$` (MD5-crypt), `$5$` (SHA-256-crypt), `$6$` (SHA-512-crypt).
    case md5Crypt, sha256Crypt, sha512Crypt
    case argon2i, argon2id
    /// Anything else longer than 32 characters.
    case unknown

    /// Prefixes in the order they are tried (`$argon2id$` before `$argon2i$`).
    private static let prefixes: [(String, PasswordHashFormat)] = [
        ("$P$", .phpass), ("$H$", .phpassPHPBB), ("$wp", .wordPressBcrypt),
        ("$2y$", .bcrypt), ("$2a$", .bcrypt), ("$2b$", .bcrypt), ("$2x$", .bcrypt),
        ("$1$", .md5Crypt), ("$5$", .sha256Crypt), ("$6$", .sha512Crypt),
        ("$argon2id$", .argon2id), ("$argon2i$", .argon2i),
    ]

    public init(_ hash: String) {
        guard hash.utf8.count > 32 else {
            self = .legacyMD5
            return
        }
        self = Self.prefixes.first { hash.hasPrefix($0.0) }?.1 ?? .unknown
    }
}

/// The outcome of a password check. A wrong password is `.mismatch`; a stored value that cannot be
/// checked at all is `.uncheckable` with the reason, never a trap.
public enum PasswordCheckResult: Equatable, Sendable {
    case match
    case mismatch
    case uncheckable(Reason)

    public enum Reason: String, Sendable {
        /// Over the 4096-byte limit of the phpass and bcrypt paths.
        case passwordTooLong
        /// A format this WordPress version cannot read (`$wp$` on 6.1, `$H$` and argon2 … on 6.8).
        case unreadableFormat
        /// argon2 parameters beyond what PressGate is willing to spend memory or time on.
        case unsupportedParameters
    }

    public var isMatch: Bool { self == .match }
}
