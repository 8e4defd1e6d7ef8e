/// The payload of a `crm` outbox row, and the body the CRM receives (signed with Standard
/// Webhooks; its `webhook-id`, `outbox_<row id>`, is the event's stable id across retries). Field
/// names are those of rows already in outbox tables.
public struct CRMNotification: Codable, Sendable, Equatable {
    public enum Event: String, Codable, Sendable {
        /// A purchase: the member (created or found) and the products it granted (or left pending).
        case purchase = "member.purchase"
        /// A refund or cancellation revoked these products of the member.
        case revoked = "membership.revoked"
        /// These grants of the member reached their end.
        case expired = "membership.expired"
        /// A subscription's payment failed: these grants end after the grace period.
        case lapsing = "membership.lapsing"
        /// An operator granted the products (`pressgate user grant`).
        case granted = "membership.granted"
        /// The member's password changed (reset, account page, `pressgate user set-password`).
        case passwordChanged = "member.password_changed"
    }

    public var event: Event
    public var memberID: UInt64
    public var email: String
    public var login: String
    /// True when the purchase created the member.
    public var created: Bool
    /// True when the products wait for the member to prove the e-mail address (absent otherwise).
    public var pending: Bool?
    /// Comma-separated product slugs.
    public var products: String
    public var loginURL: String
    public var loginLinkURL: String?
    /// Only with `crm_includes_password` (warned about at every start).
    public var password: String?

    enum CodingKeys: String, CodingKey {
        case event, email, login, created, pending, products, password
        case memberID = "member_id"
        case loginURL = "login_url"
        case loginLinkURL = "login_link_url"
    }

    public init(
        _ event: Event, memberID: UInt64, email: String, login: String, created: Bool, pending: Bool? = nil,
        products: String, loginURL: String, loginLinkURL: String? = nil, password: String? = nil
    ) {
        self.event = event
        self.memberID = memberID
        self.email = email
        self.login = login
        self.created = created
        self.pending = pending
        self.products = products
        self.loginURL = loginURL
        self.loginLinkURL = loginLinkURL
        self.password = password
    }

    /// Reads a row's payload.
    public init(json: String) throws {
        self = try OutboxJSON.decode(Self.self, json)
    }

    /// The payload to store and the body to send.
    public var json: String { OutboxJSON.encode(self) }
}

extension CRMNotification {
    /// One `event` per member of grant rows (`user_id`, `product`, `user_email`, `user_login`,
    /// ordered by member), listing the member's products.
    static func perMember(_ event: Event, grants rows: [DatabaseRow]) -> [CRMNotification] {
        var notifications: [CRMNotification] = []
        for row in rows {
            guard let member = row.uint("user_id") else { continue }
            let product = row.string("product") ?? ""
            if notifications.last?.memberID == member {
                notifications[notifications.count - 1].products += "," + product
            } else {
                notifications.append(
                    CRMNotification(
                        event, memberID: member, email: row.string("user_email") ?? "",
                        login: row.string("user_login") ?? "", created: false, products: product, loginURL: ""))
            }
        }
        return notifications
    }
}

extension CRMNotification: CustomStringConvertible, CustomReflectable {
    public var description: String { "CRMNotification(\(event.rawValue), member \(memberID))" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
