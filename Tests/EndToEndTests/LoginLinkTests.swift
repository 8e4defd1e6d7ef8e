import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// Auto-login links: minted by the CLI, the signed hook and purchases; scanner-safe; single use;
/// revoked by password changes and "log out everywhere".
final class LoginLinkTests: XCTestCase {
    func use(_ running: RunningSite, _ url: String) throws -> HTTPClient.Response {
        let path = String(url.dropFirst("http://127.0.0.1:8080".count))
        let page = try running.http.request("GET", path)
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertEqual(try running.http.request("GET", path).status, 200, "opening the link uses nothing")
        let token = try XCTUnwrap(RunningSite.hiddenField("t", in: page.body))
        let csrf = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: page.body))
        return try running.http.request(
            "POST", "/auth/link", form: [("t", token), ("_pressgate_csrf", csrf)], cookies: page.setCookies)
    }

    func testLinksFromTheCLIAndTheHookAreSingleUseAndRevocable() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(
            .installedByWordPress, settings: mail.settings.merging(PurchaseHookTests.settings) { a, _ in a },
            testCase: self)
        let member = try running.member(email: "lia@example.test", login: "lia", password: "lia password 1")

        let minted = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "lia@example.test", "--redirect", "/members/"],
            environment: running.environment)
        XCTAssertEqual(minted.status, 0, minted.stderr)
        let url = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:8080/auth/link?t="), url)
        let first = try use(running, url)
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(first.header("location"), "/members/")
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: running.loggedInCookie(first)).status, 200)
        let again = try use(running, url)
        XCTAssertEqual(again.status, 400)
        XCTAssertTrue(again.body.contains("Send me a new link"))

        // The signed hook mints one; an unsigned call gets nothing.
        let body = #"{"email":"lia@example.test","redirect":"/members/","ttl":3600}"#
        let hook = try running.http.request(
            "POST", "/auth/hooks/login-link", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: "msg_link"))
        XCTAssertEqual(hook.status, 200, hook.body)
        let hookURL =
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(hook.body.utf8)) as? [String: Any])["url"]
            as? String
        XCTAssertEqual(
            try running.http.request("POST", "/auth/hooks/login-link", rawBody: body, contentType: "application/json")
                .status, 401)
        let evil = #"{"email":"lia@example.test","redirect":"https://evil.example/"}"#
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/hooks/login-link", rawBody: evil, contentType: "application/json",
                headers: PurchaseHookTests.signed(evil, id: "msg_evil")
            ).status, 400)

        // A password change made in WordPress revokes outstanding links.
        _ = try running.site.wordpress([["op": "set_password", "id": Int(member.id), "pwd": "changed in wordpress 9"]])
        XCTAssertEqual(try use(running, try XCTUnwrap(hookURL)).status, 400)

        // "Log out everywhere else" revokes them too, and expired links fail the same way.
        let fresh = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "lia@example.test"], environment: running.environment
        )
        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let expiring = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "lia@example.test", "--ttl", "60"],
            environment: running.environment
        )
        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try running.site.database.run(
            SQL(
                "UPDATE {pg:tokens} SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE purpose = 'login_link' AND uses_left = 1 AND expires_at < UTC_TIMESTAMP() + INTERVAL 120 SECOND",
                tables: running.site.tables))
        XCTAssertEqual(try use(running, expiring).status, 400)
        let session = running.loggedInCookie(try running.login("lia", "changed in wordpress 9"))
        let page = try running.http.request("GET", "/auth/account", cookies: session)
        let csrf = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: page.body))
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/account/sessions", form: [("_pressgate_csrf", csrf)],
                cookies: session.merging(page.setCookies) { a, _ in a }
            ).status, 303)
        XCTAssertEqual(try use(running, fresh).status, 400)

        // A fresh link by e-mail, same answer for unknown accounts.
        let invalid = try running.http.request("GET", "/auth/link?t=nope")
        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: invalid.body))
        let known = try running.http.request(
            "POST", "/auth/link/request", form: [("user_login", "lia"), ("_pressgate_csrf", token)],
            cookies: invalid.setCookies)
        let unknown = try running.http.request(
            "POST", "/auth/link/request", form: [("user_login", "zed"), ("_pressgate_csrf", token)],
            cookies: invalid.setCookies)
        XCTAssertEqual(known.body, unknown.body)
        let message = try mail.waitForMessage(1)
        let link = try XCTUnwrap(MailSink.line(containing: "/auth/link?t=", in: message))
        XCTAssertEqual(try use(running, link.trimmingCharacters(in: .whitespaces)).status, 303)
    }

    func testPurchaseWelcomeMailCarriesAWorkingLink() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(
            settings: mail.settings.merging(PurchaseHookTests.settings) { a, _ in a }, testCase: self)
        let body = PurchaseHookTests.purchase(email: "buyer@example.test", order: "order-link")
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
                headers: PurchaseHookTests.signed(body, id: "msg_buy")
            ).status, 200)
        let message = try mail.waitForMessage(1)
        let link = try XCTUnwrap(
            MailSink.line(containing: "/auth/link?t=", in: message)?.components(separatedBy: " ").last)
        let used = try use(running, link)
        XCTAssertEqual(used.status, 303)
        XCTAssertEqual(
            try running.http.request(
                "GET", "/wp-content/uploads/members/file.txt", cookies: running.loggedInCookie(used)
            ).status, 200)
    }
}
