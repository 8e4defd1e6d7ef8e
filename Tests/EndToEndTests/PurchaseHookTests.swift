import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// Purchase hooks through nginx: signed events make members exactly once.
final class PurchaseHookTests: XCTestCase {
    static let secretBytes = (0..<32).map { UInt8($0 * 7 % 256) }
    static let secret = "whsec_" + Base64.standard(secretBytes)
    static let welcomeKey = Base64.standard([UInt8](repeating: 42, count: 32))
    static let settings = [
        "PRESSGATE_WEBHOOK_SECRETS": "whsec_b2xkc2VjcmV0b2xkc2VjcmV0b2xkc2VjcmV0 " + secret,
        "PRESSGATE_STRIPE_WEBHOOK_SECRETS": "whsec_stripe_test_secret",
        "PRESSGATE_WOOCOMMERCE_WEBHOOK_SECRETS": "woo_secret_0123456789",
        "PRESSGATE_WOOCOMMERCE_PRODUCT_MAP": "101=members,SKU-VIDEO=videos",
        "PRESSGATE_WELCOME_KEY": welcomeKey,
    ]

    /// Standard Webhooks headers for `body`, signed as a sender would.
    static func signed(
        _ body: String, id: String, timestamp: Int = Int(Date().timeIntervalSince1970)
    ) -> [String: String] {
        let signature = Base64.standard(
            HMACSHA256.bytes(key: secretBytes, message: Array("\(id).\(timestamp).\(body)".utf8)))
        return ["webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": "v1,\(signature)"]
    }

    static func purchase(
        email: String, order: String, products: [String] = ["members"], first: String = "Pat", username: String? = nil
    ) -> String {
        let user = username.map { ",\"username\":\"\($0)\"" } ?? ""
        let list = products.map { "\"\($0)\"" }.joined(separator: ",")
        return
            #"{"type":"purchase.completed","order":"\#(order)","email":"\#(email)","first_name":"\#(first)","last_name":"Buyer","products":[\#(list)]\#(user)}"#
    }

    func post(
        _ running: RunningSite, _ path: String, _ body: String, headers: [String: String]
    ) throws -> HTTPClient.Response {
        try running.http.request("POST", path, rawBody: body, contentType: "application/json", headers: headers)
    }

    func count(_ running: RunningSite, _ query: String, _ values: [DatabaseValue] = []) throws -> Int64 {
        try running.site.database.run(SQL(query, tables: running.site.tables), values).first?.int(0) ?? -1
    }

