import MemberStore
import PressGateHTTP
import WordPressCompat

/// Forgot and reset password: `GET/POST /auth/password/forgot` and `/auth/password/reset`.
struct RecoveryController: RouteController {
    static let resetCookie = "pressgate_resetpass"
    static let forgotAnswer = "If an account matches, we sent an e-mail with a link to choose a new password."

    let app: PressGateApp
    let members: MemberRepository
    let throttle: LoginThrottle
    let accounts: AccountStore
    let audit: AuditLog

    func register(on routes: RouterGroup) {
        let password = routes.group("/password")
        password.get("/forgot", showForgot)
        password.get("/reset", showReset)
        let forms = password.group(middleware: [SameSiteMiddleware()])
        forms.costly(app).post("/forgot", forgot)
        forms.costly(app).post("/reset", reset)
    }

    /// `GET /auth/password/forgot`.
    func showForgot(_ context: RequestContext) throws -> HTTPResponse {
        context.page(200, RecoveryPages.forgot(prefix: context.prefix, csrf: try context.csrfToken(), notice: nil))
    }

    /// `POST /auth/password/forgot` (`user_login`: username or e-mail, as wp-login.php): always the
    /// same answer, after the same work (one key hash, one read of a key copy, one commit with the
    /// budgets and an audit row, known account or not); per-account and per-address budgets.
    func forgot(_ context: RequestContext) throws -> HTTPResponse {
        let value = try context.form()["user_login"] ?? ""
        let address = context.request.remoteAddress
        let member = value.isEmpty ? nil : try members.find(loginOrEmail: value)
        let budget = "reset:" + ThrottleSubject.account(member: member, typed: value)
        let mailings = LoginThrottle.Budget.mailings(perHour: app.throttlePolicy.mailsPerAccountPerHour)
        let allowed = try throttle.check(account: budget, address: address, now: context.now, budget: mailings)
        var reset: (member: Member, mail: AccountStore.ResetMail)?
        if case .allowed = allowed, let member {
            reset = (member, try resetMail(to: member, context: context))
        } else {
            _ = try accounts.resetKeyCopy(memberID: 0, storedValue: "-", now: context.now)
            _ = ResetKey.storedValue(
                for: ResetKey.generate(), issuedAt: context.now, wordpress: app.configuration.wordpress)
        }
        // Every request counts against the budgets, known account or not.
        try throttle.recordFailure(account: budget, address: address, now: context.now) { transaction in
            if let reset {
                try accounts.send(reset.mail, memberID: reset.member.id, in: transaction)
                try audit.record("password.reset_requested", memberID: reset.member.id, ip: address, in: transaction)
            } else {
                try audit.record(
                    "password.reset_requested", memberID: nil, ip: address, detail: "no e-mail", in: transaction)
            }
        }
        if context.request.wantsJSON { return .json(200, .object([("message", .string(Self.forgotAnswer))])) }
        return context.page(
            200, RecoveryPages.forgot(prefix: context.prefix, csrf: try context.csrfToken(), notice: Self.forgotAnswer))
    }

    /// The member's live key again when PressGate issued it and it still checks (so a second
    /// request, perhaps somebody else's, does not kill the link the member already has, as
    /// `get_password_reset_key()` would), else a new key with its sealed copy.
    func resetMail(to member: Member, context: RequestContext) throws -> AccountStore.ResetMail {
        let keys = try context.keys
        let wordpress = app.configuration.wordpress
        let lifetime = app.configuration.settings.passwords.resetKeyLifetime
        let purpose = "reset-key:\(member.id)"
        if let copy = try accounts.resetKeyCopy(
            memberID: member.id, storedValue: member.activationKey, now: context.now),
            let key = StorageSeal.open(copy, key: keys.storageKey, purpose: purpose),
            ResetKey.check(
                submitted: key, stored: member.activationKey, now: context.now, wordpress: wordpress,
                lifetime: lifetime) == .valid
        {
            let url = Self.resetURL(login: member.login, key: key, keys: keys, app: app)
            return .init(
                mail: try OutboxMessages.mail(.reset, to: member, context: context, resetURL: url), newKey: nil)
        }
        let key = ResetKey.generate()
        let stored = ResetKey.storedValue(for: key, issuedAt: context.now, wordpress: wordpress)
        let url = Self.resetURL(login: member.login, key: key, keys: keys, app: app)
        let copy = AccountStore.ResetKeyCopy(
            sealedKey: try StorageSeal.seal(key, key: keys.storageKey, purpose: purpose),
            expiresAt: context.now + lifetime)
        return .init(
            mail: try OutboxMessages.mail(.reset, to: member, context: context, resetURL: url),
            newKey: (stored, copy))
    }

