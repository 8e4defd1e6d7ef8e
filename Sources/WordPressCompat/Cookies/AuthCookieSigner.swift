/// `wp_generate_auth_cookie()` and `wp_validate_auth_cookie()` for one site's salts and version.
public struct AuthCookieSigner: Sendable {
    public let salts: WordPressSalts
    public let wordpress: WordPressVersion

    /// `HOUR_IN_SECONDS` of grace for POST and AJAX requests.
    static let postGracePeriod = 3600

    public init(salts: WordPressSalts, wordpress: WordPressVersion) {
        self.salts = salts
        self.wordpress = wordpress
    }

    /// Mirrors `wp_generate_auth_cookie($user_id, $expiration, $scheme, $token)`.
    public func generate(
        login: String, userPass: String, expiration: Int, token: String,
        scheme: AuthCookieScheme
    ) throws(WordPressSalts.Failure) -> AuthCookie {
        let expirationString = String(expiration)
        let hmac = try signature(
            login: login, userPass: userPass, expiration: expirationString, token: token, scheme: scheme)
        return AuthCookie(login: login, expiration: expirationString, token: token, hmac: hmac)
    }

    /// Mirrors `wp_validate_auth_cookie($cookie, $scheme)` in its order of checks: fields, expiry
    /// (with the grace hour for POST/AJAX), user, HMAC, session. The store supplies the two
    /// look-ups: the member by login (WordPress's collation rules) and whether the session token
    /// is live (`WP_Session_Tokens::verify`).
    public func validate(
        _ value: String, scheme: AuthCookieScheme, now: Int, isPostOrAJAX: Bool = false,
        findUser: (String) -> AuthCookieUser?,
        sessionIsLive: (AuthCookieUser, String) -> Bool
    ) throws(WordPressSalts.Failure) -> AuthCookieValidation {
        guard let cookie = AuthCookie(value) else { return .malformed }
        // WordPress compares the expiration as it stands (6.1) or as (int) (6.8+); a cookie WordPress
        // minted always carries decimal digits, and any other value cannot carry a valid HMAC, so it
        // is refused here as malformed rather than taken through PHP's string comparison rules.
        guard let expiration = Self.decimalInteger(cookie.expiration) else { return .malformed }
        let deadline = isPostOrAJAX ? expiration + Self.postGracePeriod : expiration
        guard deadline >= now else { return .expired }
        guard let user = findUser(cookie.login) else { return .badUsername }
        let expected = try signature(
            login: cookie.login, userPass: user.userPass, expiration: cookie.expiration,
            token: cookie.token, scheme: scheme)
        guard ConstantTime.equals(expected, cookie.hmac) else { return .badHash }
        guard sessionIsLive(user, cookie.token) else { return .badSessionToken }
        return .valid(userID: user.id, cookie: cookie)
    }

    /// `hash_hmac('sha256', "$login|$expiration|$token", wp_hash("$login|$pass_frag|$expiration|$token", $scheme))`:
    /// the key is the *hex text* of the inner HMAC-MD5.
    func signature(
        login: String, userPass: String, expiration: String, token: String,
        scheme: AuthCookieScheme
    ) throws(WordPressSalts.Failure) -> String {
        let fragment = String(decoding: passFragment(userPass), as: UTF8.self)
        let key = try salts.hash(Array("\(login)|\(fragment)|\(expiration)|\(token)".utf8), scheme: scheme.rawValue)
        let mac = OpenSSLDigest.hmac(
            .sha256, key: Array(key.utf8), message: Array("\(login)|\(expiration)|\(token)".utf8))
        return Hex.lowercase(mac)
    }

    /// `$pass_frag`: 6.1–6.7 take `substr($user_pass, 8, 4)`; 6.8+ take the same for `$P$` and
    /// `$2y$` hashes and the last four characters of anything else.
    func passFragment(_ userPass: String) -> [UInt8] {
        let bytes = Array(userPass.utf8)
        switch wordpress {
        case .v6_1:
            return PHPString.substr(bytes, 8, 4)
        case .v6_8:
            if userPass.hasPrefix("$P$") || userPass.hasPrefix("$2y$") { return PHPString.substr(bytes, 8, 4) }
            return PHPString.substr(bytes, -4)
        }
    }

    /// An optional `-` and 1–18 decimal digits.
    static func decimalInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
