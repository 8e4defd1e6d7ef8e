import MemberStore
import PressGateHTTP
import WordPressCompat

/// The member's account page: sessions, the password change, and "log out everywhere else". Every
/// route needs a live session (``SessionRequiredMiddleware``).
struct AccountController: RouteController {
    let app: PressGateApp
    let sessions: SessionService
    let sessionStore: SessionStore
    let members: MemberRepository
    let throttle: LoginThrottle
    let accounts: AccountStore
    let links: LoginLinks
    let audit: AuditLog
    let guardStates: AccountGuardStates

    func register(on routes: RouterGroup) {
        routes.group(middleware: [
            SessionRequiredMiddleware(sessions: sessions, refusal: .redirectToLogin(returnPath: "/account"))
        ])
        .get("/account", account)
        let forms = routes.group(
            "/account",
            middleware: [SameSiteMiddleware(), SessionRequiredMiddleware(sessions: sessions, refusal: .unauthorized)])
        forms.costly(app).post("/password", changePassword)
        forms.post("/sessions", endOtherSessions)
    }

    /// `GET /auth/account`: the member's sessions (created, address, browser, expiry), the password
    /// form and "log out everywhere else".
    func account(_ context: RequestContext) throws -> HTTPResponse {
        let query = context.request.query
        let notice: String? =
            query["changed"] == "1"
            ? "Your password was changed."
            : query["ended"] == "1"
                ? "Your other sessions were ended."
                : query["two_factor"] == "off" ? "Two-step verification is off." : nil
        return try accountPage(context, notice: notice, error: nil, status: 200)
    }

    func accountPage(
        _ context: RequestContext, notice: String?, error: String?, status: HTTPStatus, twoFactorError: String? = nil
    ) throws -> HTTPResponse {
        let session = try context.requireSession()
        let current = SessionToken.verifier(for: session.cookie.token)
        let list = try sessionStore.sessions(memberID: session.member.id, now: context.now).sessions.map {
            AccountPage.Session(
                isCurrent: $0.verifier == current, created: $0.session.login ?? 0, ip: $0.session.ip ?? "",
                browser: $0.session.userAgent ?? "", expires: $0.session.expiration ?? 0)
        }
        let page = AccountPage.render(
            prefix: context.prefix, login: session.member.login, sessions: list, csrf: try context.csrfToken(),
            notice: notice, error: error, minimum: app.passwordPolicy.minimumLength,
            twoFactor: try twoFactorSection(context, error: twoFactorError))
        return context.page(status, page)
    }

    /// `POST /auth/account/password` (`current`, `pass1`, `pass2`, `keep_sessions`, CSRF): the current
    /// password is required; on success the other sessions end (unless kept), this one continues
    /// with fresh cookies (the hash change invalidates the old ones), and a notification goes out.
    func changePassword(_ context: RequestContext) throws -> HTTPResponse {
        let session = try context.requireSession()
        let member = session.member
        let form = try context.form()
        let address = context.request.remoteAddress
        let account = ThrottleSubject.member(member.id)
        if case .refused(let retryAfter) = try throttle.check(account: account, address: address, now: context.now) {
            throw HTTPError(
                429, message: LoginController.throttledMessage, headers: [("Retry-After", String(retryAfter))])
        }
        guard
            app.passwordPolicy.matches(
                submitted: form["current"] ?? "", hash: member.passwordHash, wordpress: app.configuration.wordpress)
        else {
            try throttle.recordFailure(account: account, address: address, now: context.now)
            try audit.record("password.change_refused", memberID: member.id, ip: address)
            return try accountPage(context, notice: nil, error: "The current password is not correct.", status: 400)
        }
        let pass1 = form["pass1"] ?? ""
        let pass2 = form["pass2"] ?? ""
        let trimmed = String(decoding: PHPString.trim(Array(pass1.utf8)), as: UTF8.self)
        let problem =
            pass1 != pass2
            ? "The two new passwords do not match."
            : app.passwordPolicy.refusal(for: trimmed, login: member.login, email: member.email)
        if let problem { return try accountPage(context, notice: nil, error: problem, status: 400) }
        let keepOthers = ["1", "on", "true"].contains(form["keep_sessions"] ?? "")
        let hash = try app.hasher.hash(LoginFormPassword.storable(Array(pass1.utf8)))
        try accounts.changePassword(
            memberID: member.id, hash: hash, endingSessions: keepOthers ? .none : .allExcept(session.cookie.token),
            mail: OutboxMessages.mail(.passwordChanged, to: member, context: context), now: context.now,
            crm: try OutboxMessages.passwordChanged(member, context: context))
        app.gateCache.forget(memberID: member.id)
        try audit.record("password.changed", memberID: member.id, ip: address)
        guard let updated = try members.find(id: member.id), let expiration = Int(session.cookie.expiration) else {
            throw HTTPError(500, message: "Something went wrong on our side.")
        }
        let cookies = try sessions.authCookies(
            for: updated, token: session.cookie.token, expiration: expiration, remember: false, context: context)
        return HTTPResponse.redirect(to: context.path("/account?changed=1")).adding(cookies: cookies)
    }

    /// `POST /auth/account/sessions`: "log out everywhere else" (`destroy_others`).
    func endOtherSessions(_ context: RequestContext) throws -> HTTPResponse {
        let session = try context.requireSession()
        let memberID = session.member.id
        try sessionStore.update(memberID: memberID, now: context.now) { map in map.keepOnly(token: session.cookie.token)
        }
        try links.revokeAll(memberID: memberID)
        app.gateCache.forget(memberID: memberID)
        try audit.record("sessions.ended_others", memberID: memberID, ip: context.request.remoteAddress)
        return .redirect(to: context.path("/account?ended=1"))
    }

    /// The two-step verification section: on or off, backup codes left.
    func twoFactorSection(_ context: RequestContext, error: String?) throws -> String {
        let state = try guardStates.state(memberID: try context.requireSession().member.id).twoFactor
        let status = TwoFactorSettingsPage.Status(
            totpOn: TwoFactorPlugin.availableProviders(state).contains(.totp),
            backupCodesLeft: TwoFactorPlugin.backupCodesLeft(state))
        return TwoFactorSettingsPage.section(
            prefix: context.prefix, csrf: try context.csrfToken(), status: status, error: error)
    }
}
