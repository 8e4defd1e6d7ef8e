import MemberStore
import WordPressCompat

extension AppWorker {
    /// The `Set-Cookie` headers of `wp_set_auth_cookie()`: the auth (or secure_auth on HTTPS)
    /// cookie on the plugins and admin paths, the logged-in cookie on COOKIEPATH and, when it
    /// differs, SITECOOKIEPATH; all HttpOnly and SameSite=Lax. With "Remember me" they expire 12
    /// hours after the session, as WordPress sets them; otherwise they last the browser session.
    func authCookies(for member: Member, token: String, expiration: Int, remember: Bool, request: HTTPRequest,
                     keys: SiteKeys) throws -> [String] {
        let secure = request.isHTTPS
        let scheme: AuthCookieScheme = secure ? .secureAuth : .auth
        let names = keys.cookieNames
        let authName = secure ? names.secureAuth : names.auth
        let auth = try keys.signer.generate(login: member.login, userPass: member.passwordHash, expiration: expiration, token: token, scheme: scheme)
        let loggedIn = try keys.signer.generate(login: member.login, userPass: member.passwordHash, expiration: expiration, token: token,
                                                scheme: .loggedIn)
        let expires = remember ? expiration + 12 * 3600 : nil
        let loggedInSecure = secure && keys.homeIsHTTPS
        var cookies = [
            Cookies.setCookie(name: authName, value: auth.value, path: names.pluginsCookiePath, expires: expires, secure: secure),
            Cookies.setCookie(name: authName, value: auth.value, path: names.adminCookiePath, expires: expires, secure: secure),
            Cookies.setCookie(name: names.loggedIn, value: loggedIn.value, path: names.cookiePath, expires: expires, secure: loggedInSecure),
        ]
        if names.siteCookiePath != names.cookiePath {
            cookies.append(Cookies.setCookie(name: names.loggedIn, value: loggedIn.value, path: names.siteCookiePath, expires: expires,
                                             secure: loggedInSecure))
        }
        return cookies
    }

    /// Starts a WordPress session for `member` (a row in `session_tokens` and the auth cookies), records
    /// `event` in the audit log, and answers with `response` plus the cookies. Every way in — the
    /// login form, the thank-you page, a login link — ends here.
    func startSession(for member: Member, request: HTTPRequest, keys: SiteKeys, remember: Bool, event: String,
                      now: Int, response: HTTPResponse) throws -> HTTPResponse {
        let expiration = now + (remember ? Self.rememberedLifetime : Self.sessionLifetime)
        let token = try sessions.create(memberID: member.id, expiration: expiration, ip: request.remoteAddress,
                                        userAgent: request.header("user-agent"), now: now) { transaction in
            try audit.record(event, memberID: member.id, ip: request.remoteAddress, in: transaction)
        }
        var response = response
        response.headers += try authCookies(for: member, token: token, expiration: expiration, remember: remember, request: request, keys: keys)
            .map { ("Set-Cookie", $0) }
        return response
    }

    /// `wp_clear_auth_cookie()`: every auth cookie expired on every path.
    func clearedAuthCookies(secure: Bool, keys: SiteKeys) -> [String] {
        let names = keys.cookieNames
        var cookies: [String] = []
        for name in [names.auth, names.secureAuth] {
            for path in [names.adminCookiePath, names.pluginsCookiePath] { cookies.append(Cookies.expired(name: name, path: path, secure: secure)) }
        }
        for path in Set([names.cookiePath, names.siteCookiePath]).sorted() {
            cookies.append(Cookies.expired(name: names.loggedIn, path: path, secure: secure))
        }
        return cookies
    }

    /// The member and session behind the request's `wordpress_logged_in_` cookie, validated as
    /// `wp_validate_auth_cookie($cookie, 'logged_in')` does (HMAC, expiry, live session).
    func loggedInMember(_ request: HTTPRequest, keys: SiteKeys, now: Int) throws -> (Member, AuthCookie)? {
        guard let value = request.cookies[keys.cookieNames.loggedIn] else { return nil }
        var found: Member?
        // A database failure must not read as "not logged in": it is rethrown (503), not a 401.
        var lookupError: Error?
        let isPost = request.method == "POST"
        let validation = try keys.signer.validate(
            value, scheme: .loggedIn, now: now, isPostOrAJAX: isPost,
            findUser: { login in
                do { found = try members.find(login: login) } catch { lookupError = error }
                return found.map { AuthCookieUser(id: $0.id, userPass: $0.passwordHash) }
            },
            sessionIsLive: { user, token in
                do { return try sessions.verify(memberID: user.id, token: token, now: now) } catch { lookupError = error; return false }
            })
        if let lookupError { throw lookupError }
        guard case .valid(_, let cookie) = validation, let member = found else { return nil }
        return (member, cookie)
    }
}
