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
        // Only the typed name differs (replaced where the form echoes it: a hex nonce may contain "bea").
        XCTAssertEqual(
            wrongPassword.body.replacingOccurrences(of: "value=\"bea\"", with: "value=\"X\""),
            unknown.body.replacingOccurrences(of: "value=\"nobody\"", with: "value=\"X\""))
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
        // Issue 15: throttled attempts are counted in one row per member, address and hour.
        for _ in 0..<10 { XCTAssertEqual(try running.login("cal", "wrong password").status, 429) }
        let throttledRows = try running.site.database.run(
            SQL(
                "SELECT COUNT(*), SUM(repeats) FROM {pg:audit_log} WHERE event = 'login.throttled'",
                tables: running.site.tables)
        ).rows
        XCTAssertEqual(throttledRows.first?.int(0), 1)
        XCTAssertEqual(throttledRows.first?.int(1), 12)
        XCTAssertFalse(audit.contains { ($0.string(1) ?? "").contains("password") }, "no password in the audit log")
    }

    /// Issue 15: the throttle counts accounts, not spellings. MariaDB's `utf8mb4_unicode_520_ci`
    /// finds the member for each of these, so they spend one budget (by member id); an unknown
    /// name's spellings share one too (folded as the collation folds).
    func testEverySpellingOfOneAccountSpendsOneBudget() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "dee@example.test", login: "dee", password: "right password")
        for spellings in [
            ["dee", "DEE", "d\u{200B}ee", "\u{FF44}ee", "dee@example.test"],
            ["nobody", "NoBody", "no\u{2060}body", "\u{FF4E}obody", "nob\u{00F3}dy"],
        ] {
            let statuses = try spellings.map { try running.login($0, "wrong password").status }
            XCTAssertEqual(statuses, [401, 401, 401, 401, 429], "\(spellings)")
        }
    }

    /// Issue 15: on a 6.8+ site whose members hold bcrypt, a wrong password for an unknown name
    /// costs what it costs for a member (the dummy hash follows the members' format and cost; the
    /// configured `hash_format` here is phpass, about 50 times cheaper). Medians of interleaved
    /// samples, each attempt a different account so no throttle delay answers early.
    func testUnknownNamesCostWhatMembersCost() throws {
        let running = try RunningSite(.schema(version: "6.8.1"), testCase: self)
        let samples = 9
        for index in 0..<samples {
            try running.member(
                email: "timed\(index)@example.test", login: "timed\(index)", password: "right password \(index)",
                wordpress: .v6_8, target: .wordPressBcrypt(cost: 10))
        }
        func failedLogin(_ log: String) throws {
            XCTAssertEqual(try running.login(log, "wrong password").status, 401, log)
        }
        try TimingComparison(samples: samples, bounds: 0.6...1.6).assertComparable(
            "login", warmUp: { try failedLogin("warm-up-stranger") }, member: { try failedLogin("timed\($0)") },
            stranger: { try failedLogin("stranger\($0)") })
    }

    /// Issue 15: a password over `password_max_bytes` (1,024 by default) fails before any hashing,
    /// for members and unknown names alike, with the answer of any failure.
    func testAbsurdlyLongPasswordsFailUnhashed() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "lea@example.test", login: "lea", password: "right password")
        let long = String(repeating: "x", count: 4096)
        let member = try running.login("lea", long)
        let stranger = try running.login("nobody-at-all", long)
        XCTAssertEqual(member.status, 401)
        XCTAssertEqual(stranger.status, 401)
        XCTAssertTrue(stranger.body.contains("The username or password is incorrect."))
        let details = try running.site.database.run(
            SQL(
                "SELECT detail FROM {pg:audit_log} WHERE event = 'login.failed' ORDER BY id",
                tables: running.site.tables)
        ).rows.map { $0.string(0) }
        XCTAssertEqual(details, ["password over password_max_bytes", "password over password_max_bytes"])
        XCTAssertEqual(try running.login("lea", "right password").status, 303)
    }

    /// Issue 15: a `session_tokens` value PHP reads but PressGate's unserializer refuses (a session
    /// nested deeper than its limit) no longer makes the login a 500: the entry is kept byte for
    /// byte beside the new session, and WordPress still sees both.
    func testSessionsPressGateCannotReadNeitherFailTheLoginNorAreLost() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let member = try running.member(email: "deb@example.test", login: "deb", password: "right password")
        let deep = String(repeating: "a:1:{i:0;", count: 100) + "i:1;" + String(repeating: "}", count: 100)
        let expiration = Int(Date().timeIntervalSince1970) + 86_400
        let verifier = String(repeating: "ab", count: 32)
        let stored =
            "a:1:{s:64:\"\(verifier)\";a:2:{s:10:\"expiration\";i:\(expiration);s:6:\"plugin\";\(deep)}}"
        try running.site.database.run(
            SQL(
                "INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, 'session_tokens', ?)",
                tables: running.site.tables),
            [.int(member.id), .text(stored)])
        XCTAssertEqual(
            try running.site.wordpress([["op": "sessions", "id": Int(member.id)]]).first?["count"] as? Int, 1)

        let login = try running.login("deb", "right password")
        XCTAssertEqual(login.status, 303, login.body)
        let after =
            try running.site.database.run(
                SQL(
                    "SELECT meta_value FROM {usermeta} WHERE user_id = ? AND meta_key = 'session_tokens'",
                    tables: running.site.tables),
                [.int(member.id)]
            ).rows.first?.string(0) ?? ""
        XCTAssertTrue(after.contains("s:64:\"\(verifier)\";a:2:{s:10:\"expiration\";i:\(expiration);"), after)
        XCTAssertTrue(after.contains(deep))
        XCTAssertEqual(
            try running.site.wordpress([["op": "sessions", "id": Int(member.id)]]).first?["count"] as? Int, 2)
        let cookie = try XCTUnwrap(running.loggedInCookie(login).values.first)
        let validated = try running.site.wordpress([["op": "validate_auth_cookie", "cookie": cookie]])
        XCTAssertEqual(validated.first?["id"] as? Int, Int(member.id))
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
