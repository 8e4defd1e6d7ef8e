/// Session tokens as `WP_Session_Tokens` makes them: `wp_generate_password(43, false, false)` in
/// the cookie, and only `hash('sha256', $token)` (the verifier) in the database.
public enum SessionToken {
    public static let length = 43

    public static func generate() -> String {
        var random = SystemRandom()
        return generate(using: &random)
    }

    public static func generate(using random: inout some RandomByteSource) -> String {
        PasswordGenerator(length: length, alphabet: .alphanumeric).generate(using: &random)
    }

    /// Mirrors `WP_Session_Tokens::hash_token()`: 64 lowercase hex characters.
    public static func verifier(for token: String) -> String {
        Hex.lowercase(OpenSSLDigest.sha256(Array(token.utf8)))
    }
}

/// One session of the `session_tokens` map: a PHP array whose keys are kept in stored order so a
/// session that a plugin extended (`attach_session_information`) is written back unchanged.
public struct WordPressSession: Equatable, Sendable {
    public private(set) var fields: PHPArray

    public init(fields: PHPArray) {
        self.fields = fields
    }

    /// Mirrors `WP_Session_Tokens::create()`: `expiration`, then `ip` and `ua` only when not
    /// `empty()`, then `login` (the creation time).
    public init(expiration: Int, ip: String?, userAgent: String?, login: Int) {
        var fields = PHPArray()
        fields["expiration"] = .int(expiration)
        if let ip, !PHPString.isEmpty(ip.utf8) { fields["ip"] = .string(ip) }
        if let userAgent, !PHPString.isEmpty(userAgent.utf8) { fields["ua"] = .string(userAgent) }
        fields["login"] = .int(login)
        self.fields = fields
    }

    /// The expiration as PHP compares it (an int, or a numeric string from older writers).
    public var expiration: Int? {
        switch fields["expiration"] {
        case .int(let value): value
        case .string(let text): PHPNumber.leadingInteger(text)
        default: nil
        }
    }

    public var ip: String? { fields["ip"]?.stringValue.map { String(decoding: $0, as: UTF8.self) } }
    public var userAgent: String? { fields["ua"]?.stringValue.map { String(decoding: $0, as: UTF8.self) } }
    public var login: Int? { fields["login"]?.intValue }

    /// `WP_Session_Tokens::is_still_valid()`: `$session['expiration'] >= time()`.
    public func isLive(at now: Int) -> Bool {
        guard let expiration else { return false }
        return expiration >= now
    }
}
