import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// PressGate is never a weaker door than wp-login.php: accounts that can do more than a member,
/// accounts a blocking plugin refuses and members whose two-factor is on get no session and no login
/// link from PressGate; members without them log in in one step as before.
final class AccountGuardTests: XCTestCase {
    static let password = "a long enough password 1"

    /// An account made by WordPress's own `wp_insert_user` with `role`.
    @discardableResult
    func wordpressUser(_ running: RunningSite, login: String, role: String) throws -> UInt64 {
        let results = try running.site.wordpress([
            [
                "op": "insert_user", "user_email": "\(login)@example.test", "user_pass": Self.password,
                "user_login": login, "role": role,
            ]
        ])
        return try XCTUnwrap((results.first?["id"] as? NSNumber)?.uint64Value, "\(results)")
    }

    func addMeta(_ running: RunningSite, _ memberID: UInt64, _ key: String, _ value: String) throws {
        try running.site.database.run(
            SQL("INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)", tables: running.site.tables),
            [.int(memberID), .text(key), .text(value)])
    }

    func audit(_ running: RunningSite, _ memberID: UInt64, _ event: String) throws -> [String] {
        try running.site.database.run(
            SQL("SELECT detail FROM {pg:audit_log} WHERE user_id = ? AND event = ?", tables: running.site.tables),
            [.int(memberID), .text(event)]
        ).rows.compactMap { $0.string(0) }
    }

    func assertNoSession(_ response: HTTPClient.Response, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(
            response.all("set-cookie").contains { $0.hasPrefix("wordpress_") && !$0.contains("Max-Age=0") },
            "no WordPress cookie: \(response.all("set-cookie"))", file: file, line: line)
    }

    /// The body without the per-request CSRF token, to compare two answers.
    func comparable(_ body: String) -> String {
        body.replacing(/value="[0-9a-f]{64}"/, with: "value=\"…\"")
    }

    func testAnAdministratorGetsTheAnswerOfAWrongPassword() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let admin = try wordpressUser(running, login: "boss", role: "administrator")
        try wordpressUser(running, login: "writer", role: "editor")
        let right = try running.login("boss", Self.password)
        let wrong = try running.login("boss", "not the password at all")
        XCTAssertEqual(right.status, 401, right.body)
        XCTAssertEqual(comparable(right.body), comparable(wrong.body), "nothing tells a right password apart")
        assertNoSession(right)
        XCTAssertEqual(try audit(running, admin, "login.refused"), ["login.succeeded: privileged account"])
        XCTAssertEqual(try running.login("writer", Self.password).status, 401)

        let json = try running.http.request(
            "POST", "/auth/login", rawBody: #"{"log":"boss","pwd":"\#(Self.password)"}"#,
            contentType: "application/json",
            headers: ["Accept": "application/json"])
        XCTAssertEqual(json.status, 401)
        XCTAssertEqual(json.body, #"{"error":"The username or password is incorrect."}"#)
        assertNoSession(json)

        // A subscriber made the same way logs in in one step.
        try wordpressUser(running, login: "reader", role: "subscriber")
        let member = try running.login("reader", Self.password, redirectTo: "/members/")
        XCTAssertEqual(member.status, 303, member.body)
        XCTAssertFalse(running.loggedInCookie(member).isEmpty)
    }

    func testTheSiteCanLetPrivilegedAccountsIn() throws {
        let running = try RunningSite(
            .installedByWordPress, settings: ["PRESSGATE_ALLOW_PRIVILEGED_SESSIONS": "true"], testCase: self)
        try wordpressUser(running, login: "boss", role: "administrator")
        XCTAssertEqual(try running.login("boss", Self.password).status, 303)
    }

