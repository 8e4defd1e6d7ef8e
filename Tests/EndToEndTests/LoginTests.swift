import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

final class LoginTests: XCTestCase {
    func testLoginByUsernameAndByEmailSetsWordPressCookies() throws {
        let running = try RunningSite(testCase: self)
        let member = try running.member(
            email: "ann@example.test", login: "ann", password: "correct horse 'n' \"stuff\"")

        let byLogin = try running.login("ANN", "correct horse 'n' \"stuff\"", redirectTo: "/members/")
        XCTAssertEqual(byLogin.status, 303, byLogin.body)
        XCTAssertEqual(byLogin.header("location"), "/members/")
        let cookies = byLogin.all("set-cookie")
        XCTAssertTrue(
            cookies.contains {
                $0.hasPrefix("wordpress_logged_in_") && $0.contains("Path=/;") && $0.contains("HttpOnly")
                    && $0.contains("SameSite=Lax") && !$0.contains("Expires")
            }, "\(cookies)")
        XCTAssertTrue(cookies.contains { $0.hasPrefix("wordpress_") && $0.contains("Path=/wp-admin") }, "\(cookies)")
        XCTAssertTrue(
            cookies.contains { $0.hasPrefix("wordpress_") && $0.contains("Path=/wp-content/plugins") }, "\(cookies)")
        XCTAssertFalse(cookies.contains { $0.contains("Secure") }, "plain HTTP: no Secure flag")

        let byEmail = try running.login("Ann@Example.test", "correct horse 'n' \"stuff\"", remember: true)
        XCTAssertEqual(byEmail.status, 303)
        XCTAssertEqual(byEmail.header("location"), "/")
        XCTAssertTrue(
            byEmail.all("set-cookie").contains { $0.hasPrefix("wordpress_logged_in_") && $0.contains("Expires=") })

        // Two sessions, stored as WordPress stores them.
        let sessions = try running.site.sessions.sessions(memberID: member.id, now: UTCTime.now())
        XCTAssertEqual(sessions.sessions.count, 2)
        XCTAssertEqual(sessions.sessions.first?.session.ip, "127.0.0.1")
        XCTAssertEqual(sessions.sessions.first?.session.userAgent?.hasPrefix("curl/"), true)
        let lifetimes = sessions.sessions.compactMap { $0.session.expiration.map { $0 - UTCTime.now() } }
        XCTAssertEqual(Double(lifetimes[0]), 2 * 86_400, accuracy: 30)
        XCTAssertEqual(Double(lifetimes[1]), 14 * 86_400, accuracy: 30)

        // JSON clients get JSON.
        let json = try running.http.request(
            "POST", "/auth/login", rawBody: #"{"log":"ann","pwd":"correct horse 'n' \"stuff\""}"#,
            contentType: "application/json", headers: ["Accept": "application/json"])
        XCTAssertEqual(json.status, 200, json.body)
        XCTAssertTrue(json.body.contains("\"user_id\":\(member.id)"), json.body)
    }

