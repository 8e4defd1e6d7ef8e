import MemberStore
import PressGateHTTP
import WordPressCompat

/// `POST /auth/hooks/purchase` (Standard Webhooks), `/stripe`, `/woocommerce`: verify, parse, then
/// process exactly once; `POST /auth/hooks/login-link`: a CRM asks for a login link. Refusals (401,
/// 400) write nothing but an audit row. A hook without secrets does not exist (404).
struct HookController: RouteController {
    let app: PressGateApp
    let purchases: PurchaseStore
    let members: MemberRepository
    let options: SiteOptions
    let audit: AuditLog
    let links: LinkMinter

    func register(on routes: RouterGroup) {
        let hooks = routes.group("/hooks")
        hooks.post("/purchase", purchaseHook)
        hooks.post("/stripe", stripeHook)
        hooks.post("/woocommerce", wooCommerceHook)
        hooks.post("/login-link", loginLinkHook)
    }

    func purchaseHook(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        let now = context.now
        let settings = app.configuration.settings
        guard !settings.purchases.webhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        let eventID = try refusingAudited(context) {
            try WebhookSignature.verifyStandard(request, secrets: settings.purchases.webhookSecrets, now: now)
        }
        let record = try refusingAudited(context) { try PurchaseEvents.pressgate(request.body, eventID: eventID) }
        return try process(record, context: context)
    }

    func stripeHook(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        let now = context.now
        let settings = app.configuration.settings
        guard !settings.purchases.stripeWebhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        try refusingAudited(context) {
            try WebhookSignature.verifyStripe(request, secrets: settings.purchases.stripeWebhookSecrets, now: now)
        }
        let record = try refusingAudited(context) { try PurchaseEvents.stripe(request.body, settings: settings) }
        return try process(record, context: context)
    }

    func wooCommerceHook(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        let settings = app.configuration.settings
        guard !settings.purchases.wooCommerceWebhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        try refusingAudited(context) {
            try WebhookSignature.verifyWooCommerce(request, secrets: settings.purchases.wooCommerceWebhookSecrets)
        }
        let record = try refusingAudited(context) {
            try PurchaseEvents.wooCommerce(request.body, request: request, settings: settings)
        }
        return try process(record, context: context)
    }

    /// Runs `body`; an HTTPError it throws is recorded in the audit log (never the body) and rethrown.
    @discardableResult
    func refusingAudited<T>(_ context: RequestContext, _ body: () throws -> T) throws -> T {
        let request = context.request
        do {
            return try body()
        } catch let error as HTTPError {
            try? audit.count(
                "hook.refused", memberID: nil, ip: request.remoteAddress, detail: "\(request.path): \(error.status)",
                now: context.now)
            throw error
        }
    }

