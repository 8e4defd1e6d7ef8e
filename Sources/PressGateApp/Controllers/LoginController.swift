import MemberStore
import PressGateHTTP
import WordPressCompat

/// The login form and logout: `GET/POST /auth/login` with wp-login.php's fields (`log`, `pwd`,
/// `rememberme`, `redirect_to`), and `POST /auth/logout`.
struct LoginController: RouteController {
    static let failureMessage = "The username or password is incorrect."
    static let throttledMessage = "Too many failed attempts. Please wait and try again."

    let app: PressGateApp
    let members: MemberRepository
    let throttle: LoginThrottle
    let audit: AuditLog
    let sessions: SessionService
    let twoFactor: TwoFactorController

    func register(on routes: RouterGroup) {
        routes.get("/login", showLogin)
        let forms = routes.group(middleware: [SameSiteMiddleware()])
        forms.costly(app).post("/login", login)
        forms.post("/logout", logout)
    }

    /// `GET /auth/login`: the form, with a fresh CSRF nonce in a cookie.
    func showLogin(_ context: RequestContext) throws -> HTTPResponse {
        let redirect = try redirectTarget(context.request.query["redirect_to"], context)
        return try loginForm(context, status: 200, redirectTo: redirect, message: nil)
    }

    func loginForm(
        _ context: RequestContext, status: HTTPStatus, redirectTo: String, message: String?, login: String = ""
    ) throws -> HTTPResponse {
        let page = LoginPage.render(
            prefix: context.prefix, csrfToken: try context.csrfToken(), redirectTo: redirectTo, message: message,
            loginValue: login)
        return context.page(status, page)
    }

    /// `POST /auth/login`: wp-login.php's checks, the throttle, a rehash to the target format, and
    /// the session. Every failure gets the same answer whether or not the account exists.
    func login(_ context: RequestContext) throws -> HTTPResponse {
        let form = try context.form()
        let redirect = try redirectTarget(form["redirect_to"], context)
        let log = form["log"] ?? ""
        let address = context.request.remoteAddress

        let member = log.isEmpty ? nil : try members.find(loginOrEmail: log)
        let account = ThrottleSubject.account(member: member, typed: log)
        let throttling = try throttle.check(account: account, address: address, now: context.now)
        if case .refused(let retryAfter) = throttling {
            // For fail2ban and SIEMs (the shipped filter matches it): the address, never the name typed.
            context.logger.notice("login throttled", metadata: ["client.address": "\(address)"])
            AppMetrics.login("throttled")
            try audit.count(
                "login.throttled", memberID: member?.id, ip: address, detail: member == nil ? "unknown account" : "",
                now: context.now)
            return try failure(
                context, status: 429, redirect: redirect, log: log, message: Self.throttledMessage,
                headers: [("Retry-After", String(retryAfter))])
        }

        // wp-login.php's semantics: trim(addslashes(pwd)); "" and "0" never log in. Unknown
        // members and refused candidates still pay for one hash check; an absurdly long password
        // (over password_max_bytes) pays for none, member or not.
        let submitted = Array((form["pwd"] ?? "").utf8)
        let withinLimit = submitted.count <= app.passwordPolicy.maximumBytes
        let candidate = withinLimit ? LoginFormPassword.candidate(submitted: submitted) : nil
        var matched = false
        if withinLimit {
            let stored = try member?.passwordHash ?? dummyHash(context)
            matched =
                PasswordHasher.check(candidate ?? [0x30], against: stored, wordpress: app.configuration.wordpress)
                .isMatch
        }
        guard let member, let candidate, matched else {
            context.logger.notice("login failed", metadata: ["client.address": "\(address)"])
            AppMetrics.login("failed")
            try throttle.recordFailure(account: account, address: address, now: context.now)
            try audit.record(
                "login.failed", memberID: member?.id, ip: address,
                detail: !withinLimit
                    ? "password over password_max_bytes" : member == nil ? "unknown account" : "credentials refused")
            return try failure(context, status: 401, redirect: redirect, log: log, message: Self.failureMessage)
        }

        var current = member
        if app.hasher.needsRehash(member.passwordHash) {
            // As wp_authenticate_*_password do: the value that was checked, hashed in the target format.
            try members.setPassword(memberID: member.id, hash: try app.hasher.hash(candidate))
            // The new hash's pass_frag ends the member's other cookies, as in WordPress.
            app.gateCache.forget(memberID: member.id)
            current = try members.find(id: member.id) ?? member
        }
        context.memberID = member.id
        let remember = ["forever", "1", "true", "on"].contains(form["rememberme"] ?? "")
        let response: HTTPResponse =
            context.request.wantsJSON
            ? .json(
                200,
                .object([
                    ("ok", true), ("user_id", .int(Int(member.id))), ("login", .string(current.login)),
                    ("redirect_to", .string(redirect)),
                ]))
            : .redirect(to: redirect)
        let started: HTTPResponse
        do {
            started = try sessions.start(
                for: current, context: context, remember: remember, event: "login.succeeded", response: response)
        } catch let refusal as SessionRefusal {
            return try refused(
                refusal.verdict, member: current, context, redirect: redirect, remember: remember, log: log)
        }
        if case .allowed(failuresToClear: true) = throttling {
            try throttle.recordSuccess(account: account, address: address)
        }
        AppMetrics.login("ok")
        return started
    }

