import MemberStore
import PressGateHTTP
import WordPressCompat

/// The second step of a login for members whose Two Factor plugin state asks for one (TOTP, backup
/// codes and e-mailed codes, checked and written as the plugin does): `POST /auth/login/two-factor` with `token`,
/// `authcode` and optional `provider` (the plugin's class name), as a form or JSON. A right code is
/// exactly a login success; a wrong one is a 401 and counts against the member's budget.
struct TwoFactorController: RouteController {
    /// The providers whose codes PressGate checks itself; a member with none of them is sent to
    /// wp-login.php.
    static let implemented: [TwoFactorPlugin.Provider] = [.email, .totp, .backupCodes]
    static let wrongCode = "The code is not correct."
    static let expired = "This login step has expired. Please log in again."

    let app: PressGateApp
    let challenges: TwoFactorChallenges
    let codes: TwoFactorCodes
    let states: AccountGuardStates
    let members: MemberRepository
    let throttle: LoginThrottle
    let audit: AuditLog
    let sessions: SessionService
    let accounts: AccountStore

    func register(on routes: RouterGroup) {
        routes.group(middleware: [SameSiteMiddleware()]).costly(app).post("/login/two-factor", verify)
    }

    /// After a right password: the second step's answer, or nil when the member has no provider
    /// PressGate implements (the caller then sends them to wp-login.php).
    func begin(member: Member, context: RequestContext, redirect: String, remember: Bool) throws -> HTTPResponse? {
        let state = try states.state(memberID: member.id).twoFactor
        let available = TwoFactorPlugin.availableProviders(state).filter(Self.implemented.contains)
        guard let first = available.first else { return nil }
        let primary = TwoFactorPlugin.primaryProvider(state).flatMap { available.contains($0) ? $0 : nil } ?? first
        let token = try challenges.begin(
            memberID: member.id, userPass: member.passwordHash, redirect: redirect, remember: remember, now: context.now
        )
        try audit.record("login.two_factor_required", memberID: member.id, ip: context.request.remoteAddress)
        if primary == .email { try sendEmailCode(to: member, context: context, again: false) }
        if context.request.wantsJSON {
            let providers = JSONValue.array(available.map { .string($0.rawValue) })
            return .json(
                200,
                .object([
                    (
                        "two_factor",
                        .object([
                            ("token", .string(token)), ("providers", providers),
                            ("provider", .string(primary.rawValue)),
                        ])
                    )
                ]))
        }
        return try page(context, status: 200, token: token, provider: primary, available: available, error: nil)
    }