    func process(_ record: PurchaseRecord, context: RequestContext) throws -> HTTPResponse {
        let keys = try context.keys
        let now = context.now
        let request = context.request
        let settings = app.configuration.settings
        let role = try settings.purchases.defaultRole ?? options.value("default_role") ?? "subscriber"
        if record.kind == .purchase {
            // A purchase must never create an account that can do more than a member: a changed
            // default_role is a compromised site's favourite trick.
            let roles = try options.value(app.configuration.tables.prefix + "user_roles").map { Array($0.utf8) }
            guard AccountGuard.isMemberRole(role, rolesOption: roles) else {
                context.logger.error(
                    """
                    purchase refused: the role for new members grants more than a member's capabilities \
                    (set default_role to a member role such as subscriber)
                    """, metadata: ["role": "\(role)"])
                throw HTTPError(503, message: "Purchase hooks are not configured.")
            }
        }
        guard let welcomeKey = settings.purchases.welcomeKey else {
            throw HTTPError(503, message: "Purchase hooks are not configured.")
        }
        let hasher = app.hasher
        let claimBase = keys.homeURL + context.path("/welcome?claim=")
        let includePasswordInMail = settings.mail.includesPassword
        let includePasswordInCRM = settings.crm.includesPassword
        var effects = PurchaseStore.Effects(
            role: role, claimLifetime: settings.purchases.claimLifetime,
            hashPassword: { try hasher.hash(LoginFormPassword.storable(Array($0.utf8))) },
            sealPassword: { try AESGCM.seal(Array($0.utf8), key: welcomeKey) },
            makeResetKey: { [wordpress = app.configuration.wordpress] in
                let key = ResetKey.generate()
                return (key, ResetKey.storedValue(for: key, issuedAt: now, wordpress: wordpress))
            },
            messages: { input in
                let member = input.member
                let password = input.password
                // PressGate's reset page (or wp-login.php's, with reset_link_style = wordpress). A
                // pending purchase's link always goes to PressGate's page: only there is the proof
                // of the address seen, and the pending products attached.
                let setPassword = input.resetKey.map {
                    RecoveryController.resetURL(
                        login: member.login, key: $0, keys: keys, app: app, onPressGate: input.pending)
                }
                // An auto-login link for the welcome e-mail and the CRM (minted in this transaction),
                // only for a member this purchase created: a purchase names an e-mail anyone can type,
                // so it must not hand out a way into an account that existed before it.
                let loginLink =
                    input.created
                    ? try links.mint(
                        for: member, redirectPath: app.http.loginRedirect, keys: keys, now: now,
                        ip: request.remoteAddress, requester: .sender) : nil
                return try OutboxMessages.forPurchase(
                    record: record, member: member, created: input.created, pending: input.pending,
                    setPasswordURL: setPassword,
                    loginURL: keys.homeURL + context.path("/login"),
                    loginLinkURL: loginLink, mailPassword: includePasswordInMail ? password : nil,
                    crmPassword: includePasswordInCRM ? password : nil, keys: keys)
            })
        effects.term = { [terms = settings.purchases.productTerms] in terms[$0] }
        effects.graceSeconds = settings.purchases.subscriptionGraceHours * 3600
        effects.notify = { [app] in try OutboxMessages.crm($0, app: app, keys: keys) }
        let (outcome, credentials) = try purchases.process(record, effects: effects, now: now)
        // A revoked or lapsing product must not keep passing the gate from a cached "yes".
        if [.revoked, .lapsing].contains(outcome.status) { app.gateCache.forgetAll() }
        AppMetrics.purchaseEvent(
            provider: record.provider, outcome: outcome.duplicate ? "duplicate" : outcome.status.rawValue)
        if !outcome.duplicate, [.ignored, .unmapped].contains(outcome.status) {
            context.logger.notice(
                "purchase event not acted on",
                metadata: [
                    "provider": "\(record.provider)", "event.type": "\(record.eventType)",
                    "outcome": "\(outcome.status.rawValue)",
                ])
        }
        try audit.record(
            "hook.\(outcome.duplicate ? "duplicate" : outcome.status.rawValue)", memberID: outcome.memberID,
            ip: request.remoteAddress,
            detail: "\(record.provider) \(record.eventType)")
        var fields: [(String, JSONValue)] = [
            ("status", .string(outcome.status.rawValue)), ("duplicate", .bool(outcome.duplicate)),
        ]
        if let member = outcome.memberID {
            fields.append(("member_id", .int(Int(member))))
            fields.append(("created", .bool(outcome.created)))
            if outcome.pending { fields.append(("pending", .bool(true))) }
        }
        // Only PressGate's own hook gets the thank-you link back: Stripe and WooCommerce keep reply
        // bodies in dashboards and logs, where the link would be readable by others.
        if let credentials, record.provider == "pressgate" {
            fields.append(("claim_url", .string(claimBase + credentials.claimToken)))
        }
        return .json(200, .object(fields))
    }

    /// A CRM asks for a link for `{"email", "redirect"?, "ttl"?}` and gets `{"url", "member_id",
    /// "duplicate"}` (Standard Webhooks, the purchase hook's secrets). Exactly once per `webhook-id`,
    /// through the purchase ledger: a replay mints nothing and gets the first answer back, without
    /// the URL (the link is stored only as a hash). No member with that e-mail and an account that
    /// may not get a link (privileged, whatever `allow_privileged_sessions` says; blocked;
    /// two-factor) get one answer, so the hook tells nothing about accounts.
    func loginLinkHook(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        let settings = app.configuration.settings
        guard !settings.purchases.webhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        let eventID = try refusingAudited(context) {
            try WebhookSignature.verifyStandard(request, secrets: settings.purchases.webhookSecrets, now: context.now)
        }
        let payload = try refusingAudited(context) {
            try PurchaseEvents.decode(LoginLinkRequestPayload.self, from: request.body)
        }
        let email = try refusingAudited(context) { try PurchaseEvents.email(payload.email) }
        guard let path = LinkMinter.path(payload.redirect?.value) else {
            throw HTTPError(400, message: "redirect must be a path on this site.")
        }
        let ttl = payload.ttl?.value.map { max(60, min($0, 90 * 86_400)) }
        let keys = try context.keys
        let (outcome, url) = try purchases.once(
            provider: Self.loginLinkProvider, eventID: eventID, eventType: "login_link.requested"
        ) { _ -> (PurchaseOutcome, String?) in
            guard let member = try members.find(email: email),
                let url = try links.mint(
                    for: member, redirectPath: path, keys: keys, now: context.now, lifetime: ttl,
                    ip: request.remoteAddress, requester: .sender)
            else { return (PurchaseOutcome(status: .refused), nil) }
            try audit.record("link.minted", memberID: member.id, ip: request.remoteAddress, detail: "hook")
            return (PurchaseOutcome(status: .processed, memberID: member.id), url)
        }
        guard outcome.status == .processed, let memberID = outcome.memberID else {
            throw HTTPError(404, message: "No login link for that e-mail address.")
        }
        var fields: [(String, JSONValue)] = [
            ("member_id", .int(Int(memberID))), ("duplicate", .bool(outcome.duplicate)),
        ]
        if let url { fields.insert(("url", .string(url)), at: 0) }
        return .json(200, .object(fields))
    }

    /// The ledger's provider for `POST /hooks/login-link`: its `webhook-id`s never meet a purchase's.
    static let loginLinkProvider = "pressgate-login-link"
}