    /// A right password for an account the guard refuses: privileged and blocked accounts get the
    /// answer of any failed login (nothing tells them apart from a wrong password); a member whose
    /// Two Factor plugin asks for a code gets the second step (``TwoFactorController``), or, when
    /// PressGate does not run the member's providers (or another plugin protects the account), the
    /// way to wp-login.php, which asks for the second factor.
    func refused(
        _ verdict: AccountGuard.Verdict, member: Member, _ context: RequestContext, redirect: String, remember: Bool,
        log: String
    ) throws -> HTTPResponse {
        guard case .twoFactor(let plugin) = verdict else {
            AppMetrics.login("refused")
            return try failure(context, status: 401, redirect: redirect, log: log, message: Self.failureMessage)
        }
        AppMetrics.login("second_factor")
        if plugin == AccountGuard.twoFactorPlugin,
            let step = try twoFactor.begin(member: member, context: context, redirect: redirect, remember: remember)
        {
            return step
        }
        let wpLogin = try context.keys.siteURL + "/wp-login.php"
        let message = "Your account uses two-step verification. Please log in at \(wpLogin)."
        if context.request.wantsJSON {
            return .json(403, .object([("error", .string(message)), ("login_url", .string(wpLogin))]))
        }
        return try loginForm(context, status: 403, redirectTo: redirect, message: message, login: log)
    }

    /// `POST /auth/logout`: ends this session (`WP_Session_Tokens::destroy`) and expires the cookies.
    func logout(_ context: RequestContext) throws -> HTTPResponse {
        if let session = try sessions.loggedInMember(context) {
            let member = session.member
            try sessions.sessions.destroy(memberID: member.id, token: session.cookie.token, now: context.now)
            app.gateCache.forget(memberID: member.id)
            try audit.record("logout", memberID: member.id, ip: context.request.remoteAddress)
        }
        let redirect = try redirectTarget(try context.form()["redirect_to"], context)
        let response: HTTPResponse =
            context.request.wantsJSON ? .json(200, .object([("ok", true)])) : .redirect(to: redirect)
        return response.adding(cookies: try sessions.clearedAuthCookies(context))
    }

    /// The stranger's hash: one of the shape most members have (``DummyHash``).
    func dummyHash(_ context: RequestContext) throws -> String {
        try app.dummyHash.current(now: context.now) {
            try members.recentPasswordHashes(limit: DummyHash.sampleSize)
        }
    }

    func redirectTarget(_ requested: String?, _ context: RequestContext) throws -> String {
        RedirectPolicy.target(requested, homeHost: try context.keys.homeHost, fallback: app.http.loginRedirect)
    }

    func failure(
        _ context: RequestContext, status: HTTPStatus, redirect: String, log: String, message: String,
        headers: [(String, String)] = []
    ) throws -> HTTPResponse {
        var response =
            context.request.wantsJSON
            ? HTTPResponse.json(status, .object([("error", .string(message))]))
            : try loginForm(context, status: status, redirectTo: redirect, message: message, login: log)
        response.headers += headers
        return response
    }
}
