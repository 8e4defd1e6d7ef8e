import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// Buying with someone else's e-mail creates the account and shows its password to the buyer; it
/// must not become a trap for the address's owner. The owner's later purchases wait (pending) until
/// the address is proven by setting the password with the e-mailed link, which also ends the buyer's
/// password, sessions and thank-you claim.
final class PreAccountHijackTests: XCTestCase {
    func purchase(
        _ running: RunningSite, order: String, product: String, email: String = "owner@example.test"
    ) throws -> [String: Any] {
        let body = PurchaseHookTests.purchase(email: email, order: order, products: [product])
        let response = try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: "msg_\(order)"))
        XCTAssertEqual(response.status, 200, response.body)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
    }

    func gate(_ running: RunningSite, _ product: String, _ cookie: [String: String]) throws -> Int {
        try running.http.request("GET", "/auth/check?product=\(product)", cookies: cookie).status
    }

    func pendingCount(_ running: RunningSite) throws -> Int64? {
        try running.site.database.run(
            SQL("SELECT COUNT(*) FROM {pg:memberships} WHERE status = 'pending'", tables: running.site.tables)
        ).first?.int(0)
    }

    /// The buyer's "Log in now" on the thank-you page: the session cookie.
    func logInFromThankYouPage(_ running: RunningSite, claimURL: String) throws -> [String: String] {
        let page = try running.http.request("GET", String(claimURL.dropFirst("http://127.0.0.1:8080".count)))
        let login = try running.logInNow(from: page)
        XCTAssertEqual(login.status, 303, login.body)
        return running.loggedInCookie(login)
    }

    /// Sets the password through an e-mailed reset link, as the address's owner does.
    func setPassword(_ running: RunningSite, link: String, to password: String) throws {
        let opened = try running.http.request("GET", String(link.dropFirst("http://127.0.0.1:8080".count)))
        XCTAssertEqual(opened.status, 303, opened.body)
        let jar = ["pressgate_resetpass": try XCTUnwrap(opened.setCookies["pressgate_resetpass"])]
        let form = try running.http.request("GET", "/auth/password/reset", cookies: jar)
        let done = try running.http.request(
            "POST", "/auth/password/reset",
            form: [
                ("pass1", password), ("pass2", password),
                ("_pressgate_csrf", try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: form.body))),
            ], cookies: jar.merging(form.setCookies) { $1 })
        XCTAssertEqual(done.status, 200, done.body)
    }

    func testTheOwnersPurchasesWaitForTheProofThatEndsTheBuyersAccess() throws {
        let running = try RunningSite(
            .installedByWordPress,
            settings: PurchaseHookTests.settings.merging(["PRESSGATE_RESET_LINK_STYLE": "wordpress"]) { $1 },
            testCase: self)
        // Someone buys with the owner's address, and gets the account's password and a session.
        let first = try purchase(running, order: "order-a", product: "members")
        XCTAssertEqual(first["created"] as? Bool, true)
        XCTAssertNil(first["pending"], "what a purchase creates, it grants")
        let claimURL = try XCTUnwrap(first["claim_url"] as? String)
        let buyer = try logInFromThankYouPage(running, claimURL: claimURL)
        XCTAssertEqual(try gate(running, "members", buyer), 204)

        // The owner buys with their own address: the product waits, the buyer does not get it.
        let second = try purchase(running, order: "order-b", product: "videos")
        XCTAssertEqual(second["created"] as? Bool, false)
        XCTAssertEqual(second["pending"] as? Bool, true)
        XCTAssertEqual(try gate(running, "videos", buyer), 403)
        XCTAssertEqual(try pendingCount(running), 1)

        // Its e-mail asks the owner to prove the address, on PressGate's page (even with
        // reset_link_style = wordpress: only there is the proof seen).
        let payload = try XCTUnwrap(
            try running.site.database.run(
                SQL(
                    "SELECT payload FROM {pg:outbox} WHERE kind = 'email' ORDER BY id DESC LIMIT 1",
                    tables: running.site.tables)
            ).first?.string(0))
        let email = try OutboxEmail(json: try running.site.openedPayload(payload))
        XCTAssertEqual(email.template.rawValue, "purchase-pending")
        XCTAssertNil(email.loginLinkURL, "no login link for an account the purchase did not create")
        let link = try XCTUnwrap(email.setPasswordURL)
        XCTAssertTrue(link.contains("/auth/password/reset?login="), link)

        // The owner proves it: the pending product is attached, the buyer's session and password end.
        try setPassword(running, link: link, to: "a brand new secret phrase 7")
        XCTAssertEqual(try pendingCount(running), 0)
        XCTAssertEqual(try gate(running, "members", buyer), 401)
        let owner = running.loggedInCookie(try running.login("owner@example.test", "a brand new secret phrase 7"))
        XCTAssertEqual(try gate(running, "videos", owner), 204)
        XCTAssertEqual(try gate(running, "members", owner), 204)
        XCTAssertEqual(
            try running.site.database.run(
                SQL("SELECT COUNT(*) FROM {pg:tokens} WHERE purpose = 'welcome'", tables: running.site.tables)
            ).first?.int(0), 0, "the thank-you claim ended with the proof")

        // From now on purchases attach at once, and a duplicate delivery answers as the first did.
        let third = try purchase(running, order: "order-c", product: "extras")
        XCTAssertNil(third["pending"])
        XCTAssertEqual(try gate(running, "extras", owner), 204)
        let replay = try purchase(running, order: "order-b", product: "videos")
        XCTAssertEqual(replay["pending"] as? Bool, true)
        XCTAssertEqual(replay["duplicate"] as? Bool, true)
    }

    /// A refund of a pending purchase revokes it: proving the address later attaches nothing.
    func testARefundedPendingPurchaseIsNeverAttached() throws {
        let running = try RunningSite(settings: PurchaseHookTests.settings, testCase: self)
        _ = try purchase(running, order: "order-1", product: "members")
        XCTAssertEqual(try purchase(running, order: "order-2", product: "videos")["pending"] as? Bool, true)
        let refund = #"{"type":"purchase.refunded","order":"order-2"}"#
        let refunded = try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: refund, contentType: "application/json",
            headers: PurchaseHookTests.signed(refund, id: "msg_refund"))
        XCTAssertTrue(refunded.body.contains(#""status":"revoked""#), refunded.body)
        XCTAssertEqual(try pendingCount(running), 0)
    }
}
