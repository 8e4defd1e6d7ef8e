/// Why the configuration could not be loaded. Each message names the file, constant or key to fix,
/// and never contains a secret value.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileUnreadable(path: String, reason: String)
    case missingConstant(name: String, path: String)
    case unreadableConstant(name: String, path: String, override: String?)
    case invalidTablePrefix(path: String)
    case invalidDatabaseHost(path: String)
    case wordPressVersionUnknown(path: String)
    case unknownSetting(key: String, source: String)
    case invalidSetting(key: String, source: String, expected: String)
    case conflictingSettings(String)

    public var description: String {
        switch self {
        case .fileUnreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .missingConstant(let name, let path):
            "\(path) does not define \(name)"
        case .unreadableConstant(let name, let path, let override):
            "\(path) sets \(name) with an expression PressGate cannot evaluate (only literals are read)"
                + (override.map { "; define it as a string or set \($0)" } ?? "; define it as a string")
        case .invalidTablePrefix(let path):
            "\(path): $table_prefix may contain only A-Z, a-z, 0-9 and _ (WordPress: \"Invalid table prefix\")"
        case .invalidDatabaseHost(let path):
            "\(path): DB_HOST is not a host, host:port, :/socket or [IPv6] form WordPress accepts"
        case .wordPressVersionUnknown(let path):
            "cannot find $wp_version in \(path); set wordpress_version in the PressGate configuration"
        case .unknownSetting(let key, let source):
            "\(source): unknown setting \(key)"
        case .invalidSetting(let key, let source, let expected):
            "\(source): \(key) must be \(expected)"
        case .conflictingSettings(let message):
            message
        }
    }
}
