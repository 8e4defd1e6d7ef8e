/// The three authentication cookie schemes; each has its own salt.
public enum AuthCookieScheme: String, Sendable, CaseIterable {
    case auth
    case secureAuth = "secure_auth"
    case loggedIn = "logged_in"
}

/// The four `|`-separated fields of an auth cookie: `login|expiration|token|hmac`.
public struct AuthCookie: Equatable, Sendable {
    public let login: String
    /// Kept as the string the cookie carries: the HMAC is computed over exactly these characters.
    public let expiration: String
    public let token: String
    public let hmac: String

    /// Mirrors `wp_parse_auth_cookie()`: exactly four fields, or nil (`malformed`).
    public init?(_ value: String) {
        let fields = value.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4 else { return nil }
        login = String(fields[0])
        expiration = String(fields[1])
        token = String(fields[2])
        hmac = String(fields[3])
    }

    init(login: String, expiration: String, token: String, hmac: String) {
        self.login = login
        self.expiration = expiration
        self.token = token
        self.hmac = hmac
    }

    /// The cookie value, before the percent-encoding PHP's `setcookie()` applies on the wire.
    public var value: String { "\(login)|\(expiration)|\(token)|\(hmac)" }
}

/// The member an auth cookie names, as the store found them by the cookie's login.
public struct AuthCookieUser: Sendable {
    public let id: UInt64
    /// `user_pass` as stored: four of its characters are mixed into the cookie HMAC.
    public let userPass: String

    public init(id: UInt64, userPass: String) {
        self.id = id
        self.userPass = userPass
    }
}

/// The outcome of ``AuthCookieSigner/validate(_:scheme:now:isPostOrAJAX:findUser:sessionIsLive:)``,
/// one case for each action `wp_validate_auth_cookie()` fires.
public enum AuthCookieValidation: Equatable, Sendable {
    case valid(userID: UInt64, cookie: AuthCookie)
    case malformed
    case expired
    case badUsername
    case badHash
    case badSessionToken

    public var userID: UInt64? {
        if case .valid(let id, _) = self { return id }
        return nil
    }
}
