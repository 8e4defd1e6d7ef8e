import MemberStore
import PressGateConfiguration
import PressGateHTTP
import XCTest

@testable import PressGateApp

/// Every provider's payload → the purchase record PressGate acts on, or a clear 400; events it does
/// not act on are `ignored` records (answered 2xx), never errors.
final class PurchaseEventsTests: XCTestCase {
    func bytes(_ json: String) -> [UInt8] { Array(json.utf8) }

    func status(_ body: () throws -> PurchaseRecord) -> Int? {
        do {
            _ = try body()
            return nil
        } catch let error as HTTPError {
            return error.status.code
        } catch {
            return -1
        }
    }

    // MARK: PressGate's own event

    func testPressGatePurchase() throws {
        let record = try PurchaseEvents.pressgate(
            bytes(
                #"{"type":"purchase.completed","order":"A-1","email":"ann@example.com","first_name":"Ann","last_name":"Lee","username":"ann","products":["course-101","bonus.pdf"]}"#
            ), eventID: "msg_1")
        XCTAssertEqual(record.provider, "pressgate")
        XCTAssertEqual(record.eventID, "msg_1")
        XCTAssertEqual(record.kind, .purchase)
        XCTAssertEqual(record.orderReference, "A-1")
        XCTAssertEqual(record.email, "ann@example.com")
        XCTAssertEqual([record.firstName, record.lastName], ["Ann", "Lee"])
        XCTAssertEqual(record.login, "ann")
        XCTAssertEqual(record.products, ["course-101", "bonus.pdf"])
    }

