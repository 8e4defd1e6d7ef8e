import MemberStore
import WordPressCompat

extension AppWorker {
    /// `POST /auth/hooks/purchase` (Standard Webhooks), `/stripe`, `/woocommerce`: verify, parse,
    /// then process exactly once. Refusals (401, 400) write nothing but an audit row.
    func purchaseHook(_ request: HTTPRequest) throws -> HTTPResponse {
        let settings = app.configuration.settings
        guard !settings.purchases.webhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        let now = UTCTime.now()
        let eventID = try refusingAudited(request) {
            try WebhookSignature.verifyStandard(request, secrets: settings.purchases.webhookSecrets, now: now)
        }
        let record = try refusingAudited(request) { try PurchaseEvents.pressgate(request.body, eventID: eventID) }
        return try process(record, request: request, now: now)
    }

    func stripeHook(_ request: HTTPRequest) throws -> HTTPResponse {
        let settings = app.configuration.settings
        guard !settings.purchases.stripeWebhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        let now = UTCTime.now()
        try refusingAudited(request) {
            try WebhookSignature.verifyStripe(request, secrets: settings.purchases.stripeWebhookSecrets, now: now)
        }
        let record = try refusingAudited(request) { try PurchaseEvents.stripe(request.body, settings: settings) }
        return try process(record, request: request, now: now)
    }

    func wooCommerceHook(_ request: HTTPRequest) throws -> HTTPResponse {
        let settings = app.configuration.settings
        guard !settings.purchases.wooCommerceWebhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        let now = UTCTime.now()
        try refusingAudited(request) {
            try WebhookSignature.verifyWooCommerce(request, secrets: settings.purchases.wooCommerceWebhookSecrets)
        }
        let record = try refusingAudited(request) { try PurchaseEvents.wooCommerce(request.body, request: request, settings: settings) }
        return try process(record, request: request, now: now)
    }

    /// Runs `body`; an HTTPError it throws is recorded in the audit log (never the body) and rethrown.
    @discardableResult
    func refusingAudited<T>(_ request: HTTPRequest, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HTTPError {
            try? audit.record("hook.refused", memberID: nil, ip: request.remoteAddress, detail: "\(request.path): \(error.status)")
            throw error
        }
    }

    func process(_ record: PurchaseRecord, request: HTTPRequest, now: Int) throws -> HTTPResponse {
        let keys = try keys
        let settings = app.configuration.settings
        let role = try settings.purchases.defaultRole ?? options.value("default_role") ?? "subscriber"
        guard let welcomeKey = settings.purchases.welcomeKey else {
            throw HTTPError(503, message: "Purchase hooks are not configured.")
        }
        let hasher = app.hasher
        let claimBase = keys.homeURL + app.settings.routePrefix + "/welcome?claim="
        let includePasswordInMail = settings.mail.includesPassword, includePasswordInCRM = settings.crm.includesPassword
        let effects = PurchaseStore.Effects(
            role: role, claimLifetime: settings.purchases.claimLifetime,
            hashPassword: { try hasher.hash(LoginFormPassword.storable(Array($0.utf8))) },
            sealPassword: { try AESGCM.seal(Array($0.utf8), key: welcomeKey) },
            makeResetKey: { [wordpress = app.configuration.wordpress] in
                let key = ResetKey.generate()
                return (key, ResetKey.storedValue(for: key, issuedAt: now, wordpress: wordpress))
            },
            messages: { member, created, claim, resetKey, password in
                // PressGate's reset page (or wp-login.php's, with reset_link_style = wordpress).
                let setPassword = resetKey.map { self.resetURL(login: member.login, key: $0, keys: keys) }
                // An auto-login link for the welcome e-mail and the CRM (minted in this transaction).
                let loginLink = try self.mintLink(for: member, redirectPath: self.app.settings.defaultRedirect, keys: keys, now: now)
                return OutboxMessages.forPurchase(record: record, member: member, created: created, setPasswordURL: setPassword,
                                                  loginURL: keys.homeURL + self.app.settings.routePrefix + "/login",
                                                  loginLinkURL: loginLink, mailPassword: includePasswordInMail ? password : nil,
                                                  crmPassword: includePasswordInCRM ? password : nil)
            })
        let (outcome, credentials) = try purchases.process(record, effects: effects, now: now)
        // A revoked product must not keep passing the gate from a cached "yes".
        if outcome.status == "revoked" { app.gateCache.forgetAll() }
        try audit.record("hook.\(outcome.duplicate ? "duplicate" : outcome.status)", memberID: outcome.memberID, ip: request.remoteAddress,
                         detail: "\(record.provider) \(record.eventType)")
        var fields: [(String, JSONValue)] = [("status", .string(outcome.status)), ("duplicate", .bool(outcome.duplicate))]
        if let member = outcome.memberID {
            fields.append(("member_id", .int(Int(member))))
            fields.append(("created", .bool(outcome.created)))
        }
        // Only PressGate's own hook gets the thank-you link back: Stripe and WooCommerce keep reply
        // bodies in dashboards and logs, where the link would be readable by others.
        if let credentials, record.provider == "pressgate" { fields.append(("claim_url", .string(claimBase + credentials.claimToken))) }
        return .json(200, .object(fields))
    }
}
