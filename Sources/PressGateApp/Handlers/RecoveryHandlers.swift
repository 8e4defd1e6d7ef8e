import MemberStore
import WordPressCompat

extension AppWorker {
    static let resetCookie = "pressgate_resetpass"
    static let forgotAnswer = "If an account matches, we sent an e-mail with a link to choose a new password."

    /// `GET /auth/password/forgot`.
    func showForgot(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let csrf = csrfForm(request, keys: keys)
        return HTTPResponse.html(200, RecoveryPages.forgot(prefix: app.settings.routePrefix, csrf: csrf.token, notice: nil))
            .adding(header: "Set-Cookie", csrf.cookie)
    }

    /// `POST /auth/password/forgot` (`user_login`: username or e-mail, as wp-login.php): always the
    /// same answer; per-account and per-address budgets; the key and its e-mail in one transaction.
    func forgot(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        let value = form["user_login"] ?? ""
        let member = value.isEmpty ? nil : try members.find(loginOrEmail: value)
        let account = throttleAccount(member: member, log: value)
        let budgetAccount = "reset:" + account
        if case .allowed = try throttle.check(account: budgetAccount, address: request.remoteAddress, now: now), let member {
            let key = ResetKey.generate()
            let stored = ResetKey.storedValue(for: key, issuedAt: now, wordpress: app.configuration.wordpress)
            try accounts.issueResetKey(memberID: member.id, storedValue: stored,
                                       mail: mailPayload(.reset, member: member, keys: keys,
                                                         resetURL: resetURL(login: member.login, key: key, keys: keys)))
            try audit.record("password.reset_requested", memberID: member.id, ip: request.remoteAddress)
        } else {
            // The same work for an unknown account: a key's hash, so the answer takes as long.
            _ = ResetKey.storedValue(for: ResetKey.generate(), issuedAt: now, wordpress: app.configuration.wordpress)
        }
        // Every request counts against the budgets, known account or not.
        try throttle.recordFailure(account: budgetAccount, address: request.remoteAddress, now: now)
        if request.wantsJSON { return .json(200, .object([("message", .string(Self.forgotAnswer))])) }
        let csrf = csrfForm(request, keys: keys)
        return HTTPResponse.html(200, RecoveryPages.forgot(prefix: app.settings.routePrefix, csrf: csrf.token, notice: Self.forgotAnswer))
            .adding(header: "Set-Cookie", csrf.cookie)
    }

    func resetURL(login: String, key: String, keys: SiteKeys) -> String {
        if app.configuration.settings.passwords.resetLinkStyle == .wordpress {
            return keys.siteURL + "/wp-login.php?login=" + Cookies.rawURLEncoded(login) + "&key=" + key + "&action=rp"
        }
        return keys.homeURL + app.settings.routePrefix + "/password/reset?login=" + Cookies.rawURLEncoded(login) + "&key=" + key
    }

    /// `GET /auth/password/reset?login=…&key=…` moves the key into an HttpOnly cookie and redirects
    /// to the bare form (an e-mail scanner that opens the link burns nothing); without parameters
    /// it shows the form, or "invalid or expired".
    func showReset(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let path = app.settings.routePrefix + "/password/"
        if let login = request.query["login"], let key = request.query["key"] {
            return HTTPResponse(status: 303, headers: [("Location", app.settings.routePrefix + "/password/reset")])
                .adding(header: "Set-Cookie", Cookies.setCookie(name: Self.resetCookie, value: "\(login):\(key)", path: path, expires: nil,
                                                                secure: request.isHTTPS))
                .adding(header: "Referrer-Policy", "no-referrer").adding(header: "Cache-Control", "no-store")
        }
        guard case .valid? = try resetState(request)?.verdict else { return invalidReset(request) }
        let csrf = csrfForm(request, keys: keys)
        return noReferrer(HTTPResponse.html(200, RecoveryPages.reset(prefix: app.settings.routePrefix, csrf: csrf.token, error: nil,
                                                                     minimum: app.configuration.settings.passwords
                                                                         .minimumLength)))
            .adding(header: "Set-Cookie", csrf.cookie)
    }

    /// `POST /auth/password/reset` (`pass1`, `pass2`, CSRF): WordPress's key rules, the password
    /// policy, the new hash (form semantics), the key cleared, every session ended, a notification
    /// e-mail; no automatic login.
    func reset(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        guard let state = try resetState(request), state.verdict == .valid else { return invalidReset(request) }
        let pass1 = form["pass1"] ?? "", pass2 = form["pass2"] ?? ""
        var problem: String?
        if pass1 != pass2 { problem = "The two passwords do not match." }
        let trimmed = String(decoding: PHPString.trim(Array(pass1.utf8)), as: UTF8.self)
        if problem == nil { problem = policy.refusal(for: trimmed, login: state.member.login, email: state.member.email) }
        if let problem {
            let csrf = csrfForm(request, keys: keys)
            return noReferrer(HTTPResponse.html(400, RecoveryPages.reset(prefix: app.settings.routePrefix, csrf: csrf.token, error: problem,
                                                                         minimum: app.configuration.settings.passwords
                                                                             .minimumLength)))
                .adding(header: "Set-Cookie", csrf.cookie)
        }
        let now = UTCTime.now()
        try accounts.changePassword(memberID: state.member.id, hash: try app.hasher.hash(LoginFormPassword.storable(Array(pass1.utf8))),
                                    endingSessions: .all,
                                    mail: mailPayload(.passwordChanged, member: state.member, keys: keys), now: now)
        app.gateCache.forget(memberID: state.member.id)
        try audit.record("password.reset", memberID: state.member.id, ip: request.remoteAddress)
        return noReferrer(HTTPResponse.html(200, RecoveryPages.done(prefix: app.settings.routePrefix)))
            .adding(header: "Set-Cookie", Cookies.expired(name: Self.resetCookie, path: app.settings.routePrefix + "/password/", secure: request.isHTTPS))
    }

    struct ResetState { let member: Member; let verdict: ResetKey.Verdict }

    /// The member and key verdict behind the reset cookie (`check_password_reset_key()`).
    func resetState(_ request: HTTPRequest) throws -> ResetState? {
        guard let cookie = request.cookies[Self.resetCookie], let colon = cookie.firstIndex(of: ":") else { return nil }
        let login = String(cookie[..<colon]), key = String(cookie[cookie.index(after: colon)...])
        guard !login.isEmpty, let member = try members.find(login: login) else { return nil }
        let verdict = ResetKey.check(submitted: key, stored: member.activationKey, now: UTCTime.now(), wordpress: app.configuration.wordpress,
                                     lifetime: app.configuration.settings.passwords.resetKeyLifetime)
        return ResetState(member: member, verdict: verdict)
    }

    func invalidReset(_ request: HTTPRequest) -> HTTPResponse {
        noReferrer(HTTPResponse.html(400, RecoveryPages.invalid(prefix: app.settings.routePrefix)))
            .adding(header: "Set-Cookie", Cookies.expired(name: Self.resetCookie, path: app.settings.routePrefix + "/password/", secure: request.isHTTPS))
    }
}
