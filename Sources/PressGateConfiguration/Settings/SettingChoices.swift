import WordPressCompat

/// `log_level`: how much `pressgate` logs. The CLI maps it to swift-log's `Logger.Level` (this
/// module does not import swift-log).
public enum LogLevel: String, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// `log_format`: how log lines are written on standard error.
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's plain lines, for a terminal.
    case text
    /// One JSON object per line (time, level, message, metadata), for log shippers and fail2ban.
    case json
    /// The message with a `<priority>` prefix, as journald reads standard error under systemd.
    case journald
}

/// `hash_format`: the hash PressGate writes for a new or changed password.
public enum HashFormat: String, Sendable, CaseIterable {
    /// `$P$B` phpass, read by every WordPress version.
    case phpass
    /// `$wp$2y$` bcrypt, read by WordPress 6.8 and later only.
    case wordPressBcrypt = "wp-bcrypt"

    /// The hash target of this format with `bcryptCost` (used by `wp-bcrypt` only).
    public func target(bcryptCost: Int) -> PasswordHashTarget {
        switch self {
        case .phpass: .phpass
        case .wordPressBcrypt: .wordPressBcrypt(cost: bcryptCost)
        }
    }
}

/// `reset_link_style`: which page the e-mailed reset and set-password links open.
public enum ResetLinkStyle: String, Sendable, CaseIterable {
    /// PressGate's own page, `<route_prefix>/password/reset`.
    case pressgate
    /// wp-login.php's `action=rp` form (WordPress 6.7+ URL form).
    case wordpress
}
