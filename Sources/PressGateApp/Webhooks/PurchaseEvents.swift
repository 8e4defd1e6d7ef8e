import Foundation
import MemberStore
import PressGateConfiguration
import PressGateHTTP
import WordPressCompat

/// Turns each provider's payload (``ProviderPayloads``) into a ``PurchaseRecord``. Malformed bodies
/// and purchases without a valid e-mail are 400s; unknown event types are `ignored` records
/// (answered 2xx, kept in the ledger).
enum PurchaseEvents {
    /// The body decoded as `T`; anything but a JSON object is a 400.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(HTTPError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw HTTPError(400, message: "The body is not a JSON object.")
        }
    }

    /// A text field: strings (or numbers, as their text) only, no control characters (no header
    /// injection through names), at most `maximum` characters.
    static func text(_ value: JSONField?, field: String, maximum: Int = 250) throws(HTTPError) -> String? {
        let text: String
        switch value {
        case nil, .null?: return nil
        case .text(let string)?: text = string
        case .number(let number)?: text = number
        case .bool?, .other?: throw HTTPError(400, message: "\(field) must be a string.")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }), text.count <= maximum
        else {
            throw HTTPError(400, message: "\(field) contains control characters or is too long.")
        }
        return text
    }

    /// A buyer's name or wished-for username. Never a reason to refuse a purchase (a refused event is
    /// retried by its sender, and WooCommerce disables a webhook after five failures): control
    /// characters and markup pass here and are sanitized by the store as `wp_insert_user` does, a
    /// long value is cut, and a value of the wrong JSON type counts as absent.
    static func buyerText(_ value: JSONField?) -> String {
        switch value {
        case .text(let string)?: String(string.prefix(1000))
        case .number(let number)?: number
        default: ""
        }
    }

    static func email(_ value: JSONField?) throws(HTTPError) -> String {
        guard let email = try text(value, field: "email", maximum: 100), WordPressText.isEmail(email) else {
            throw HTTPError(400, message: "A valid e-mail address is required.")
        }
        return email
    }

    static func products(_ value: Lenient<[JSONField]>?) throws(HTTPError) -> [String] {
        guard let list = value?.value, !list.isEmpty else {
            throw HTTPError(400, message: "products must be a non-empty list.")
        }
        return try list.map { item throws(HTTPError) in
            guard let slug = try text(item, field: "product", maximum: 191), isSlug(slug) else {
                throw HTTPError(
                    400, message: "A product slug may contain only letters, digits, -, _ and . (at most 191).")
            }
            return slug
        }
    }

    /// `access_until`: Unix seconds, or an RFC 3339 time (`2027-06-30T23:59:59Z`); absent or null
    /// is none (the product's term, if any, applies).
    static func accessUntil(_ field: JSONField?) throws(HTTPError) -> Int? {
        let refusal = HTTPError(
            400, message: "access_until must be Unix seconds or an RFC 3339 time (years 1970-9999).")
        let seconds: Int?
        switch field {
        case nil, .null?: return nil
        case .number(let text)?: seconds = Int(text)
        case .text(let text)?:
            let formatter = ISO8601DateFormatter()
            seconds = formatter.date(from: text).map { Int($0.timeIntervalSince1970) }
        default: seconds = nil
        }
        guard let seconds, seconds > 0, seconds <= Memberships.forever else { throw refusal }
        return seconds
    }

    /// A Stripe timestamp (Unix seconds) within the range access ends may take.
    static func seconds(_ field: JSONField) -> Int? {
        guard case .number(let text) = field, let value = Int(text), value > 0, value <= Memberships.forever else {
            return nil
        }
        return value
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 191
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// PressGate's own event.
    static func pressgate(_ body: [UInt8], eventID: String) throws(HTTPError) -> PurchaseRecord {
        let event = try decode(PressGateEventPayload.self, from: body)
        let type = try text(event.type, field: "type", maximum: 64) ?? ""
        guard let order = try text(event.order, field: "order", maximum: 191), !order.isEmpty else {
            throw HTTPError(400, message: "order is required.")
        }
        func record(_ kind: PurchaseRecord.Kind, type: String) -> PurchaseRecord {
            PurchaseRecord(provider: "pressgate", eventID: eventID, eventType: type, kind: kind, orderReference: order)
        }
        switch type {
        case "purchase.completed":
            var purchase = record(.purchase, type: type)
            purchase.email = try email(event.email)
            purchase.firstName = buyerText(event.firstName)
            purchase.lastName = buyerText(event.lastName)
            let username = buyerText(event.username)
            purchase.login = username.isEmpty ? nil : username
            purchase.products = try products(event.products)
            purchase.accessUntil = try accessUntil(event.accessUntil)
            return purchase
        case "purchase.refunded", "subscription.cancelled":
            return record(.revocation, type: type)
        default:
            return record(.ignored, type: String(type.prefix(64)))
        }
    }

    /// Stripe events. The order is the payment intent (or the subscription), so a later refund or
    /// cancellation finds what the checkout granted.
    static func stripe(_ body: [UInt8], settings: PressGateSettings) throws(HTTPError) -> PurchaseRecord {
        let event = try decode(StripeEventPayload.self, from: body)
        guard let id = try text(event.id, field: "id", maximum: 191), !id.isEmpty else {
            throw HTTPError(400, message: "id is required.")
        }
        let type = try text(event.type, field: "type", maximum: 64) ?? ""
        let object = event.object
        func record(_ kind: PurchaseRecord.Kind, type: String, order: String = "") -> PurchaseRecord {
            PurchaseRecord(provider: "stripe", eventID: id, eventType: type, kind: kind, orderReference: order)
        }
        switch type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded":
            // Only a paid session grants (delayed methods report "unpaid" first and
            // async_payment_succeeded later).
            let paymentStatus = try text(object.paymentStatus, field: "payment_status", maximum: 64) ?? ""
            guard ["paid", "no_payment_required"].contains(paymentStatus) else {
                return record(.ignored, type: "unpaid session")
            }
            // The first of these that is present (the later ones are not looked at then).
            var order = try text(object.paymentIntent, field: "payment_intent", maximum: 191)
            if order == nil { order = try text(object.subscription, field: "subscription", maximum: 191) }
            if order == nil { order = try text(object.id, field: "id", maximum: 191) }
            // The product comes from the merchant's metadata only: client_reference_id can be set by
            // the buyer on Payment Links.
            // A checkout without it is something else the Stripe account sells: acknowledged and
            // ignored (a 400 would be retried for three days, then the endpoint disabled).
            guard let value = try text(object.metadata?.value?["product"], field: "metadata.product", maximum: 191)
            else {
                return record(.ignored, type: "no metadata.product", order: order ?? id)
            }
            let product =
                settings.purchases.stripeProductMap.isEmpty ? value : (settings.purchases.stripeProductMap[value] ?? "")
            guard isSlug(product) else { return record(.unmapped, type: "unmapped product", order: order ?? id) }
            let details = object.customerDetails?.value
            let (first, last) = splitName(buyerText(details?.name))
            var purchase = record(.purchase, type: type, order: order ?? id)
            purchase.email = try email(details?.email)
            purchase.firstName = first
            purchase.lastName = last
            purchase.products = [product]
            purchase.browserReference = try text(object.id, field: "data.object.id", maximum: 191)
            return purchase
        case "charge.refunded":
            // A partial refund leaves the purchase standing.
            guard object.refunded == .bool(true) else { return record(.ignored, type: "partial refund") }
            let order = try text(object.paymentIntent, field: "payment_intent", maximum: 191) ?? ""
            return record(.revocation, type: type, order: order)
        case "checkout.session.async_payment_failed":
            return record(.ignored, type: type)
        case "customer.subscription.deleted":
            return record(.revocation, type: type, order: try text(object.id, field: "id", maximum: 191) ?? "")
        case "invoice.paid":
            // A subscription's renewal: its grants run to the end of the period just paid for.
            guard let subscription = try text(object.subscription, field: "subscription", maximum: 191),
                let end = object.lines?.value?.data?.compactMap({ $0.value?.period?.value?["end"] })
                    .compactMap(seconds).max()
            else { return record(.ignored, type: "invoice without subscription period") }
            var renewal = record(.renewal, type: type, order: subscription)
            renewal.accessUntil = end
            return renewal
        case "customer.subscription.updated":
            let order = try text(object.id, field: "id", maximum: 191) ?? ""
            let status = try text(object.status, field: "status", maximum: 32) ?? ""
            let periodEnd =
                object.currentPeriodEnd.flatMap(seconds)
                ?? object.items?.value?.data?.compactMap({ $0.value?.currentPeriodEnd }).compactMap(seconds).max()
            switch status {
            case "active", "trialing":
                guard let periodEnd else { return record(.ignored, type: "\(type) without period") }
                var renewal = record(.renewal, type: "\(type).\(status)", order: order)
                renewal.accessUntil = periodEnd
                return renewal
            case "past_due", "unpaid", "incomplete_expired", "paused":
                // Payment failed: access ends after the grace period (or at the period's end, if sooner).
                return record(.lapse, type: "\(type).\(status)", order: order)
            case "canceled":
                return record(.revocation, type: "\(type).\(status)", order: order)
            default:
                return record(.ignored, type: "\(type).\(status)")
            }
        default:
            return record(.ignored, type: String(type.prefix(64)))
        }
    }

    /// WooCommerce order webhooks: an order in a purchase status grants its line items (by product
    /// id or SKU through the mapping); refunded or cancelled revokes.
    static func wooCommerce(
        _ body: [UInt8], request: HTTPRequest, settings: PressGateSettings
    ) throws(HTTPError) -> PurchaseRecord {
        let order = try decode(WooCommerceOrderPayload.self, from: body)
        guard let orderID = try text(order.id, field: "id", maximum: 64), !orderID.isEmpty else {
            // WooCommerce's ping on webhook creation has no order: acknowledge it.
            let delivery = request.header("x-wc-webhook-delivery-id") ?? "ping"
            return PurchaseRecord(
                provider: "woocommerce", eventID: delivery, eventType: "ping", kind: .ignored, orderReference: "")
        }
        let status = try text(order.status, field: "status", maximum: 64) ?? ""
        // The order's state change is the event: completed, refunded and completed again are three
        // (their modification times differ), while a redelivery of one is a duplicate.
        let modified = try text(order.dateModified, field: "date_modified_gmt", maximum: 32) ?? ""
        let eventID = "order-\(orderID)-\(status)" + (modified.isEmpty ? "" : "-\(modified)")
        func record(_ kind: PurchaseRecord.Kind, type: String) -> PurchaseRecord {
            PurchaseRecord(
                provider: "woocommerce", eventID: eventID, eventType: type, kind: kind, orderReference: orderID)
        }
        if settings.purchases.wooCommercePurchaseStatuses.contains(status) {
            var products: [String] = []
            for item in order.lineItems?.value ?? [] {
                let keys = [
                    try text(item.value?.productID, field: "product_id", maximum: 64),
                    try text(item.value?.sku, field: "sku", maximum: 191),
                ]
                let map = settings.purchases.wooCommerceProductMap
                let mapped = keys.compactMap { $0 }.compactMap { map.isEmpty ? $0 : map[$0] }
                if let slug = mapped.first, isSlug(slug) { products.append(slug) }
            }
            guard !products.isEmpty else { return record(.unmapped, type: "no mapped products") }
            let billing = order.billing?.value
            var purchase = record(.purchase, type: "order.\(status)")
            purchase.email = try email(billing?.email)
            purchase.firstName = buyerText(billing?.firstName)
            purchase.lastName = buyerText(billing?.lastName)
            purchase.products = products
            return purchase
        }
        if status == "refunded" || status == "cancelled" { return record(.revocation, type: "order.\(status)") }
        return record(.ignored, type: "order.\(status)")
    }

    static func splitName(_ name: String) -> (String, String) {
        let parts = name.split(separator: " ", maxSplits: 1)
        return (parts.first.map(String.init) ?? "", parts.count > 1 ? String(parts[1]) : "")
    }
}
