import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// Issue 17: memberships over time, and webhooks that never lose a purchase.
final class MembershipLifecycleTests: XCTestCase {
    static let stripeSecret = "whsec_stripe_test_secret"

    func stripe(_ running: RunningSite, _ body: String) throws -> HTTPClient.Response {
        let now = Int(Date().timeIntervalSince1970)
        let signature = HMACSHA256.hex(key: Array(Self.stripeSecret.utf8), message: Array("\(now).\(body)".utf8))
        return try running.http.request(
            "POST", "/auth/hooks/stripe", rawBody: body, contentType: "application/json",
            headers: ["Stripe-Signature": "t=\(now),v1=\(signature)"])
    }

    static func checkout(id: String, intent: String, email: String, metadata: String) -> String {
        #"{"id":"\#(id)","type":"checkout.session.completed","data":{"object":{"id":"cs_\#(id)","payment_intent":"\#(intent)","payment_status":"paid",\#(metadata)"customer_details":{"email":"\#(email)","name":"Al Buyer"}}}}"#
    }

    func count(_ running: RunningSite, _ query: String) throws -> Int64 {
        try running.site.database.run(SQL(query, tables: running.site.tables)).first?.int(0) ?? -1
    }

    /// Something else the Stripe account sells (no `metadata.product`) is 200 `ignored`, not a 400
    /// Stripe would retry for three days and then disable the endpoint over; a product the map
    /// does not name is `unmapped`, and its resend after the operator fixed the map grants.
    func testStripeEventsNeverLoseAPurchase() throws {
        var settings = PurchaseHookTests.settings
        settings["PRESSGATE_STRIPE_PRODUCT_MAP"] = "prod_other=other"
        let running = try RunningSite(settings: settings, testCase: self)

        let unrelated = Self.checkout(id: "evt_u1", intent: "pi_u1", email: "mug@example.test", metadata: "")
        let answer = try stripe(running, unrelated)
        XCTAssertEqual(answer.status, 200, answer.body)
        XCTAssertTrue(answer.body.contains(#""status":"ignored""#), answer.body)

        let course = Self.checkout(
            id: "evt_c1", intent: "pi_c1", email: "al@example.test", metadata: #""metadata":{"product":"prod_course"},"#
        )
        for _ in 0..<2 {
            let unmapped = try stripe(running, course)
            XCTAssertEqual(unmapped.status, 200, unmapped.body)
            XCTAssertTrue(unmapped.body.contains(#""status":"unmapped""#), unmapped.body)
            XCTAssertTrue(unmapped.body.contains(#""duplicate":false"#), "an unmapped event is never a duplicate")
        }
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {users}"), 0)

        try running.restartServer(adding: ["PRESSGATE_STRIPE_PRODUCT_MAP": "prod_course=members"])
        let granted = try stripe(running, course)
        XCTAssertEqual(granted.status, 200, granted.body)
        XCTAssertTrue(granted.body.contains(#""status":"processed""#) && granted.body.contains(#""created":true"#))
        XCTAssertEqual(
            try count(running, "SELECT COUNT(*) FROM {pg:memberships} WHERE product = 'members' AND status = 'active'"),
            1)
        let again = try stripe(running, course)
        XCTAssertTrue(again.body.contains(#""duplicate":true"#), "processed once; now a duplicate")
    }
}
