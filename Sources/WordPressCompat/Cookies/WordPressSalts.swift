/// `wp_salt($scheme)`: the secret behind every cookie HMAC, from wp-config.php's constants with
/// WordPress's fallbacks to the site options.
public struct WordPressSalts: Sendable {
    /// The ten constants `wp_salt()` looks at (the eight of wp-config.php plus the legacy pair).
    public static let constantNames: [String] = ["AUTH", "SECURE_AUTH", "LOGGED_IN", "NONCE", "SECRET"]
        .flatMap { first in ["KEY", "SALT"].map { "\(first)_\($0)" } }
    /// The schemes whose key and salt come from their own constants or options.
    static let namedSchemes: Set<String> = ["auth", "secure_auth", "logged_in", "nonce"]
    static let placeholder = "put your unique phrase here"

    /// Constants defined in wp-config.php, by name (only the ten above matter).
    public let constants: [String: String]
    /// `<scheme>_key` / `<scheme>_salt` / `secret_key` rows of `<prefix>options` (`wp_sitemeta` on multisite).
    public let options: [String: String]

    /// Values that count as not set: the placeholder and every value defined more than once.
    private let ignoredValues: Set<String>

    public init(constants: [String: String], options: [String: String] = [:]) {
        self.constants = constants
        self.options = options
        var seen: [String: Int] = [:]
        for name in Self.constantNames {
            if let value = constants[name] { seen[value, default: 0] += 1 }
        }
        ignoredValues = Set(seen.filter { $0.value > 1 }.keys).union([Self.placeholder])
    }

    /// Why no salt could be produced: WordPress would generate the missing option with
    /// `wp_generate_password(64, true, true)` and save it; that write belongs to the store.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case missingOption(String)
        public var description: String { "the site option \(missingOptionName) is not set" }
        public var missingOptionName: String {
            switch self {
            case .missingOption(let name): name
            }
        }
    }

    /// A constant's value if `wp_salt()` would use it: defined, truthy (not `""` or `"0"`), not the
    /// placeholder and not equal to another of the ten constants.
    func usableConstant(_ name: String) -> String? {
        guard let value = constants[name], !PHPString.isEmpty(value.utf8), !ignoredValues.contains(value) else {
            return nil
        }
        return value
    }

    private func option(_ name: String) -> String? {
        guard let value = options[name], !PHPString.isEmpty(value.utf8) else { return nil }
        return value
    }

    /// Mirrors `wp_salt($scheme)`, without the `salt` filter.
    public func salt(for scheme: String) throws(Failure) -> String {
        var key = usableConstant("SECRET_KEY") ?? ""
        var salt = scheme == "auth" ? usableConstant("SECRET_SALT") ?? "" : ""

        if Self.namedSchemes.contains(scheme) {
            for type in ["key", "salt"] {
                let current = type == "key" ? key : salt
                var value = current
                if let constant = usableConstant("\(scheme)_\(type)".uppercased()) {
                    value = constant
                } else if current.isEmpty {
                    guard let stored = option("\(scheme)_\(type)") else { throw .missingOption("\(scheme)_\(type)") }
                    value = stored
                }
                if type == "key" { key = value } else { salt = value }
            }
        } else {
            if key.isEmpty {
                guard let stored = option("secret_key") else { throw .missingOption("secret_key") }
                key = stored
            }
            salt = Hex.lowercase(OpenSSLDigest.hmac(.md5, key: Array(key.utf8), message: Array(scheme.utf8)))
        }
        return key + salt
    }

    /// Mirrors `wp_hash($data, $scheme)`: `hash_hmac('md5', $data, wp_salt($scheme))` as lowercase hex.
    public func hash(_ data: [UInt8], scheme: String) throws(Failure) -> String {
        Hex.lowercase(OpenSSLDigest.hmac(.md5, key: Array(try salt(for: scheme).utf8), message: data))
    }
}

extension WordPressSalts: CustomStringConvertible, CustomReflectable {
    /// Never prints a key or salt.
    public var description: String {
        "WordPressSalts(\(constants.count) constants, \(options.count) options, values redacted)"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
