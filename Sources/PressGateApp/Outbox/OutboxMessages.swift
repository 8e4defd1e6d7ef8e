import MemberStore
import PressGateHTTP

/// The outbox rows the app writes: a member's e-mail (template and the fields it fills in) and the
/// purchase's e-mail and CRM notification. They carry the login and links, never the password
/// (except with the site's loud opt-ins).
enum OutboxMessages {
    /// The outbox payload of a member's e-mail.
    static func mail(
        _ template: String, to member: Member, context: RequestContext, extra: [(String, JSONValue)] = []
    ) throws -> String {
        mail(template, to: member, loginURL: try context.keys.homeURL + context.path("/login"), extra: extra)
    }

    static func mail(_ template: String, to member: Member, loginURL: String, extra: [(String, JSONValue)] = []) -> String {
        JSONValue.object(
            [
                ("template", .string(template)), ("to", .string(member.email)), ("login", .string(member.login)),
                ("login_url", .string(loginURL)),
            ] + extra
        ).serialized
    }

    static func forPurchase(
        record: PurchaseRecord, member: Member, created: Bool, setPasswordURL: String?, loginURL: String,
        loginLinkURL: String? = nil, mailPassword: String? = nil, crmPassword: String? = nil
    ) -> [(kind: String, payload: String)] {
        let products: JSONValue = .string(record.products.joined(separator: ","))
        var email: [(String, JSONValue)] = [
            ("template", .string(created ? "welcome" : "welcome-existing")), ("to", .string(member.email)),
            ("login", .string(member.login)), ("products", products), ("login_url", .string(loginURL)),
        ]
        if let setPasswordURL { email.append(("set_password_url", .string(setPasswordURL))) }
        if let loginLinkURL { email.append(("login_link_url", .string(loginLinkURL))) }
        // Only with the site's explicit opt-ins (warned about at every start).
        if let mailPassword { email.append(("password", .string(mailPassword))) }
        var crm: [(String, JSONValue)] = [
            ("event", .string("member.purchase")), ("member_id", .int(Int(member.id))), ("email", .string(member.email)),
            ("login", .string(member.login)), ("created", .bool(created)), ("products", products),
            ("login_url", .string(loginURL)),
        ]
        if let loginLinkURL { crm.append(("login_link_url", .string(loginLinkURL))) }
        if let crmPassword { crm.append(("password", .string(crmPassword))) }
        return [("email", JSONValue.object(email).serialized), ("crm", JSONValue.object(crm).serialized)]
    }
}