    func testTwoFactorIsNeverSkipped() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let totp = try running.member(email: "tia@example.test", login: "tia", password: Self.password)
        try addMeta(running, totp.id, "_two_factor_enabled_providers", #"a:1:{i:0;s:15:"Two_Factor_Totp";}"#)
        // Listed but not configured (no key yet): the plugin does not ask, neither does PressGate.
        XCTAssertEqual(try running.login("tia", Self.password).status, 303)
        try addMeta(running, totp.id, "_two_factor_totp_key", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        let step = try running.login("tia", Self.password)
        XCTAssertEqual(step.status, 200, step.body)
        XCTAssertTrue(step.body.contains("Two-step verification"), step.body)
        assertNoSession(step)
        XCTAssertEqual(try audit(running, totp.id, "login.two_factor_required").count, 1)
        // A wrong password still gets the ordinary answer.
        XCTAssertEqual(try running.login("tia", "wrong password entirely").status, 401)

        // A provider PressGate does not run (the plugin's debug provider here; WebAuthn plugins alike)
        // and other plugins: wp-login.php.
        let other = try running.member(email: "eve@example.test", login: "eve", password: Self.password)
        try addMeta(running, other.id, "_two_factor_enabled_providers", #"a:1:{i:0;s:16:"Two_Factor_Dummy";}"#)
        let refused = try running.login("eve", Self.password)
        XCTAssertEqual(refused.status, 403, refused.body)
        XCTAssertTrue(refused.body.contains("/wp-login.php"), refused.body)
        assertNoSession(refused)
        XCTAssertEqual(try audit(running, other.id, "login.refused"), ["login.succeeded: two-factor (Two Factor)"])
        let wp2fa = try running.member(email: "wes@example.test", login: "wes", password: Self.password)
        try addMeta(running, wp2fa.id, "wp_2fa_enabled_methods", "totp")
        XCTAssertEqual(try running.login("wes", Self.password).status, 403)
    }

    func testWordfenceSecretsAreHonoured() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        try running.site.database.run(
            SQL(
                "CREATE TABLE `\(running.site.tables.prefix)wfls_2fa_secrets` (id int unsigned NOT NULL AUTO_INCREMENT, "
                    + "user_id bigint unsigned NOT NULL, secret tinyblob NOT NULL, PRIMARY KEY (id), KEY (user_id))",
                tables: running.site.tables))
        let member = try running.member(email: "wf@example.test", login: "wf", password: Self.password)
        try running.site.database.run(
            SQL(
                "INSERT INTO `\(running.site.tables.prefix)wfls_2fa_secrets` (user_id, secret) VALUES (?, 'x')",
                tables: running.site.tables), [.int(member.id)])
        let refused = try running.login("wf", Self.password)
        XCTAssertEqual(refused.status, 403, refused.body)
        assertNoSession(refused)
        try running.member(email: "plain@example.test", login: "plain", password: Self.password)
        XCTAssertEqual(try running.login("plain", Self.password).status, 303)
    }

    func testNoLoginLinkForATwoFactorMember() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let member = try running.member(email: "tf@example.test", login: "tf", password: Self.password)
        let link = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "tf@example.test"], environment: running.environment)
        XCTAssertEqual(link.status, 0, link.stderr)
        try addMeta(running, member.id, "_two_factor_enabled_providers", #"a:1:{i:0;s:16:"Two_Factor_Email";}"#)
        let refused = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "tf@example.test"], environment: running.environment)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("two-factor"), refused.stderr)
        // A link minted before two-factor was turned on starts no session now.
        let url = link.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = String(url.dropFirst("http://127.0.0.1:8080".count))
        let page = try running.http.request("GET", path)
        let token = try XCTUnwrap(RunningSite.hiddenField("t", in: page.body))
        let csrf = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: page.body))
        let used = try running.http.request(
            "POST", "/auth/link", form: [("t", token), ("_pressgate_csrf", csrf)], cookies: page.setCookies)
        XCTAssertEqual(used.status, 403, used.body)
        assertNoSession(used)
    }

    /// The thank-you page's "Log in now" passes the same guard: a member who turned two-factor on
    /// before using it gets no session from it.
    func testTheThankYouPageRespectsTwoFactor() throws {
        let running = try RunningSite(.installedByWordPress, settings: PurchaseHookTests.settings, testCase: self)
        let body = PurchaseHookTests.purchase(email: "ty@example.test", order: "order-ty", username: "ty")
        let response = try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: "msg_ty"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
        let path = String(try XCTUnwrap(json["claim_url"] as? String).dropFirst("http://127.0.0.1:8080".count))
        let page = try running.http.request("GET", path)
        let memberID = try XCTUnwrap((json["member_id"] as? NSNumber)?.uint64Value)
        try addMeta(running, memberID, "_two_factor_enabled_providers", #"a:1:{i:0;s:16:"Two_Factor_Email";}"#)
        let login = try running.logInNow(from: page)
        XCTAssertEqual(login.status, 403, login.body)
        assertNoSession(login)
        XCTAssertEqual(try audit(running, memberID, "login.refused"), ["login.welcome: two-factor (Two Factor)"])
    }

    func testBlockedAccountsStayRefused() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let member = try running.member(email: "bo@example.test", login: "bo", password: Self.password)
        try running.site.database.run(
            SQL("UPDATE {users} SET user_status = 1 WHERE ID = ?", tables: running.site.tables), [.int(member.id)])
        let refused = try running.login("bo", Self.password)
        XCTAssertEqual(refused.status, 401)
        assertNoSession(refused)
        let locked = try running.member(email: "lo@example.test", login: "lo", password: Self.password)
        try addMeta(running, locked.id, "wp_2fa_is_locked", "1")
        XCTAssertEqual(try running.login("lo", Self.password).status, 401)
    }

    func testNoLoginLinksForRefusedAccounts() throws {
        let running = try RunningSite(.installedByWordPress, settings: PurchaseHookTests.settings, testCase: self)
        try wordpressUser(running, login: "boss", role: "administrator")
        let body = #"{"email":"boss@example.test","redirect":"/wp-admin/"}"#
        let hook = try running.http.request(
            "POST", "/auth/hooks/login-link", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: "msg_admin_link"))
        XCTAssertEqual(hook.status, 404, hook.body)
        XCTAssertEqual(hook.body, #"{"error":"No login link for that e-mail address."}"#, "as for an unknown e-mail")
        XCTAssertFalse(hook.body.contains("/link?t="))

        let cli = try TestSite.run(
            TestSite.pressgateBinary, ["user", "login-link", "boss@example.test"], environment: running.environment)
        XCTAssertNotEqual(cli.status, 0)
        XCTAssertTrue(cli.stderr.contains("privileged account"), cli.stderr)
        XCTAssertFalse(cli.stdout.contains("/link?t="))

        // A purchase for the administrator's e-mail grants the product but carries no login link.
        let purchase = PurchaseHookTests.purchase(email: "boss@example.test", order: "order-admin")
        let answer = try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: purchase, contentType: "application/json",
            headers: PurchaseHookTests.signed(purchase, id: "msg_admin_purchase"))
        XCTAssertEqual(answer.status, 200, answer.body)
        let payloads = try running.site.database.run(
            SQL("SELECT payload FROM {pg:outbox}", tables: running.site.tables)
        ).rows.compactMap { $0.string(0) }.map { try running.site.openedPayload($0) }
        XCTAssertFalse(payloads.isEmpty)
        XCTAssertFalse(payloads.contains { $0.contains("/link?t=") }, "\(payloads)")
        let links = try running.site.database.run(
            SQL("SELECT COUNT(*) FROM {pg:tokens} WHERE purpose = 'login_link'", tables: running.site.tables))
        XCTAssertEqual(links.first?.int(0), 0)
    }

    func testAPrivilegedDefaultRoleRefusesPurchases() throws {
        var settings = PurchaseHookTests.settings
        settings["PRESSGATE_DEFAULT_ROLE"] = "administrator"
        let running = try RunningSite(.installedByWordPress, settings: settings, testCase: self)
        let purchase = PurchaseHookTests.purchase(email: "new@example.test", order: "order-new")
        let answer = try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: purchase, contentType: "application/json",
            headers: PurchaseHookTests.signed(purchase, id: "msg_new"))
        XCTAssertEqual(answer.status, 503, answer.body)
        XCTAssertNil(try running.site.members.find(email: "new@example.test"), "nobody was created")
    }
}
