import MemberStore
import WordPressCompat

extension AppWorker {
    /// `GET /auth/account`: the member's sessions (created, address, browser, expiry), the password
    /// form and "log out everywhere else". Without a live session: to the login page.
    func account(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let now = UTCTime.now()
        guard let (member, cookie) = try loggedInMember(request, keys: keys, now: now) else {
            return .redirect(to: app.settings.routePrefix + "/login?redirect_to=" + Cookies.rawURLEncoded(app.settings.routePrefix + "/account"))
        }
        let notice: String? = request.query["changed"] == "1" ? "Your password was changed." :
            request.query["ended"] == "1" ? "Your other sessions were ended." : nil
        return try accountPage(request, member: member, cookie: cookie, keys: keys, now: now, notice: notice, error: nil, status: 200)
    }

    func accountPage(_ request: HTTPRequest, member: Member, cookie: AuthCookie, keys: SiteKeys, now: Int, notice: String?, error: String?,
                     status: Int) throws -> HTTPResponse {
        let current = SessionToken.verifier(for: cookie.token)
        let sessions = try self.sessions.sessions(memberID: member.id, now: now).sessions.map {
            AccountPage.Session(isCurrent: $0.verifier == current, created: $0.session.login ?? 0, ip: $0.session.ip ?? "",
                                browser: $0.session.userAgent ?? "", expires: $0.session.expiration ?? 0)
        }
        let csrf = csrfForm(request, keys: keys)
        let page = AccountPage.render(prefix: app.settings.routePrefix, login: member.login, sessions: sessions, csrf: csrf.token,
                                      notice: notice, error: error,
                                      minimum: app.configuration.settings.passwords.minimumLength)
        return HTTPResponse.html(status, page).adding(header: "Set-Cookie", csrf.cookie)
    }

    /// `POST /auth/account/password` (`current`, `pass1`, `pass2`, `keep_sessions`, CSRF): the current
    /// password is required; on success the other sessions end (unless kept), this one continues
    /// with fresh cookies (the hash change invalidates the old ones), and a notification goes out.
    func changePassword(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        guard let (member, cookie) = try loggedInMember(request, keys: keys, now: now) else {
            throw HTTPError(401, message: "Please log in again.")
        }
        let address = request.remoteAddress
        let account = "id:\(member.id)"
        if case .refused(let retryAfter) = try throttle.check(account: account, address: address, now: now) {
            throw HTTPError(429, message: "Too many failed attempts. Please wait and try again.", headers: [("Retry-After", String(retryAfter))])
        }
        let candidate = LoginFormPassword.candidate(submitted: Array((form["current"] ?? "").utf8))
        guard let candidate, PasswordHasher.check(candidate, against: member.passwordHash, wordpress: app.configuration.wordpress).isMatch else {
            try throttle.recordFailure(account: account, address: address, now: now)
            try audit.record("password.change_refused", memberID: member.id, ip: address)
            return try accountPage(request, member: member, cookie: cookie, keys: keys, now: now, notice: nil,
                                   error: "The current password is not correct.", status: 400)
        }
        let pass1 = form["pass1"] ?? "", pass2 = form["pass2"] ?? ""
        let trimmed = String(decoding: PHPString.trim(Array(pass1.utf8)), as: UTF8.self)
        if let problem = pass1 != pass2 ? "The two new passwords do not match." : policy.refusal(for: trimmed, login: member.login, email: member.email) {
            return try accountPage(request, member: member, cookie: cookie, keys: keys, now: now, notice: nil, error: problem, status: 400)
        }
        let keepOthers = ["1", "on", "true"].contains(form["keep_sessions"] ?? "")
        let hash = try app.hasher.hash(LoginFormPassword.storable(Array(pass1.utf8)))
        try accounts.changePassword(memberID: member.id, hash: hash, endingSessions: keepOthers ? .none : .allExcept(cookie.token),
                                    mail: mailPayload(.passwordChanged, member: member, keys: keys), now: now)
        app.gateCache.forget(memberID: member.id)
        try audit.record("password.changed", memberID: member.id, ip: address)
        guard let updated = try members.find(id: member.id), let expiration = Int(cookie.expiration) else {
            throw HTTPError(500, message: "Something went wrong on our side.")
        }
        var response = HTTPResponse.redirect(to: app.settings.routePrefix + "/account?changed=1")
        response.headers += try authCookies(for: updated, token: cookie.token, expiration: expiration, remember: false, request: request, keys: keys)
            .map { ("Set-Cookie", $0) }
        return response
    }

    /// `POST /auth/account/sessions`: "log out everywhere else" (`destroy_others`).
    func endOtherSessions(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        guard let (member, cookie) = try loggedInMember(request, keys: keys, now: now) else { throw HTTPError(401, message: "Please log in again.") }
        try sessions.update(memberID: member.id, now: now) { map in map.keepOnly(token: cookie.token) }
        try links.revokeAll(memberID: member.id)
        app.gateCache.forget(memberID: member.id)
        try audit.record("sessions.ended_others", memberID: member.id, ip: request.remoteAddress)
        return .redirect(to: app.settings.routePrefix + "/account?ended=1")
    }
}
