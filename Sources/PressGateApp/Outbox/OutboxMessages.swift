import MemberStore

/// The outbox rows the app writes, as the shared ``OutboxEmail`` and ``CRMNotification`` payloads
/// the delivery worker reads, sealed (``OutboxSealing``). They carry the login and links (the
/// payload is erased once sent), never the password unless the site opted in.
enum OutboxMessages {
    /// A member's e-mail: the template and the fields it fills in.
    static func mail(
        _ template: OutboxEmail.Template, member: Member, loginURL: String, resetURL: String? = nil,
        loginLinkURL: String? = nil
    ) -> String {
        OutboxEmail(
            template, to: member.email, login: member.login, loginURL: loginURL, resetURL: resetURL,
            loginLinkURL: loginLinkURL
        ).json
    }

    /// The rows of a purchase, as `(kind, payload)`: the welcome e-mail and the CRM notification.
    static func forPurchase(
        record: PurchaseRecord, member: Member, created: Bool, pending: Bool = false, setPasswordURL: String?,
        loginURL: String, loginLinkURL: String? = nil, mailPassword: String? = nil,
        crmPassword: String? = nil, keys: SiteKeys
    ) throws -> [(kind: String, payload: String)] {
        let products = record.products.joined(separator: ",")
        let template: OutboxEmail.Template = created ? .welcome : pending ? .purchasePending : .welcomeExisting
        let email = OutboxEmail(
            template, to: member.email, login: member.login,
            loginURL: loginURL, products: products, setPasswordURL: setPasswordURL,
            loginLinkURL: loginLinkURL, password: mailPassword)
        let crm = CRMNotification(
            .purchase, memberID: member.id, email: member.email, login: member.login,
            created: created, pending: pending ? true : nil, products: products, loginURL: loginURL,
            loginLinkURL: loginLinkURL, password: crmPassword)
        return [
            ("email", try OutboxSealing.seal(email.json, key: keys.storageKey)),
            ("crm", try OutboxSealing.seal(crm.json, key: keys.storageKey)),
        ]
    }
}

extension OutboxMessages {
    /// A CRM notification, sealed, or nil when no CRM is configured (its rows would only wait).
    static func crm(
        _ notification: CRMNotification, app: PressGateApp, keys: SiteKeys
    ) throws -> String? {
        guard app.configuration.settings.crm.webhookURL != nil else { return nil }
        var notification = notification
        notification.loginURL = keys.homeURL + app.http.routePrefix + "/login"
        return try OutboxSealing.seal(notification.json, key: keys.storageKey)
    }

    /// The CRM's `member.password_changed` for `member`, or nil without a CRM.
    static func passwordChanged(_ member: Member, context: RequestContext) throws -> String? {
        try crm(
            CRMNotification(
                .passwordChanged, memberID: member.id, email: member.email, login: member.login, created: false,
                products: "", loginURL: ""),
            app: context.app, keys: try context.keys)
    }

    /// A member's e-mail with the login page of this site.
    static func mail(
        _ template: OutboxEmail.Template, to member: Member, context: RequestContext, resetURL: String? = nil,
        loginLinkURL: String? = nil
    ) throws -> String {
        let keys = try context.keys
        let json = mail(
            template, member: member, loginURL: keys.homeURL + context.path("/login"), resetURL: resetURL,
            loginLinkURL: loginLinkURL)
        return try OutboxSealing.seal(json, key: keys.storageKey)
    }
}
