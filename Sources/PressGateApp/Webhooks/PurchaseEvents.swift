import Foundation
import MemberStore
import PressGateConfiguration
import WordPressCompat

/// Turns each provider's JSON into a ``PurchaseRecord``. Malformed bodies and purchases without a
/// valid e-mail are 400s; unknown event types are `ignored` records (answered 2xx, kept in the ledger).
enum PurchaseEvents {
    static func object(_ body: [UInt8]) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw HTTPError(400, message: "The body is not a JSON object.")
        }
        return object
    }

    /// A text field: strings only, no control characters (no header injection through names).
    static func text(_ value: Any?, field: String, maximum: Int = 250) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String ?? (value as? NSNumber).map({ $0.stringValue }) else {
            throw HTTPError(400, message: "\(field) must be a string.")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }), text.count <= maximum else {
            throw HTTPError(400, message: "\(field) contains control characters or is too long.")
        }
        return text
    }

    static func email(_ value: Any?) throws -> String {
        guard let email = try text(value, field: "email", maximum: 100), WordPressText.isEmail(email) else {
            throw HTTPError(400, message: "A valid e-mail address is required.")
        }
        return email
    }

    static func products(_ value: Any?) throws -> [String] {
        guard let list = value as? [Any], !list.isEmpty else { throw HTTPError(400, message: "products must be a non-empty list.") }
        return try list.map { item in
            guard let slug = try text(item, field: "product", maximum: 191), isSlug(slug) else {
                throw HTTPError(400, message: "A product slug may contain only letters, digits, -, _ and . (at most 191).")
            }
            return slug
        }
    }

    static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 191 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// PressGate's own event: `{"type", "order", "email", "first_name", "last_name", "username", "products"}`.
    static func pressgate(_ body: [UInt8], eventID: String) throws -> PurchaseRecord {
        let json = try object(body)
        let type = try text(json["type"], field: "type", maximum: 64) ?? ""
        guard let order = try text(json["order"], field: "order", maximum: 191), !order.isEmpty else {
            throw HTTPError(400, message: "order is required.")
        }
        switch type {
        case "purchase.completed":
            return PurchaseRecord(provider: "pressgate", eventID: eventID, eventType: type, kind: .purchase, orderReference: order,
                                  email: try email(json["email"]), firstName: try text(json["first_name"], field: "first_name") ?? "",
                                  lastName: try text(json["last_name"], field: "last_name") ?? "",
                                  login: try text(json["username"], field: "username", maximum: 60), products: try products(json["products"]))
        case "purchase.refunded", "subscription.cancelled":
            return PurchaseRecord(provider: "pressgate", eventID: eventID, eventType: type, kind: .revocation, orderReference: order)
        default:
            return PurchaseRecord(provider: "pressgate", eventID: eventID, eventType: String(type.prefix(64)), kind: .ignored, orderReference: order)
        }
    }

    /// Stripe events. The order is the payment intent (or the subscription), so a later refund or
    /// cancellation finds what the checkout granted.
    static func stripe(_ body: [UInt8], settings: PressGateSettings) throws -> PurchaseRecord {
        let json = try object(body)
        guard let id = try text(json["id"], field: "id", maximum: 191), !id.isEmpty else { throw HTTPError(400, message: "id is required.") }
        let type = try text(json["type"], field: "type", maximum: 64) ?? ""
        let object = ((json["data"] as? [String: Any])?["object"] as? [String: Any]) ?? [:]
        switch type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded":
            // Only a paid session grants (delayed methods report "unpaid" first and
            // async_payment_succeeded later).
            let paymentStatus = try text(object["payment_status"], field: "payment_status", maximum: 64) ?? ""
            guard ["paid", "no_payment_required"].contains(paymentStatus) else {
                return PurchaseRecord(provider: "stripe", eventID: id, eventType: "unpaid session", kind: .ignored, orderReference: "")
            }
            let details = object["customer_details"] as? [String: Any] ?? [:]
            let order = try text(object["payment_intent"], field: "payment_intent", maximum: 191)
                ?? text(object["subscription"], field: "subscription", maximum: 191) ?? text(object["id"], field: "id", maximum: 191) ?? id
            let metadata = object["metadata"] as? [String: Any] ?? [:]
            // The product comes from the merchant's metadata only: client_reference_id can be set by
            // the buyer on Payment Links.
            guard let value = try text(metadata["product"], field: "metadata.product", maximum: 191) else {
                throw HTTPError(400, message: "metadata.product must name the product.")
            }
            let map = settings.purchases.stripeProductMap
            let product = map.isEmpty ? value : (map[value] ?? "")
            guard isSlug(product) else {
                return PurchaseRecord(provider: "stripe", eventID: id, eventType: "unmapped product", kind: .ignored, orderReference: order)
            }
            let (first, last) = splitName(try text(details["name"], field: "customer_details.name") ?? "")
            return PurchaseRecord(provider: "stripe", eventID: id, eventType: type, kind: .purchase, orderReference: order,
                                  email: try email(details["email"]), firstName: first, lastName: last, products: [product],
                                  browserReference: try text(object["id"], field: "data.object.id", maximum: 191))
        case "charge.refunded":
            // A partial refund leaves the purchase standing.
            guard object["refunded"] as? Bool == true else {
                return PurchaseRecord(provider: "stripe", eventID: id, eventType: "partial refund", kind: .ignored, orderReference: "")
            }
            let order = try text(object["payment_intent"], field: "payment_intent", maximum: 191) ?? ""
            return PurchaseRecord(provider: "stripe", eventID: id, eventType: type, kind: .revocation, orderReference: order)
        case "checkout.session.async_payment_failed":
            return PurchaseRecord(provider: "stripe", eventID: id, eventType: type, kind: .ignored, orderReference: "")
        case "customer.subscription.deleted":
            let order = try text(object["id"], field: "id", maximum: 191) ?? ""
            return PurchaseRecord(provider: "stripe", eventID: id, eventType: type, kind: .revocation, orderReference: order)
        default:
            return PurchaseRecord(provider: "stripe", eventID: id, eventType: String(type.prefix(64)), kind: .ignored, orderReference: "")
        }
    }

    /// WooCommerce order webhooks: an order in a purchase status grants its line items (by product
    /// id or SKU through the mapping); refunded or cancelled revokes.
    static func wooCommerce(_ body: [UInt8], request: HTTPRequest, settings: PressGateSettings) throws -> PurchaseRecord {
        let json = try object(body)
        guard let orderID = try text(json["id"], field: "id", maximum: 64), !orderID.isEmpty else {
            // WooCommerce's ping on webhook creation has no order: acknowledge it.
            return PurchaseRecord(provider: "woocommerce", eventID: request.header("x-wc-webhook-delivery-id") ?? "ping", eventType: "ping",
                                  kind: .ignored, orderReference: "")
        }
        let status = try text(json["status"], field: "status", maximum: 64) ?? ""
        let eventID = "order-\(orderID)-\(status)"
        if settings.purchases.wooCommercePurchaseStatuses.contains(status) {
            let billing = json["billing"] as? [String: Any] ?? [:]
            var products: [String] = []
            for item in json["line_items"] as? [[String: Any]] ?? [] {
                let keys = [try text(item["product_id"], field: "product_id", maximum: 64), try text(item["sku"], field: "sku", maximum: 191)]
                let map = settings.purchases.wooCommerceProductMap
                let mapped = keys.compactMap { $0 }.compactMap { map.isEmpty ? $0 : map[$0] }
                if let slug = mapped.first, isSlug(slug) { products.append(slug) }
            }
            guard !products.isEmpty else {
                return PurchaseRecord(provider: "woocommerce", eventID: eventID, eventType: "no mapped products", kind: .ignored, orderReference: orderID)
            }
            return PurchaseRecord(provider: "woocommerce", eventID: eventID, eventType: "order.\(status)", kind: .purchase, orderReference: orderID,
                                  email: try email(billing["email"]), firstName: try text(billing["first_name"], field: "billing.first_name") ?? "",
                                  lastName: try text(billing["last_name"], field: "billing.last_name") ?? "", products: products)
        }
        if status == "refunded" || status == "cancelled" {
            return PurchaseRecord(provider: "woocommerce", eventID: eventID, eventType: "order.\(status)", kind: .revocation, orderReference: orderID)
        }
        return PurchaseRecord(provider: "woocommerce", eventID: eventID, eventType: "order.\(status)", kind: .ignored, orderReference: orderID)
    }

    static func splitName(_ name: String) -> (String, String) {
        let parts = name.split(separator: " ", maxSplits: 1)
        return (parts.first.map(String.init) ?? "", parts.count > 1 ? String(parts[1]) : "")
    }
}