    func testPurchaseCreatesMemberShowsPasswordOnceAndLogsIn() throws {
        let running = try RunningSite(.installedByWordPress, settings: Self.settings, testCase: self)
        let body = Self.purchase(email: "pat@example.test", order: "order-1", username: "pat")
        let response = try post(running, "/auth/hooks/purchase", body, headers: Self.signed(body, id: "msg_1"))
        XCTAssertEqual(response.status, 200, response.body)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        XCTAssertEqual(json["created"] as? Bool, true)
        let claimURL = try XCTUnwrap(json["claim_url"] as? String)
        let path = String(claimURL.dropFirst("http://127.0.0.1:8080".count))

        // Opening the link (as a link preview or a mail scanner does; HEAD is answered as GET) burns nothing.
        let opened = try running.http.request("GET", path)
        XCTAssertEqual(opened.status, 200)
        XCTAssertTrue(opened.body.contains("Show my password"), opened.body)
        XCTAssertFalse(opened.body.contains("<dt>Password</dt>"))
        XCTAssertTrue(try running.http.request("GET", path).body.contains("Show my password"), "still waiting")
        func show() throws -> HTTPClient.Response {
            try running.http.request(
                "POST", "/auth/welcome/password",
                form: [
                    ("claim", try XCTUnwrap(RunningSite.hiddenField("claim", in: opened.body))),
                    ("_pressgate_csrf", try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: opened.body))),
                ], cookies: opened.setCookies)
        }
        let page = try show()
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.header("referrer-policy"), "no-referrer")
        XCTAssertEqual(page.header("cache-control"), "no-store")
        let password = try XCTUnwrap(
            page.body.components(separatedBy: "<dt>Password</dt><dd><code>").dropFirst().first?
                .components(separatedBy: "</code>").first)
        XCTAssertEqual(password.replacingOccurrences(of: "&amp;", with: "&").count, 16)
        // Once: the next visit no longer shows it, and the database no longer holds it.
        XCTAssertTrue(try show().body.contains("already shown"))
        let again = try running.http.request("GET", path)
        XCTAssertFalse(again.body.contains(password))
        XCTAssertTrue(again.body.contains("already shown"))
        XCTAssertEqual(
            try count(running, "SELECT COUNT(*) FROM {pg:tokens} WHERE purpose = 'welcome' AND payload IS NOT NULL"), 0)

        // WordPress itself accepts the shown password on its login form.
        let html = password.replacingOccurrences(of: "&amp;", with: "&")
        let results = try running.site.wordpress([["op": "authenticate", "log": "pat", "pwd": html, "form": true]])
        XCTAssertNotNil(results[0]["id"] as? Int, "\(results)")

        // "Log in now" starts a session once; the product opens its folder.
        let csrf = try XCTUnwrap(again.setCookies["pressgate_csrf"])
        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: again.body))
        let claim = try XCTUnwrap(RunningSite.hiddenField("claim", in: again.body))
        let login = try running.http.request(
            "POST", "/auth/welcome", form: [("claim", claim), ("_pressgate_csrf", token)],
            cookies: ["pressgate_csrf": csrf])
        XCTAssertEqual(login.status, 303)
        let cookie = running.loggedInCookie(login)
        XCTAssertEqual(
            try running.http.request("GET", "/wp-content/uploads/members/file.txt", cookies: cookie).status, 200)
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/welcome", form: [("claim", claim), ("_pressgate_csrf", token)],
                cookies: ["pressgate_csrf": csrf]
            ).status, 403, "the claim logs in once")

        // Outbox: the welcome e-mail and the CRM notification, without the password.
        let outbox = try running.site.database.run(
            SQL("SELECT kind, payload FROM {pg:outbox} ORDER BY id", tables: running.site.tables)
        ).rows
        XCTAssertEqual(outbox.map { $0.string(0) }, ["email", "crm"])
        // Issue 15: sealed at rest (links and codes wait there); opened, still without the password.
        let stored = outbox.compactMap { $0.string(1) }
        XCTAssertTrue(stored.allSatisfy { StorageSeal.isSealed($0) && !$0.contains("/auth/") }, "\(stored.count)")
        let payloads = try stored.map { try running.site.openedPayload($0) }
        XCTAssertTrue(payloads.allSatisfy { $0.contains("\"login\"") }, "opened: JSON")
        XCTAssertFalse(payloads.contains { $0.contains(password) })

        // A refund of that order revokes the product.
        let refund = #"{"type":"purchase.refunded","order":"order-1"}"#
        XCTAssertEqual(
            try post(running, "/auth/hooks/purchase", refund, headers: Self.signed(refund, id: "msg_2")).status, 200)
        XCTAssertEqual(
            try running.http.request("GET", "/wp-content/uploads/members/file.txt", cookies: cookie).status, 403)
    }

    /// The same event 20 times, 10 of them at once: one member, one membership, one e-mail.
    func testDuplicateDeliveriesHaveNoSecondEffect() throws {
        let running = try RunningSite(settings: Self.settings, threads: 8, testCase: self)
        let body = Self.purchase(email: "dup@example.test", order: "order-dup")
        let headers = Self.signed(body, id: "msg_dup")
        let http = running.http
        let parallel = concurrently(10) { _ in
            try http.request(
                "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
                headers: headers)
        }
        var statuses = try parallel.map { try $0.get().status }
        for _ in 0..<10 { statuses.append(try post(running, "/auth/hooks/purchase", body, headers: headers).status) }
        XCTAssertEqual(Set(statuses), [200])
        let bodies = try parallel.map { try $0.get().body }
        XCTAssertEqual(bodies.filter { $0.contains("\"duplicate\":false") }.count, 1)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {users}"), 1)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:memberships}"), 1)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:outbox} WHERE kind = 'email'"), 1)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:events}"), 1)
    }

    /// Two different events for the same new e-mail at once: one member, holding the product of the
    /// purchase that created it; the other waits (pending) until the address is proven, as every later
    /// purchase for an unproven address does (PreAccountHijackTests).
    func testConcurrentEventsForOneNewEmailMakeOneMember() throws {
        let running = try RunningSite(settings: Self.settings, threads: 8, testCase: self)
        let http = running.http
        let results = concurrently(2) { index -> Int in
            let body = Self.purchase(
                email: index == 0 ? "two@example.test" : "TWO@example.test", order: "order-\(index)",
                products: [index == 0 ? "members" : "videos"])
            return try http.request(
                "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
                headers: Self.signed(body, id: "msg_two_\(index)")
            ).status
        }
        XCTAssertEqual(try results.map { try $0.get() }, [200, 200])
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {users}"), 1)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:memberships} WHERE status = 'active'"), 1)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:memberships} WHERE status = 'pending'"), 1)
    }

    func testBadSignaturesAndBodiesWriteNothingButAnAuditRow() throws {
        let running = try RunningSite(settings: Self.settings, testCase: self)
        let body = Self.purchase(email: "bad@example.test", order: "order-bad")
        var wrong = Self.signed(body, id: "msg_bad")
        wrong["webhook-signature"] = "v1," + Base64.standard([UInt8](repeating: 1, count: 32))
        XCTAssertEqual(try post(running, "/auth/hooks/purchase", body, headers: wrong).status, 401)
        XCTAssertEqual(try post(running, "/auth/hooks/purchase", body, headers: [:]).status, 401)
        let stale = Self.signed(body, id: "msg_old", timestamp: Int(Date().timeIntervalSince1970) - 3600)
        XCTAssertEqual(try post(running, "/auth/hooks/purchase", body, headers: stale).status, 401)
        XCTAssertEqual(
            try post(running, "/auth/hooks/purchase", body + " ", headers: Self.signed(body, id: "msg_x")).status, 401,
            "the signature covers the raw body")
        let noEmail = #"{"type":"purchase.completed","order":"o","products":["members"]}"#
        XCTAssertEqual(
            try post(running, "/auth/hooks/purchase", noEmail, headers: Self.signed(noEmail, id: "msg_3")).status, 400)
        let notJSON = "{nope"
        XCTAssertEqual(
            try post(running, "/auth/hooks/purchase", notJSON, headers: Self.signed(notJSON, id: "msg_5")).status, 400)
        // A hostile timestamp must not overflow anything (it used to crash the process).
        var hostile = Self.signed(body, id: "msg_min")
        hostile["webhook-timestamp"] = "-9223372036854775808"
        XCTAssertEqual(try post(running, "/auth/hooks/purchase", body, headers: hostile).status, 401)
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/hooks/stripe", rawBody: "{}", contentType: "application/json",
                headers: ["Stripe-Signature": "t=-9223372036854775808,v1=00"]
            ).status, 401)
        XCTAssertTrue(running.server.isRunning)
        let unknown = #"{"type":"purchase.something","order":"o"}"#
        XCTAssertEqual(
            try post(running, "/auth/hooks/purchase", unknown, headers: Self.signed(unknown, id: "msg_6")).status, 200)

        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {users}"), 0)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:memberships}"), 0)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:outbox}"), 0)
        XCTAssertEqual(
            try count(running, "SELECT COUNT(*) FROM {pg:events} WHERE status = 'ignored'"), 1,
            "the unknown type, recorded as ignored")
        // Issue 15: one row per path, status and hour, counting (a flood cannot grow the log).
        XCTAssertEqual(
            try count(running, "SELECT SUM(repeats) FROM {pg:audit_log} WHERE event = 'hook.refused'"), 8)
        XCTAssertEqual(try count(running, "SELECT COUNT(*) FROM {pg:audit_log} WHERE event = 'hook.refused'"), 3)
    }

    /// Stripe and WooCommerce, signed the way those services document it.
    func testStripeAndWooCommerceFixtures() throws {
        let running = try RunningSite(settings: Self.settings, testCase: self)
        let now = Int(Date().timeIntervalSince1970)
        let stripe =
            #"{"id":"evt_1","type":"checkout.session.completed","data":{"object":{"id":"cs_test_a1b2c3d4e5f6g7h8i9j0","payment_intent":"pi_1","payment_status":"paid","metadata":{"product":"members"},"customer_details":{"email":"stripe@example.test","name":"Stri Pe"}}}}"#
        let stripeSignature = HMACSHA256.hex(
            key: Array("whsec_stripe_test_secret".utf8), message: Array("\(now).\(stripe)".utf8))
        var response = try post(
            running, "/auth/hooks/stripe", stripe,
            headers: ["Stripe-Signature": "t=\(now),v1=\(stripeSignature),v0=ignored"])
        XCTAssertEqual(response.status, 200, response.body)
        XCTAssertTrue(response.body.contains("\"created\":true"))
        // The success URL's session id reaches the thank-you page too.
        let byReference = try running.http.request(
            "GET", "/auth/welcome?provider=stripe&ref=cs_test_a1b2c3d4e5f6g7h8i9j0")
        XCTAssertEqual(byReference.status, 200)
        XCTAssertTrue(byReference.body.contains("Show my password"), byReference.body)
        let revealed = try running.http.request(
            "POST", "/auth/welcome/password",
            form: [
                ("provider", "stripe"), ("ref", "cs_test_a1b2c3d4e5f6g7h8i9j0"),
                ("_pressgate_csrf", try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: byReference.body))),
            ], cookies: byReference.setCookies)
        XCTAssertTrue(revealed.body.contains("<dt>Password</dt>"), revealed.body)
        XCTAssertTrue(
            try running.http.request("GET", "/auth/welcome?provider=stripe&ref=cs_unknown_yet").body.contains(
                "still being processed"))

        // An unpaid session (delayed payment method) grants nothing yet.
        let unpaid =
            #"{"id":"evt_0","type":"checkout.session.completed","data":{"object":{"id":"cs_unpaid_0123456789","payment_intent":"pi_0","payment_status":"unpaid","metadata":{"product":"members"},"customer_details":{"email":"late@example.test","name":"La Te"}}}}"#
        let unpaidSignature = HMACSHA256.hex(
            key: Array("whsec_stripe_test_secret".utf8), message: Array("\(now).\(unpaid)".utf8))
        XCTAssertTrue(
            try post(
                running, "/auth/hooks/stripe", unpaid, headers: ["Stripe-Signature": "t=\(now),v1=\(unpaidSignature)"]
            ).body
                .contains("\"status\":\"ignored\""))
        XCTAssertNil(try running.site.members.find(email: "late@example.test"))

        let refund =
            #"{"id":"evt_2","type":"charge.refunded","data":{"object":{"id":"ch_1","payment_intent":"pi_1","refunded":true}}}"#
        let refundSignature = HMACSHA256.hex(
            key: Array("whsec_stripe_test_secret".utf8), message: Array("\(now).\(refund)".utf8))
        response = try post(
            running, "/auth/hooks/stripe", refund, headers: ["Stripe-Signature": "t=\(now),v1=\(refundSignature)"])
        XCTAssertTrue(response.body.contains("\"status\":\"revoked\""), response.body)

        let woo =
            #"{"id":555,"status":"completed","billing":{"email":"woo@example.test","first_name":"Woo","last_name":"Buyer"},"line_items":[{"product_id":101,"sku":""},{"product_id":7,"sku":"SKU-VIDEO"},{"product_id":9,"sku":"unmapped"}]}"#
        let wooSignature = Base64.standard(
            HMACSHA256.bytes(key: Array("woo_secret_0123456789".utf8), message: Array(woo.utf8)))
        response = try post(
            running, "/auth/hooks/woocommerce", woo,
            headers: ["X-WC-Webhook-Signature": wooSignature, "X-WC-Webhook-Topic": "order.updated"])
        XCTAssertEqual(response.status, 200, response.body)
        let member = try XCTUnwrap(try running.site.members.find(email: "woo@example.test"))
        let products = try running.site.database.run(
            SQL("SELECT product FROM {pg:memberships} WHERE user_id = ? ORDER BY product", tables: running.site.tables),
            [.int(member.id)]
        ).rows.compactMap { $0.string(0) }
        XCTAssertEqual(products, ["members", "videos"])
        XCTAssertEqual(
            try post(running, "/auth/hooks/woocommerce", woo, headers: ["X-WC-Webhook-Signature": "bm9wZQ=="]).status,
            401)
    }
}