    /// Unknown account and wrong password: the same status and the same page.
    func testFailuresDoNotRevealWhetherTheAccountExists() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "bea@example.test", login: "bea", password: "right password")
        let form = try running.http.request("GET", "/auth/login")
        let csrf = try XCTUnwrap(form.setCookies["pressgate_csrf"])
        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: form.body))
        func attempt(_ log: String) throws -> HTTPClient.Response {
            try running.http.request(
                "POST", "/auth/login", form: [("log", log), ("pwd", "wrong password"), ("_pressgate_csrf", token)],
                cookies: ["pressgate_csrf": csrf])
        }
        let wrongPassword = try attempt("bea")
        let unknown = try attempt("nobody")
        XCTAssertEqual(wrongPassword.status, 401)
        XCTAssertEqual(unknown.status, 401)
        XCTAssertEqual(
            wrongPassword.body.replacingOccurrences(of: "bea", with: "X"),
            unknown.body.replacingOccurrences(of: "nobody", with: "X"))
        XCTAssertTrue(wrongPassword.body.contains("The username or password is incorrect."))
        XCTAssertNil(wrongPassword.setCookies.first { $0.key.hasPrefix("wordpress_") })
        // "" and "0" never log in, even when they would match.
        try running.member(email: "zero@example.test", login: "zero", password: "0")
        XCTAssertEqual(try running.login("zero", "0").status, 401)
    }

    func testRepeatedFailuresAreThrottledAndAuditedWithoutSecrets() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "cal@example.test", login: "cal", password: "right password")
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(try running.login("cal", "wrong password").status) }
        XCTAssertEqual(Array(statuses.prefix(4)), [401, 401, 401, 401])
        XCTAssertEqual(statuses[4], 429, "the fourth failure from this address starts a delay")
        let throttled = try running.login("cal", "right password")
        XCTAssertEqual(throttled.status, 429)
        XCTAssertNotNil(throttled.header("retry-after"))
        let audit = try running.site.database.run(
            SQL("SELECT event, detail FROM {pg:audit_log} ORDER BY id", tables: running.site.tables)
        ).rows
        XCTAssertEqual(audit.filter { $0.string(0) == "login.failed" }.count, 4)
        XCTAssertTrue(audit.contains { $0.string(0) == "login.throttled" })
        XCTAssertFalse(audit.contains { ($0.string(1) ?? "").contains("password") }, "no password in the audit log")
    }

    func testRedirectsOnlyToTheSiteItself() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "dan@example.test", login: "dan", password: "pw dan")
        for target in [
            "https://evil.example/", "//evil.example/x", "/\\evil.example", "http://127.0.0.1:8080@evil.example/",
        ] {
            XCTAssertEqual(try running.login("dan", "pw dan", redirectTo: target).header("location"), "/", target)
        }
        XCTAssertEqual(
            try running.login("dan", "pw dan", redirectTo: "http://127.0.0.1:8080/members/x?y=1").header("location"),
            "http://127.0.0.1:8080/members/x?y=1")
    }

    func testCrossSiteFormsAndBadInputAreRefused() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "eve@example.test", login: "eve", password: "pw eve")
        // No CSRF token and another site's Origin.
        let forged = try running.http.request(
            "POST", "/auth/login", form: [("log", "eve"), ("pwd", "pw eve")],
            headers: ["Origin": "https://evil.example"])
        XCTAssertEqual(forged.status, 403)
        // An existing WordPress login form on this site (no token, same-site Origin) may post here.
        let sameSite = try running.http.request(
            "POST", "/auth/login", form: [("log", "eve"), ("pwd", "pw eve")],
            headers: ["Origin": "http://127.0.0.1:8080"])
        XCTAssertEqual(sameSite.status, 303)

        let origin = ["Origin": "http://127.0.0.1:8080"]
        XCTAssertEqual(
            try running.http.request("POST", "/auth/login", rawBody: "log=eve&pwd=%zz", headers: origin).status, 400)
        XCTAssertEqual(
            try running.http.request("POST", "/auth/login", rawBody: "log=eve&pwd=a%00b", headers: origin).status, 400)
        XCTAssertEqual(
            try running.http.request("POST", "/auth/login", rawBody: "log=eve&pwd=%FF%FE", headers: origin).status, 400)
        XCTAssertEqual(
            try running.http.request("POST", "/auth/login", rawBody: "{not json", contentType: "application/json")
                .status, 400)
        XCTAssertEqual(
            try running.http.request("POST", "/auth/login", rawBody: "x", contentType: "text/plain", headers: origin)
                .status, 415)
        let big = "log=eve&pwd=" + String(repeating: "a", count: 70_000)
        XCTAssertEqual(try running.http.request("POST", "/auth/login", rawBody: big, headers: origin).status, 413)
        let wrongMethod = try running.http.request("DELETE", "/auth/login")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertEqual(wrongMethod.header("allow"), "GET, POST")
        XCTAssertEqual(try running.http.request("GET", "/auth/nope").status, 404)
        XCTAssertEqual(try running.http.request("GET", "/auth/healthz").status, 200)
        // The worker survived all of it.
        XCTAssertEqual(try running.login("eve", "pw eve").status, 303)
    }
}

final class ThemeTests: XCTestCase {
    /// A site themes every page with its own layout.html and style.css (`pages_dir`).
    func testPagesUseTheSitesLayoutAndStylesheet() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try
            "<!doctype html><html lang=\"en\"><head><title>{{title}} · ACME Club</title><style>{{style}}</style></head><body><header>ACME Club</header><main>{{content}}</main></body></html>"
            .write(to: folder.appendingPathComponent("layout.html"), atomically: true, encoding: .utf8)
        try "body { color: rebeccapurple; }".write(
            to: folder.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        let running = try RunningSite(settings: ["PRESSGATE_PAGES_DIR": folder.path], testCase: self)
        for path in ["/auth/login", "/auth/password/forgot", "/auth/link?t=x"] {
            let page = try running.http.request("GET", path)
            XCTAssertTrue(page.body.contains("<header>ACME Club</header>"), path)
            XCTAssertTrue(page.body.contains("rebeccapurple"), path)
            XCTAssertTrue(page.body.contains("name=\"_pressgate_csrf\""), "PressGate still fills in the form: \(path)")
        }
        XCTAssertTrue(try running.http.request("GET", "/auth/login").body.contains("<title>Log in · ACME Club</title>"))
    }
}
