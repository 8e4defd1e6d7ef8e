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

    func purchase(_ running: RunningSite, _ body: String, id: String) throws -> HTTPClient.Response {
        try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: id))
    }

    /// Two orders grant one product and a refund of one leaves access; an event's explicit end in
    /// the past grants nothing the gate honours; a product's configured term sets the grant's end.
    func testAccessIsAnyActiveUnexpiredGrant() throws {
        var settings = PurchaseHookTests.settings
        settings["PRESSGATE_PRODUCT_TERMS"] = "trial=14d"
        let running = try RunningSite(settings: settings, testCase: self)
        let gate = try loggedInMemberAtTheGate(running, login: "ola")
        for order in ["o-1", "o-2"] {
            let body = PurchaseHookTests.purchase(email: "ola@example.test", order: order)
            XCTAssertEqual(try purchase(running, body, id: "buy-\(order)").status, 200)
        }
        XCTAssertEqual(try gate(), 200)
        let refund = #"{"type":"purchase.refunded","order":"o-1"}"#
        XCTAssertTrue(try purchase(running, refund, id: "refund-o-1").body.contains(#""status":"revoked""#))
        XCTAssertEqual(try gate(), 200, "order o-2 still grants the product")
        XCTAssertTrue(
            try purchase(running, #"{"type":"purchase.refunded","order":"o-2"}"#, id: "refund-o-2").body.contains(
                #""status":"revoked""#))
        XCTAssertEqual(try gate(), 403)

        let ended = PurchaseHookTests.purchase(email: "ola@example.test", order: "o-3").replacingOccurrences(
            of: #""products""#, with: #""access_until":"2020-01-01T00:00:00Z","products""#)
        XCTAssertEqual(try purchase(running, ended, id: "buy-o-3").status, 200)
        XCTAssertEqual(try gate(), 403, "a grant whose end has passed is none")
        let bad = ended.replacingOccurrences(of: "2020-01-01T00:00:00Z", with: "soon")
        XCTAssertEqual(try purchase(running, bad, id: "buy-o-4").status, 400)

        let trial = PurchaseHookTests.purchase(email: "ola@example.test", order: "o-5", products: ["trial"])
        XCTAssertEqual(try purchase(running, trial, id: "buy-o-5").status, 200)
        let days = try running.site.database.run(
            SQL(
                "SELECT TIMESTAMPDIFF(HOUR, UTC_TIMESTAMP(), expires_at) FROM {pg:memberships} WHERE product = 'trial'",
                tables: running.site.tables)
        ).first?.int(0)
        XCTAssertEqual(days.map { Int($0 + 1) / 24 }, 14, "the configured term")
    }

    /// A Stripe subscription: its checkout grants, each paid invoice extends the access to the period's
    /// end plus the grace period, a failed payment ends it after the grace period (none here), a
    /// renewal brings it back, and the subscription's end revokes it.
    func testAStripeSubscriptionMovesAccess() throws {
        var settings = PurchaseHookTests.settings
        settings["PRESSGATE_SUBSCRIPTION_GRACE_HOURS"] = "0"
        let running = try RunningSite(settings: settings, testCase: self)
        let gate = try loggedInMemberAtTheGate(running, login: "sue")
        func event(_ id: String, _ type: String, _ object: String) throws -> String {
            let answer = try stripe(running, #"{"id":"\#(id)","type":"\#(type)","data":{"object":\#(object)}}"#)
            XCTAssertEqual(answer.status, 200, answer.body)
            return answer.body
        }
        _ = try event(
            "evt_s1", "checkout.session.completed",
            #"{"id":"cs_s1","subscription":"sub_9","payment_status":"paid","metadata":{"product":"members"},"customer_details":{"email":"sue@example.test"}}"#
        )
        XCTAssertEqual(try gate(), 200)
        let periodEnd = Int(Date().timeIntervalSince1970) + 30 * 86_400
        XCTAssertTrue(
            try event(
                "evt_s2", "invoice.paid",
                #"{"id":"in_1","subscription":"sub_9","lines":{"data":[{"period":{"end":\#(periodEnd)}}]}}"#
            ).contains(#""status":"renewed""#))
        let end = try running.site.database.run(
            SQL(
                "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', expires_at) FROM {pg:memberships} WHERE order_ref = 'sub_9'",
                tables: running.site.tables)
        ).first?.int(0)
        XCTAssertEqual(end.map(Int.init), periodEnd)
        XCTAssertEqual(try gate(), 200)

        XCTAssertTrue(
            try event("evt_s3", "customer.subscription.updated", #"{"id":"sub_9","status":"past_due"}"#).contains(
                #""status":"lapsing""#))
        XCTAssertEqual(try gate(), 403, "no grace: access ends with the failed payment")
        _ = try event(
            "evt_s4", "customer.subscription.updated",
            #"{"id":"sub_9","status":"active","current_period_end":\#(periodEnd)}"#)
        XCTAssertEqual(try gate(), 200, "paid after all")
        _ = try event("evt_s5", "customer.subscription.deleted", #"{"id":"sub_9","status":"canceled"}"#)
        XCTAssertEqual(try gate(), 403)
    }

    /// The CRM hears of every member event, each its own outbox row (sealed; its webhook-id stable
    /// across retries): a purchase, a refund's revocation, a failed subscription payment, a password
    /// changed on the reset page.
    func testTheCRMHearsOfEveryMemberEvent() throws {
        var settings = PurchaseHookTests.settings
        settings["PRESSGATE_CRM_WEBHOOK_URL"] = "http://127.0.0.1:9/crm"
        settings["PRESSGATE_CRM_WEBHOOK_SECRET"] = "whsec_" + Base64.standard([UInt8](repeating: 3, count: 24))
        let running = try RunningSite(.installedByWordPress, settings: settings, testCase: self)
        try running.member(email: "cy@example.test", login: "cy", password: "old password cy")
        let body = PurchaseHookTests.purchase(email: "cy@example.test", order: "o-cy")
        XCTAssertEqual(try purchase(running, body, id: "buy-cy").status, 200)
        let refund = #"{"type":"purchase.refunded","order":"o-cy"}"#
        XCTAssertEqual(try purchase(running, refund, id: "refund-cy").status, 200)
        _ = try stripe(
            running,
            Self.checkout(
                id: "evt_cy", intent: "pi_cy", email: "cy@example.test", metadata: #""metadata":{"product":"videos"},"#)
        )
        _ = try stripe(
            running,
            #"{"id":"evt_cy2","type":"charge.refunded","data":{"object":{"payment_intent":"pi_cy","refunded":true}}}"#)

        // The password, changed through the e-mailed reset link.
        let forgot = try running.http.request("GET", "/auth/password/forgot")
        let csrf = try XCTUnwrap(forgot.setCookies["pressgate_csrf"])
        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: forgot.body))
        _ = try running.http.request(
            "POST", "/auth/password/forgot", form: [("user_login", "cy"), ("_pressgate_csrf", token)],
            cookies: ["pressgate_csrf": csrf])
        let key = try XCTUnwrap(
            running.site.database.run(
                SQL("SELECT user_activation_key FROM {users} WHERE user_login = 'cy'", tables: running.site.tables)
            ).first?.string(0))
        XCTAssertFalse(key.isEmpty)
        let copy = try XCTUnwrap(
            running.site.database.run(
                SQL(
                    "SELECT payload FROM {pg:outbox} WHERE kind = 'email' ORDER BY id DESC LIMIT 1",
                    tables: running.site.tables)
            ).first?.string(0))
        let mail = try running.site.openedPayload(copy)
        let link = try XCTUnwrap(
            mail.components(separatedBy: "\"").first { $0.contains("/auth/password/reset?login=") })
        let path = String(link.dropFirst("http://127.0.0.1:8080".count)).replacingOccurrences(of: "\\/", with: "/")
        let opened = try running.http.request("GET", path)
        let resetCookie = try XCTUnwrap(opened.setCookies["pressgate_resetpass"])
        let resetForm = try running.http.request(
            "GET", "/auth/password/reset", cookies: ["pressgate_resetpass": resetCookie])
        let resetToken = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: resetForm.body))
        let resetCSRF = try XCTUnwrap(resetForm.setCookies["pressgate_csrf"])
        let reset = try running.http.request(
            "POST", "/auth/password/reset",
            form: [
                ("pass1", "a new passphrase for cy"), ("pass2", "a new passphrase for cy"),
                ("_pressgate_csrf", resetToken),
            ],
            cookies: ["pressgate_resetpass": resetCookie, "pressgate_csrf": resetCSRF])
        XCTAssertEqual(reset.status, 200, reset.body)

        let events = try running.site.database.run(
            SQL("SELECT payload FROM {pg:outbox} WHERE kind = 'crm' ORDER BY id", tables: running.site.tables)
        ).rows.compactMap { $0.string(0) }.map { try CRMNotification(json: try running.site.openedPayload($0)) }
        XCTAssertEqual(
            events.map { "\($0.event.rawValue):\($0.products)" },
            [
                "member.purchase:members", "membership.revoked:members", "member.purchase:videos",
                "membership.revoked:videos", "member.password_changed:",
            ])
        XCTAssertTrue(events.allSatisfy { $0.login == "cy" && $0.loginURL.hasSuffix("/auth/login") })
    }

    /// A WooCommerce order completed, refunded and completed again grants again; an exact
    /// redelivery of any of its webhooks is a duplicate.
    func testAWooCommerceOrderCompletedAgainGrantsAgain() throws {
        let running = try RunningSite(settings: PurchaseHookTests.settings, testCase: self)
        let gate = try loggedInMemberAtTheGate(running, login: "wu")
        func order(_ status: String, _ modified: String) throws -> String {
            let body =
                #"{"id":777,"status":"\#(status)","date_modified_gmt":"\#(modified)","billing":{"email":"wu@example.test"},"line_items":[{"product_id":101}]}"#
            let signature = Base64.standard(
                HMACSHA256.bytes(key: Array("woo_secret_0123456789".utf8), message: Array(body.utf8)))
            let answer = try running.http.request(
                "POST", "/auth/hooks/woocommerce", rawBody: body, contentType: "application/json",
                headers: ["X-WC-Webhook-Signature": signature, "X-WC-Webhook-Topic": "order.updated"])
            XCTAssertEqual(answer.status, 200, answer.body)
            return answer.body
        }
        XCTAssertTrue(try order("completed", "2026-12-01T10:00:00").contains(#""duplicate":false"#))
        XCTAssertEqual(try gate(), 200)
        XCTAssertTrue(try order("completed", "2026-12-01T10:00:00").contains(#""duplicate":true"#), "a redelivery")
        XCTAssertTrue(try order("refunded", "2026-12-02T10:00:00").contains(#""status":"revoked""#))
        XCTAssertEqual(try gate(), 403)
        XCTAssertTrue(try order("completed", "2026-12-03T10:00:00").contains(#""status":"processed""#))
        XCTAssertEqual(try gate(), 200, "completed again: granted again")
        XCTAssertTrue(try order("completed", "2026-12-03T10:00:00").contains(#""duplicate":true"#))
    }

    /// A member `login` (e-mail `<login>@example.test`), logged in: what the gate answers them for
    /// the "members" product's folder.
    func loggedInMemberAtTheGate(_ running: RunningSite, login: String) throws -> () throws -> Int {
        try running.member(email: "\(login)@example.test", login: login, password: "right password")
        let cookie = running.loggedInCookie(try running.login(login, "right password"))
        return { try running.http.request("GET", "/wp-content/uploads/members/file.txt", cookies: cookie).status }
    }
}