    func testPressGateOrderNumbersRefundsAndUnknownTypes() throws {
        let numeric = try PurchaseEvents.pressgate(
            bytes(#"{"type":"purchase.completed","order":1234,"email":"a@example.com","products":["p"]}"#), eventID: "m"
        )
        XCTAssertEqual(numeric.orderReference, "1234", "a number is read as its text")
        XCTAssertEqual(numeric.login, nil)
        let refund = try PurchaseEvents.pressgate(bytes(#"{"type":"purchase.refunded","order":"A-1"}"#), eventID: "m")
        XCTAssertEqual(refund.kind, .revocation)
        let cancel = try PurchaseEvents.pressgate(
            bytes(#"{"type":"subscription.cancelled","order":"S-1"}"#), eventID: "m")
        XCTAssertEqual(cancel.kind, .revocation)
        let other = try PurchaseEvents.pressgate(bytes(#"{"type":"customer.updated","order":"A-1"}"#), eventID: "m")
        XCTAssertEqual(other.kind, .ignored)
    }

    func testPressGateBadPayloadsAre400() {
        let bad = [
            #"not json"#, #"[]"#, #"{"type":"purchase.completed","email":"a@example.com","products":["p"]}"#,
            #"{"type":"purchase.completed","order":"","email":"a@example.com","products":["p"]}"#,
            #"{"type":"purchase.completed","order":"A","email":"not-an-email","products":["p"]}"#,
            #"{"type":"purchase.completed","order":"A","products":["p"]}"#,
            #"{"type":"purchase.completed","order":"A","email":"a@example.com","products":[]}"#,
            #"{"type":"purchase.completed","order":"A","email":"a@example.com","products":"p"}"#,
            #"{"type":"purchase.completed","order":"A","email":"a@example.com","products":["has space"]}"#,
        ]
        for json in bad {
            XCTAssertEqual(status { try PurchaseEvents.pressgate(bytes(json), eventID: "m") }, 400, json)
        }
    }

    /// A buyer's name or username is never a reason to refuse a purchase (the sender would retry it,
    /// and WooCommerce disables a webhook after five failures): the store sanitizes what comes.
    func testBuyerNamesNeverRefuseAPurchase() throws {
        let base = #"{"type":"purchase.completed","order":"A","email":"a@example.com","products":["p"],"#
        let names = [
            #""first_name":"a\r\nBcc: x""#, #""first_name":["x"]"#, #""last_name":"<b>x</b> \\ %41""#,
            #""username":"\#(String(repeating: "u", count: 61))""#, #""username":"<>%41""#,
            #""first_name":"\#(String(repeating: "n", count: 5000))""#,
        ]
        for name in names {
            let record = try PurchaseEvents.pressgate(bytes(base + name + "}"), eventID: "m")
            XCTAssertEqual(record.kind, .purchase, name)
            XCTAssertLessThanOrEqual(record.firstName.count, 1000)
        }
    }

    // MARK: Stripe

    func stripeEvent(type: String = "checkout.session.completed", object: String) -> [UInt8] {
        bytes(#"{"id":"evt_1","type":"\#(type)","data":{"object":\#(object)}}"#)
    }

    let paidSession = #"""
        {"id":"cs_test_1","payment_status":"paid","payment_intent":"pi_1","metadata":{"product":"course-101"},
         "customer_details":{"email":"buyer@example.com","name":"Bea Buyer Jr"}}
        """#

    func testStripePaidCheckout() throws {
        let record = try PurchaseEvents.stripe(stripeEvent(object: paidSession), settings: PressGateSettings())
        XCTAssertEqual(record.kind, .purchase)
        XCTAssertEqual(record.eventID, "evt_1")
        XCTAssertEqual(record.orderReference, "pi_1", "the payment intent, which a refund names")
        XCTAssertEqual(record.products, ["course-101"])
        XCTAssertEqual(record.email, "buyer@example.com")
        XCTAssertEqual([record.firstName, record.lastName], ["Bea", "Buyer Jr"])
        XCTAssertEqual(record.browserReference, "cs_test_1")
    }

    /// Issue 17: a subscription's renewals extend its grants, failed payments let them lapse.
    func testStripeSubscriptionLifecycle() throws {
        let settings = PressGateSettings()
        func record(_ type: String, _ object: String) throws -> PurchaseRecord {
            try PurchaseEvents.stripe(
                bytes(#"{"id":"evt_s","type":"\#(type)","data":{"object":\#(object)}}"#), settings: settings)
        }
        let paid = try record(
            "invoice.paid",
            #"{"id":"in_1","subscription":"sub_1","lines":{"data":[{"period":{"start":1800000000,"end":1802592000}}]}}"#
        )
        XCTAssertEqual(paid.kind, .renewal)
        XCTAssertEqual(paid.orderReference, "sub_1")
        XCTAssertEqual(paid.accessUntil, 1_802_592_000)
        XCTAssertEqual(try record("invoice.paid", #"{"id":"in_2"}"#).kind, .ignored, "not a subscription's")
        let current = try record(
            "customer.subscription.updated", #"{"id":"sub_1","status":"active","current_period_end":1805000000}"#)
        XCTAssertEqual(current.kind, .renewal)
        XCTAssertEqual(current.accessUntil, 1_805_000_000)
        let itemized = try record(
            "customer.subscription.updated",
            #"{"id":"sub_1","status":"trialing","items":{"data":[{"current_period_end":1806000000}]}}"#)
        XCTAssertEqual(itemized.accessUntil, 1_806_000_000, "newer API versions keep the period on the items")
        for status in ["past_due", "unpaid"] {
            let failed = try record("customer.subscription.updated", #"{"id":"sub_1","status":"\#(status)"}"#)
            XCTAssertEqual(failed.kind, .lapse)
            XCTAssertEqual(failed.orderReference, "sub_1")
        }
        XCTAssertEqual(
            try record("customer.subscription.updated", #"{"id":"sub_1","status":"canceled"}"#).kind, .revocation)
    }

    func testStripeProductMapAndUnpaidSessions() throws {
        var settings = PressGateSettings()
        settings.purchases.stripeProductMap = ["course-101": "course"]
        XCTAssertEqual(
            try PurchaseEvents.stripe(stripeEvent(object: paidSession), settings: settings).products, ["course"])
        settings.purchases.stripeProductMap = ["other": "x"]
        XCTAssertEqual(
            try PurchaseEvents.stripe(stripeEvent(object: paidSession), settings: settings).kind, .unmapped,
            "issue 17: recorded as unmapped, processed again when resent after the map is fixed")
        // Issue 17: a checkout without metadata.product is something else the account sells: ignored, not 400.
        let other =
            #"{"id":"cs_9","payment_status":"paid","payment_intent":"pi_9","customer_details":{"email":"o@example.com"}}"#
        XCTAssertEqual(
            try PurchaseEvents.stripe(stripeEvent(object: other), settings: PressGateSettings()).kind, .ignored)
        let unpaid = paidSession.replacingOccurrences(of: #""paid""#, with: #""unpaid""#)
        XCTAssertEqual(
            try PurchaseEvents.stripe(stripeEvent(object: unpaid), settings: PressGateSettings()).kind, .ignored)
        let subscription =
            #"{"id":"cs_2","payment_status":"paid","subscription":"sub_1","metadata":{"product":"p"},"customer_details":{"email":"b@example.com"}}"#
        XCTAssertEqual(
            try PurchaseEvents.stripe(stripeEvent(object: subscription), settings: PressGateSettings()).orderReference,
            "sub_1")
    }

    func testStripeRefundsAndCancellations() throws {
        let full = try PurchaseEvents.stripe(
            stripeEvent(type: "charge.refunded", object: #"{"refunded":true,"payment_intent":"pi_1"}"#),
            settings: PressGateSettings())
        XCTAssertEqual(full.kind, .revocation)
        XCTAssertEqual(full.orderReference, "pi_1")
        let partial = try PurchaseEvents.stripe(
            stripeEvent(type: "charge.refunded", object: #"{"refunded":false,"payment_intent":"pi_1"}"#),
            settings: PressGateSettings())
        XCTAssertEqual(partial.kind, .ignored)
        let cancelled = try PurchaseEvents.stripe(
            stripeEvent(type: "customer.subscription.deleted", object: #"{"id":"sub_1"}"#),
            settings: PressGateSettings())
        XCTAssertEqual(cancelled.kind, .revocation)
        XCTAssertEqual(cancelled.orderReference, "sub_1")
        let other = try PurchaseEvents.stripe(
            stripeEvent(type: "invoice.created", object: "{}"), settings: PressGateSettings())
        XCTAssertEqual(other.kind, .ignored)
    }

    func testStripeBadPayloadsAre400() {
        XCTAssertEqual(
            status { try PurchaseEvents.stripe(bytes(#"{"type":"x"}"#), settings: PressGateSettings()) }, 400, "no id")
        let noEmail = #"{"id":"cs","payment_status":"paid","payment_intent":"pi","metadata":{"product":"p"}}"#
        XCTAssertEqual(
            status { try PurchaseEvents.stripe(self.stripeEvent(object: noEmail), settings: PressGateSettings()) }, 400)
    }

    // MARK: WooCommerce

    func woo(_ json: String, delivery: String = "d-1") -> (body: [UInt8], request: HTTPRequest) {
        let request = HTTPRequest(
            method: .post, path: "/auth/hooks/woocommerce", headers: ["x-wc-webhook-delivery-id": delivery])
        return (bytes(json), request)
    }

    let completedOrder = #"""
        {"id":991,"status":"completed","billing":{"email":"wc@example.com","first_name":"Wu","last_name":"Chen"},
         "line_items":[{"product_id":42,"sku":"COURSE-SKU"},{"product_id":43,"sku":""}]}
        """#

    func testWooCommerceOrders() throws {
        var settings = PressGateSettings()
        settings.purchases.wooCommerceProductMap = ["42": "course-101"]
        let event = woo(completedOrder)
        let record = try PurchaseEvents.wooCommerce(event.body, request: event.request, settings: settings)
        XCTAssertEqual(record.kind, .purchase)
        XCTAssertEqual(record.orderReference, "991")
        XCTAssertEqual(record.products, ["course-101"], "only mapped line items")
        XCTAssertEqual(record.email, "wc@example.com")
        XCTAssertEqual(record.eventID, "order-991-completed")
        settings.purchases.wooCommerceProductMap = ["COURSE-SKU": "by-sku"]
        XCTAssertEqual(
            try PurchaseEvents.wooCommerce(event.body, request: event.request, settings: settings).products, ["by-sku"])
        settings.purchases.wooCommerceProductMap = ["7": "nothing"]
        XCTAssertEqual(
            try PurchaseEvents.wooCommerce(event.body, request: event.request, settings: settings).kind, .unmapped)
    }

    /// Issue 17: a state change is an event (its modification time in the id); a redelivery is not.
    func testWooCommerceStateChangesAreNewEventsAndRedeliveriesAreNot() throws {
        var settings = PressGateSettings()
        settings.purchases.wooCommerceProductMap = ["42": "course-101"]
        func id(_ status: String, _ modified: String) throws -> String {
            let event = woo(
                #"{"id":991,"status":"\#(status)","date_modified_gmt":"\#(modified)","billing":{"email":"wc@example.com"},"line_items":[{"product_id":42}]}"#
            )
            return try PurchaseEvents.wooCommerce(event.body, request: event.request, settings: settings).eventID
        }
        let completed = try id("completed", "2026-12-01T10:00:00")
        XCTAssertEqual(completed, try id("completed", "2026-12-01T10:00:00"), "a redelivery")
        XCTAssertNotEqual(completed, try id("completed", "2026-12-03T09:00:00"), "completed again after a refund")
        XCTAssertNotEqual(completed, try id("refunded", "2026-12-02T08:00:00"))
    }

    func testWooCommercePingsRefundsAndOtherStatuses() throws {
        let ping = woo(#"{"webhook_id":5}"#, delivery: "ping-7")
        let record = try PurchaseEvents.wooCommerce(ping.body, request: ping.request, settings: PressGateSettings())
        XCTAssertEqual(record.kind, .ignored)
        XCTAssertEqual(record.eventID, "ping-7")
        for (status, kind) in [
            ("refunded", PurchaseRecord.Kind.revocation), ("cancelled", .revocation), ("on-hold", .ignored),
        ] {
            let event = woo(#"{"id":5,"status":"\#(status)"}"#)
            XCTAssertEqual(
                try PurchaseEvents.wooCommerce(event.body, request: event.request, settings: PressGateSettings()).kind,
                kind)
        }
        var settings = PressGateSettings()
        settings.purchases.wooCommercePurchaseStatuses = ["processing"]
        let processing = woo(completedOrder.replacingOccurrences(of: "completed", with: "processing"))
        XCTAssertEqual(
            try PurchaseEvents.wooCommerce(processing.body, request: processing.request, settings: settings).kind,
            .purchase)
    }
}
