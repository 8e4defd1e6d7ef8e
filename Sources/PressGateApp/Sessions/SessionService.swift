import MemberStore
import PressGateHTTP
import WordPressCompat

/// The member and session behind a valid `logged_in` cookie (or, for the account pages of an https
/// site, the `secure_auth` one).
struct LoggedInMember {
    let member: Member
    let cookie: AuthCookie
}

/// Where sessions begin, are recognised and end: the one place every way in (the login form, the
/// thank-you page, a login link) starts a session, so that the guards on it live in one place.
struct SessionService {
    /// WordPress's cookie lifetimes: 2 days, or 14 with "Remember me" (`auth_cookie_expiration`).
    static let sessionLifetime = 2 * 86_400
    static let rememberedLifetime = 14 * 86_400

    let members: MemberRepository
    let sessions: SessionStore
    let audit: AuditLog
    let accountGuard: AccountGuard

    /// Starts a WordPress session for `member` (a row in `session_tokens` and the auth cookies),
    /// records `event` in the audit log in the same transaction, and answers with `response` plus
    /// the cookies. The ``AccountGuard`` decides first: a refused account gets no session, an audit
    /// row, and a ``SessionRefusal``.
    func start(
        for member: Member, context: RequestContext, remember: Bool, event: String, response: HTTPResponse,
        secondFactorPassed: Bool = false
    ) throws -> HTTPResponse {
        let request = context.request
        let verdict = try accountGuard.verdict(for: member, secondFactorPassed: secondFactorPassed)
        guard verdict == .allowed else {
            try audit.record(
                "login.refused", memberID: member.id, ip: request.remoteAddress, detail: "\(event): \(verdict.detail)")
            throw SessionRefusal(verdict: verdict)
        }
        let expiration = context.now + (remember ? Self.rememberedLifetime : Self.sessionLifetime)
        let token = try sessions.create(
            memberID: member.id, expiration: expiration, ip: request.remoteAddress,
            userAgent: request.header("user-agent"), now: context.now
        ) { transaction in
            try audit.record(event, memberID: member.id, ip: request.remoteAddress, in: transaction)
        }
        let cookies = try authCookies(
            for: member, token: token, expiration: expiration, remember: remember, context: context)
        return response.adding(cookies: cookies)
    }

    /// The `Set-Cookie` values of `wp_set_auth_cookie()`: the auth (or secure_auth on HTTPS)
    /// cookie on the plugins and admin paths, the logged-in cookie on COOKIEPATH and, when it
    /// differs, SITECOOKIEPATH; all HttpOnly and SameSite=Lax. With "Remember me" they expire 12
    /// hours after the session, as WordPress sets them; otherwise they last the browser session.
    func authCookies(
        for member: Member, token: String, expiration: Int, remember: Bool, context: RequestContext
    ) throws -> [String] {
        let keys = try context.keys
        // HTTPS, or a site whose home is https (then wp-admin, reached over https, reads secure_auth).
        let secure = try context.cookiesAreSecure()
        let names = keys.cookieNames
        let authName = secure ? names.secureAuth : names.auth
        let auth = try keys.signer.generate(
            login: member.login, userPass: member.passwordHash, expiration: expiration, token: token,
            scheme: secure ? .secureAuth : .auth)
        let loggedIn = try keys.signer.generate(
            login: member.login, userPass: member.passwordHash, expiration: expiration, token: token, scheme: .loggedIn)
        let expires = remember ? expiration + 12 * 3600 : nil
        let loggedInSecure = secure && keys.homeIsHTTPS
        func cookie(_ name: String, _ value: String, _ path: String, secure: Bool) -> String {
            Cookies.setCookie(name: name, value: value, path: path, expires: expires, secure: secure, now: context.now)
        }
        var cookies = [
            cookie(authName, auth.value, names.pluginsCookiePath, secure: secure),
            cookie(authName, auth.value, names.adminCookiePath, secure: secure),
            cookie(names.loggedIn, loggedIn.value, names.cookiePath, secure: loggedInSecure),
        ]
        if names.siteCookiePath != names.cookiePath {
            cookies.append(cookie(names.loggedIn, loggedIn.value, names.siteCookiePath, secure: loggedInSecure))
        }
        // The secure_auth cookie once more, on PressGate's own path: what its account pages require
        // on an https site (see SessionService+Account.swift).
        if secure { cookies.append(cookie(Self.accountCookieName(names), auth.value, context.path("/"), secure: true)) }
        return cookies
    }

    /// `wp_clear_auth_cookie()`: every auth cookie expired on every path.
    func clearedAuthCookies(_ context: RequestContext) throws -> [String] {
        let names = try context.keys.cookieNames
        let secure = try context.cookiesAreSecure()
        var cookies: [String] = []
        for name in [names.auth, names.secureAuth] {
            for path in [names.adminCookiePath, names.pluginsCookiePath] {
                cookies.append(Cookies.expired(name: name, path: path, secure: secure))
            }
        }
        for path in Set([names.cookiePath, names.siteCookiePath]).sorted() {
            cookies.append(Cookies.expired(name: names.loggedIn, path: path, secure: secure))
        }
        cookies.append(Cookies.expired(name: Self.accountCookieName(names), path: context.path("/"), secure: secure))
        return cookies
    }

    /// The member and session behind the request's `wordpress_logged_in_` cookie, validated as
    /// `wp_validate_auth_cookie($cookie, 'logged_in')` does (HMAC, expiry, live session).
    func loggedInMember(_ context: RequestContext) throws -> LoggedInMember? {
        let keys = try context.keys
        return try member(behind: context.request.cookies[keys.cookieNames.loggedIn], scheme: .loggedIn, context)
    }

    /// The member and session behind an auth cookie `value` of `scheme`, validated as
    /// `wp_validate_auth_cookie($value, $scheme)` does; nil for no cookie or an invalid one.
    func member(behind value: String?, scheme: AuthCookieScheme, _ context: RequestContext) throws -> LoggedInMember? {
        guard let value else { return nil }
        let keys = try context.keys
        var found: Member?
        // A database failure must not read as "not logged in": it is rethrown (503), not a 401.
        var lookupError: Error?
        let now = context.now
        let validation = try keys.signer.validate(
            value, scheme: scheme, now: now, isPostOrAJAX: context.request.method == .post,
            findUser: { login in
                do { found = try members.find(login: login) } catch { lookupError = error }
                return found.map { AuthCookieUser(id: $0.id, userPass: $0.passwordHash) }
            },
            sessionIsLive: { user, token in
                do { return try sessions.verify(memberID: user.id, token: token, now: now) } catch {
                    lookupError = error
                    return false
                }
            })
        if let lookupError { throw lookupError }
        guard case .valid(_, let cookie) = validation, let member = found else { return nil }
        return LoggedInMember(member: member, cookie: cookie)
    }
}
