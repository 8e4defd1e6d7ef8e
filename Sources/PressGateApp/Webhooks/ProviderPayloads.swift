/// The payloads the purchase hooks accept, as `Decodable` types (what each provider documents,
/// only the fields PressGate reads). Scalars are ``JSONField``s, so a wrong shape is a clear 400
/// naming the field rather than a decoding error.

/// PressGate's own event: `{"type", "order", "email", "first_name", "last_name", "username", "products"}`.
struct PressGateEventPayload: Decodable {
    var type: JSONField?
    var order: JSONField?
    var email: JSONField?
    var firstName: JSONField?
    var lastName: JSONField?
    var username: JSONField?
    var products: Lenient<[JSONField]>?
    /// The end of the access (Unix seconds or RFC 3339), for fixed-term sales.
    var accessUntil: JSONField?

    enum CodingKeys: String, CodingKey {
        case type, order, email, username, products
        case firstName = "first_name"
        case lastName = "last_name"
        case accessUntil = "access_until"
    }
}

/// A Stripe event (`https://docs.stripe.com/api/events/object`): its id, type and `data.object`.
struct StripeEventPayload: Decodable {
    var id: JSONField?
    var type: JSONField?
    var data: Lenient<DataWrapper>?

    struct DataWrapper: Decodable {
        var object: Lenient<StripeObject>?
    }

    /// The fields of the objects PressGate handles: a Checkout Session, a Charge, a Subscription,
    /// an Invoice.
    struct StripeObject: Decodable {
        var id: JSONField?
        var paymentStatus: JSONField?
        var paymentIntent: JSONField?
        var subscription: JSONField?
        var refunded: JSONField?
        var metadata: Lenient<[String: JSONField]>?
        var customerDetails: Lenient<CustomerDetails>?
        /// A Subscription's `status` (`active`, `trialing`, `past_due`, `unpaid`, `canceled`…).
        var status: JSONField?
        /// A Subscription's period end (older API versions; newer ones put it on each item).
        var currentPeriodEnd: JSONField?
        var items: Lenient<ListOf<Period>>?
        /// An Invoice's lines, each with the period it pays for.
        var lines: Lenient<ListOf<Line>>?

        enum CodingKeys: String, CodingKey {
            case id, subscription, refunded, metadata, status, items, lines
            case paymentStatus = "payment_status"
            case paymentIntent = "payment_intent"
            case customerDetails = "customer_details"
            case currentPeriodEnd = "current_period_end"
        }
    }

    /// A Stripe list (`{"data": [...]}`).
    struct ListOf<Element: Decodable>: Decodable {
        var data: [Lenient<Element>]?
    }

    /// A subscription item's period end.
    struct Period: Decodable {
        var currentPeriodEnd: JSONField?

        enum CodingKeys: String, CodingKey {
            case currentPeriodEnd = "current_period_end"
        }
    }

    /// An invoice line's period (`{"period": {"start", "end"}}`).
    struct Line: Decodable {
        var period: Lenient<[String: JSONField]>?
    }

    struct CustomerDetails: Decodable {
        var email: JSONField?
        var name: JSONField?
    }

    /// `data.object`, or an empty one.
    var object: StripeObject {
        data?.value?.object?.value ?? StripeObject()
    }
}

/// A WooCommerce order webhook (the REST API's order object).
struct WooCommerceOrderPayload: Decodable {
    var id: JSONField?
    var status: JSONField?
    var billing: Lenient<Billing>?
    var lineItems: Lenient<[Lenient<LineItem>]>?
    /// When the order last changed (`2026-12-07T10:00:00`, GMT): a new state change of the order
    /// is a new event, a redelivery of the same one is not.
    var dateModified: JSONField?

    enum CodingKeys: String, CodingKey {
        case id, status, billing
        case lineItems = "line_items"
        case dateModified = "date_modified_gmt"
    }

    struct Billing: Decodable {
        var email: JSONField?
        var firstName: JSONField?
        var lastName: JSONField?

        enum CodingKeys: String, CodingKey {
            case email
            case firstName = "first_name"
            case lastName = "last_name"
        }
    }

    struct LineItem: Decodable {
        var productID: JSONField?
        var sku: JSONField?

        enum CodingKeys: String, CodingKey {
            case sku
            case productID = "product_id"
        }
    }
}

/// `POST /auth/hooks/login-link`: `{"email", "redirect"?, "ttl"?}`.
struct LoginLinkRequestPayload: Decodable {
    var email: JSONField?
    var redirect: Lenient<String>?
    var ttl: Lenient<Int>?
}