    /// The e-mailed link: PressGate's reset page, or wp-login.php's with `reset_link_style =
    /// wordpress` unless `onPressGate` (a link that proves the address, ``EmailProofs``).
    static func resetURL(
        login: String, key: String, keys: SiteKeys, app: PressGateApp, onPressGate: Bool = false
    ) -> String {
        if app.configuration.settings.passwords.resetLinkStyle == .wordpress && !onPressGate {
            return keys.siteURL + "/wp-login.php?login=" + Cookies.rawURLEncoded(login) + "&key=" + key + "&action=rp"
        }
        return keys.homeURL + app.http.routePrefix + "/password/reset?login=" + Cookies.rawURLEncoded(login)
            + "&key=" + key
    }

    /// `GET /auth/password/reset?login=…&key=…` moves the key into an HttpOnly cookie and redirects
    /// to the bare form (an e-mail scanner that opens the link burns nothing); without parameters
    /// it shows the form, or "invalid or expired".
    func showReset(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        if let login = request.query["login"], let key = request.query["key"] {
            let cookie = Cookies.setCookie(
                name: Self.resetCookie, value: "\(login):\(key)", path: context.path("/password/"), expires: nil,
                secure: try context.cookiesAreSecure(), now: context.now)
            return HTTPResponse(status: .seeOther, headers: [("Location", context.path("/password/reset"))])
                .adding(header: "Set-Cookie", cookie).noReferrer()
        }
        guard case .valid? = try resetState(context)?.verdict else { return try invalidReset(context) }
        return try resetForm(context, status: 200, error: nil)
    }

    func resetForm(_ context: RequestContext, status: HTTPStatus, error: String?) throws -> HTTPResponse {
        let page = RecoveryPages.reset(
            prefix: context.prefix, csrf: try context.csrfToken(), error: error,
            minimum: app.passwordPolicy.minimumLength)
        return context.page(status, page).noReferrer()
    }

    /// `POST /auth/password/reset` (`pass1`, `pass2`, CSRF): WordPress's key rules, the password
    /// policy, the new hash (form semantics), the key cleared, every session ended, a notification
    /// e-mail; no automatic login.
    func reset(_ context: RequestContext) throws -> HTTPResponse {
        let form = try context.form()
        guard let state = try resetState(context), state.verdict == .valid else { return try invalidReset(context) }
        let member = state.member
        let pass1 = form["pass1"] ?? ""
        let pass2 = form["pass2"] ?? ""
        let trimmed = String(decoding: PHPString.trim(Array(pass1.utf8)), as: UTF8.self)
        let problem =
            pass1 != pass2
            ? "The two passwords do not match."
            : app.passwordPolicy.refusal(for: trimmed, login: member.login, email: member.email)
        if let problem { return try resetForm(context, status: 400, error: problem) }
        // The key came by e-mail: setting the password with it proves the address (pending
        // purchases attach; the thank-you claim ends with the sessions).
        let proof = try accounts.changePassword(
            memberID: member.id, hash: try app.hasher.hash(LoginFormPassword.storable(Array(pass1.utf8))),
            endingSessions: .all, mail: try OutboxMessages.mail(.passwordChanged, to: member, context: context),
            now: context.now, provingEmail: member.email,
            crm: try OutboxMessages.passwordChanged(member, context: context))
        app.gateCache.forget(memberID: member.id)
        try audit.record("password.reset", memberID: member.id, ip: context.request.remoteAddress)
        switch proof {
        case .notNeeded: break
        case .proven(let attached):
            try audit.record(
                "email.proven", memberID: member.id, ip: context.request.remoteAddress,
                detail: "\(attached) pending memberships attached")
        case .addressChanged:
            try audit.record(
                "email.proven", memberID: member.id, ip: context.request.remoteAddress,
                detail: "address changed since the purchase: pending memberships kept pending")
        }
        return context.page(200, RecoveryPages.done(prefix: context.prefix)).noReferrer()
            .adding(header: "Set-Cookie", try expiredResetCookie(context))
    }

    struct ResetState {
        let member: Member
        let verdict: ResetKey.Verdict
    }

    /// The member and key verdict behind the reset cookie (`check_password_reset_key()`).
    func resetState(_ context: RequestContext) throws -> ResetState? {
        guard let cookie = context.request.cookies[Self.resetCookie], let colon = cookie.firstIndex(of: ":") else {
            return nil
        }
        let login = String(cookie[..<colon])
        let key = String(cookie[cookie.index(after: colon)...])
        guard !login.isEmpty, let member = try members.find(login: login) else { return nil }
        let verdict = ResetKey.check(
            submitted: key, stored: member.activationKey, now: context.now, wordpress: app.configuration.wordpress,
            lifetime: app.configuration.settings.passwords.resetKeyLifetime)
        return ResetState(member: member, verdict: verdict)
    }

    func invalidReset(_ context: RequestContext) throws -> HTTPResponse {
        context.page(400, RecoveryPages.invalid(prefix: context.prefix)).noReferrer()
            .adding(header: "Set-Cookie", try expiredResetCookie(context))
    }

    func expiredResetCookie(_ context: RequestContext) throws -> String {
        Cookies.expired(
            name: Self.resetCookie, path: context.path("/password/"), secure: try context.cookiesAreSecure())
    }
}