    func verify(_ context: RequestContext) throws -> HTTPResponse {
        let form = try context.form()
        let address = context.request.remoteAddress
        guard let challenge = try challenges.find(token: form["token"] ?? "", now: context.now),
            let member = try members.find(id: challenge.memberID)
        else { throw HTTPError(401, message: Self.expired) }
        let state = try states.state(memberID: member.id).twoFactor
        let available = TwoFactorPlugin.availableProviders(state).filter(Self.implemented.contains)
        guard let first = available.first else { throw HTTPError(401, message: Self.expired) }
        let requested = form["provider"].flatMap(TwoFactorPlugin.Provider.init(rawValue:))
        let provider = requested.flatMap { available.contains($0) ? $0 : nil } ?? first
        let token = form["token"] ?? ""
        let submitted = form["authcode"] ?? ""
        let account = "2fa:id:\(member.id)"
        let resend = provider == .email && form["resend"] == "1"
        if resend || !submitted.isEmpty || context.request.wantsJSON {
            if case .refused(let retryAfter) = try throttle.check(account: account, address: address, now: context.now)
            {
                try audit.count("login.two_factor_throttled", memberID: member.id, ip: address, now: context.now)
                throw HTTPError(
                    429, message: LoginController.throttledMessage, headers: [("Retry-After", String(retryAfter))])
            }
        }
        if resend {
            // Counted like a failed attempt: a flood of resends would be an e-mail bomb.
            try throttle.recordFailure(account: account, address: address, now: context.now)
            try sendEmailCode(to: member, context: context, again: true)
            if context.request.wantsJSON { return .json(200, .object([("sent", true)])) }
            return try page(context, status: 200, token: token, provider: provider, available: available, error: nil)
        }
        // A form switching to another provider: its page (an e-mail code sent unless one is waiting),
        // no attempt counted.
        if submitted.isEmpty && !context.request.wantsJSON {
            if provider == .email { try sendEmailCode(to: member, context: context, again: false) }
            return try page(context, status: 200, token: token, provider: provider, available: available, error: nil)
        }
        guard
            try codes.verify(
                submitted, provider: provider, memberID: member.id, now: context.now,
                wordpress: app.configuration.wordpress, authSalt: try context.keys.authSalt)
        else {
            try throttle.recordFailure(account: account, address: address, now: context.now)
            try audit.record("login.two_factor_failed", memberID: member.id, ip: address, detail: provider.rawValue)
            if context.request.wantsJSON { return .json(401, .object([("error", .string(Self.wrongCode))])) }
            return try page(
                context, status: 401, token: token, provider: provider, available: available, error: Self.wrongCode)
        }
        guard try challenges.complete(challenge) else { throw HTTPError(401, message: Self.expired) }
        let response: HTTPResponse =
            context.request.wantsJSON
            ? .json(
                200,
                .object([
                    ("ok", true), ("user_id", .int(Int(member.id))), ("login", .string(member.login)),
                    ("redirect_to", .string(challenge.redirect)),
                ]))
            : .redirect(to: challenge.redirect)
        let started = try sessions.start(
            for: member, context: context, remember: challenge.remember, event: "login.two_factor", response: response,
            secondFactorPassed: true)
        try throttle.recordSuccess(account: account, address: address)
        return started
    }

    /// `generate_and_email_token()`: an 8-digit code, stored as the plugin stores it, e-mailed through
    /// the outbox. Without `again`, a code that is still waiting is not replaced (the plugin's page).
    func sendEmailCode(to member: Member, context: RequestContext, again: Bool) throws {
        if !again, try codes.hasLiveEmailToken(memberID: member.id, now: context.now) { return }
        let code = TwoFactorPlugin.digitCode()
        let salt = try context.keys.authSalt
        try codes.storeEmailToken(memberID: member.id, hashed: WordPressHash.wpHash(code, salt: salt), now: context.now)
        let mail = OutboxEmail(
            .twoFactorCode, to: member.email, login: member.login, code: code, ip: context.request.remoteAddress)
        try accounts.queueMail(try OutboxSealing.seal(mail.json, key: context.keys.storageKey))
    }

    func page(
        _ context: RequestContext, status: HTTPStatus, token: String, provider: TwoFactorPlugin.Provider,
        available: [TwoFactorPlugin.Provider], error: String?
    ) throws -> HTTPResponse {
        let page = TwoFactorPage.render(
            prefix: context.prefix, csrf: try context.csrfToken(), token: token, provider: provider,
            alternatives: available,
            error: error)
        return context.page(status, page)
    }
}

extension TwoFactorCodes {
    /// A submitted code checked by its provider, writing what the plugin writes on success (the TOTP
    /// replay guard, the used backup code, the used e-mail token).
    func verify(
        _ submitted: String, provider: TwoFactorPlugin.Provider, memberID: UInt64, now: Int,
        wordpress: WordPressVersion, authSalt: String
    ) throws -> Bool {
        switch provider {
        case .totp:
            guard let code = TOTP.sanitize(submitted) else { return false }
            return try verifyTOTP(memberID: memberID, code: code, now: now)
        case .backupCodes:
            guard let code = TOTP.sanitize(submitted, length: 0) else { return false }
            return try consumeBackupCode(memberID: memberID, code: code, wordpress: wordpress)
        case .email:
            guard let code = TOTP.sanitize(submitted, length: 0) else { return false }
            return try verifyEmailToken(
                memberID: memberID, hashed: WordPressHash.wpHash(code, salt: authSalt), now: now)
        case .dummy:
            return false
        }
    }
}
