import MemberStore
import WordPressCompat

extension AppWorker {
    /// WordPress's cookie lifetimes: 2 days, or 14 with "Remember me" (`auth_cookie_expiration`).
    static let sessionLifetime = 2 * 86_400
    static let rememberedLifetime = 14 * 86_400
    static let failureMessage = "The username or password is incorrect."

    /// `GET /auth/login`: the form, with a fresh CSRF nonce in a cookie.
    func showLogin(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let redirect = RedirectPolicy.target(request.query["redirect_to"], homeHost: keys.homeHost, fallback: app.settings.defaultRedirect)
        return loginForm(status: 200, request: request, keys: keys, redirectTo: redirect, message: nil)
    }

    func loginForm(status: Int, request: HTTPRequest, keys: SiteKeys, redirectTo: String, message: String?, login: String = "") -> HTTPResponse {
        let csrf = csrfForm(request, keys: keys)
        let page = LoginPage.render(prefix: app.settings.routePrefix, csrfToken: csrf.token, redirectTo: redirectTo, message: message,
                                    loginValue: login)
        return HTTPResponse.html(status, page).adding(header: "Set-Cookie", csrf.cookie)
    }

    /// `POST /auth/login` with wp-login.php's fields (`log`, `pwd`, `rememberme`, `redirect_to`).
    func login(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let redirect = RedirectPolicy.target(form["redirect_to"], homeHost: keys.homeHost, fallback: app.settings.defaultRedirect)
        let log = form["log"] ?? ""
        let now = UTCTime.now()
        let address = request.remoteAddress

        let member = log.isEmpty ? nil : try members.find(loginOrEmail: log)
        let account = throttleAccount(member: member, log: log)
        let throttling = try throttle.check(account: account, address: address, now: now)
        if case .refused(let retryAfter) = throttling {
            try audit.record("login.throttled", memberID: member?.id, ip: address, detail: member == nil ? "unknown account" : "")
            return failure(request, keys: keys, status: 429, redirect: redirect, log: log,
                           message: "Too many failed attempts. Please wait and try again.", headers: [("Retry-After", String(retryAfter))])
        }

        // wp-login.php's semantics: trim(addslashes(pwd)); "" and "0" never log in. Unknown
        // members and refused candidates still pay for one hash check.
        let candidate = LoginFormPassword.candidate(submitted: Array((form["pwd"] ?? "").utf8))
        let result = PasswordHasher.check(candidate ?? [0x30], against: member?.passwordHash ?? app.dummyHash,
                                          wordpress: app.configuration.wordpress)
        guard let member, let candidate, result.isMatch else {
            try throttle.recordFailure(account: account, address: address, now: now)
            try audit.record("login.failed", memberID: member?.id, ip: address, detail: member == nil ? "unknown account" : "credentials refused")
            return failure(request, keys: keys, status: 401, redirect: redirect, log: log, message: Self.failureMessage)
        }

        var current = member
        if app.hasher.needsRehash(member.passwordHash) {
            // As wp_authenticate_*_password do: the value that was checked, hashed in the target format.
            try members.setPassword(memberID: member.id, hash: try app.hasher.hash(candidate))
            // The new hash's pass_frag ends the member's other cookies, as in WordPress.
            app.gateCache.forget(memberID: member.id)
            current = try members.find(id: member.id) ?? member
        }
        let remember = ["forever", "1", "true", "on"].contains(form["rememberme"] ?? "")
        if case .allowed(failuresToClear: true) = throttling { try throttle.recordSuccess(account: account, address: address) }
        let response: HTTPResponse = request.wantsJSON
            ? .json(200, .object([("ok", true), ("user_id", .int(Int(member.id))), ("login", .string(current.login)), ("redirect_to", .string(redirect))]))
            : .redirect(to: redirect)
        return try startSession(for: current, request: request, keys: keys, remember: remember, event: "login.succeeded", now: now,
                                response: response)
    }

    /// The throttle key: the name as typed (normalised), for known and unknown accounts alike, so
    /// the throttle's answers never tell whether a login and an e-mail belong to one account. Stored
    /// only as a SHA-256 (people type passwords into the login field).
    func throttleAccount(member: Member?, log: String) -> String {
        let name = log.utf8.count > 1024 ? log : WordPressUsername.sanitize(log, strict: false).lowercased()
        return "name:" + SessionToken.verifier(for: name)
    }

    func failure(_ request: HTTPRequest, keys: SiteKeys, status: Int, redirect: String, log: String, message: String,
                 headers: [(String, String)] = []) -> HTTPResponse {
        var response = request.wantsJSON
            ? HTTPResponse.json(status, .object([("error", .string(message))]))
            : loginForm(status: status, request: request, keys: keys, redirectTo: redirect, message: message, login: log)
        response.headers += headers
        return response
    }
}
