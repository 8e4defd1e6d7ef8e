import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// Forgot → e-mail → reset; the account page; WordPress on the same database as the other side.
final class RecoveryTests: XCTestCase {
    func form(
        _ running: RunningSite, _ path: String, cookies: [String: String] = [:]
    ) throws -> (token: String, cookies: [String: String]) {
        let page = try running.http.request("GET", path, cookies: cookies)
        var jar = cookies
        for (name, value) in page.setCookies { jar[name] = value }
        return (try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: page.body), page.body), jar)
    }

    /// Issue 15: reset e-mails are budgeted per member, whatever spelling or address asks, and a
    /// second request sends the first link again instead of killing it.
    func testResetMailsAreBudgetedPerMemberAndKeepTheFirstLink() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(.installedByWordPress, settings: mail.settings, testCase: self)
        try running.member(email: "rosa@example.test", login: "rosa", password: "old password rosa")
        let (token, jar) = try form(running, "/auth/password/forgot")
        for typed in ["rosa", "ROSA", "rosa@example.test", "Rosa@Example.test", "r\u{200B}osa", "rosa", "ROSA"] {
            let answer = try running.http.request(
                "POST", "/auth/password/forgot", form: [("user_login", typed), ("_pressgate_csrf", token)],
                cookies: jar)
            XCTAssertEqual(answer.status, 200, typed)
        }
        // Four before the delay of one address starts (the hard per-member limit is five an hour).
        let queued = try running.site.database.run(
            SQL("SELECT COUNT(*) FROM {pg:outbox} WHERE kind = 'email'", tables: running.site.tables)
        ).rows.first?.int(0)
        XCTAssertEqual(queued, 4)
        let first = try mail.waitForMessage(1)
        let second = try mail.waitForMessage(2)
        let link = try XCTUnwrap(MailSink.line(containing: "/auth/password/reset?login=", in: first))
        XCTAssertEqual(MailSink.line(containing: "/auth/password/reset?login=", in: second), link)
        let key = try XCTUnwrap(URLComponents(string: link)?.queryItems?.first { $0.name == "key" }?.value)
        let check = try running.site.wordpress([["op": "check_password_reset_key", "key": key, "login": "rosa"]])
        XCTAssertEqual(check[0]["result"] as? String, "valid", "the first link still works")
    }

    /// Issue 15: the forgot-password and link-request answers take as long for a member as for a
    /// stranger (the work after the lookup does not differ observably). Medians of interleaved
    /// samples; each request a different account, so no budget answers early.
    func testRecoveryRequestsCostTheSameForMembersAndStrangers() throws {
        let running = try RunningSite(testCase: self)
        let samples = 21
        for index in 0..<samples {
            try running.member(email: "asker\(index)@example.test", login: "asker\(index)", password: "pw \(index)")
        }
        for path in ["/auth/password/forgot", "/auth/link/request"] {
            let (token, jar) = try form(running, path == "/auth/link/request" ? "/auth/link" : path)
            func ask(_ name: String) throws {
                let answer = try running.http.request(
                    "POST", path, form: [("user_login", name), ("_pressgate_csrf", token)], cookies: jar)
                XCTAssertEqual(answer.status, 200, answer.body)
            }
            try TimingComparison(samples: samples, bounds: 0.75...1.33).assertComparable(
                path, warmUp: { try ask("warm-up@example.test") }, member: { try ask("asker\($0)@example.test") },
                stranger: { try ask("stranger\($0)@example.test") })
        }
    }

    func testForgotResetThenWordPressAgrees() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(.installedByWordPress, settings: mail.settings, testCase: self)
        let member = try running.member(email: "rita@example.test", login: "rita", password: "old password rita")
        let oldLogin = try running.login("rita", "old password rita")
        let oldCookie = try XCTUnwrap(running.loggedInCookie(oldLogin).first)

        // Unknown and known accounts get the same answer.
        var (token, jar) = try form(running, "/auth/password/forgot")
        let unknown = try running.http.request(
            "POST", "/auth/password/forgot", form: [("user_login", "nobody@example.test"), ("_pressgate_csrf", token)],
            cookies: jar)
        let known = try running.http.request(
            "POST", "/auth/password/forgot", form: [("user_login", "RITA@example.test"), ("_pressgate_csrf", token)],
            cookies: jar)
        XCTAssertEqual(unknown.status, 200)
        XCTAssertEqual(unknown.status, known.status)
        XCTAssertEqual(unknown.body, known.body)

        let message = try mail.waitForMessage(1)
        XCTAssertTrue(message.contains("To: rita@example.test"))
        let link = try XCTUnwrap(MailSink.line(containing: "/auth/password/reset?login=", in: message))
        let path = String(link.dropFirst("http://127.0.0.1:8080".count))
        // The same key completes on WordPress's own reset logic too.
        let emailedKey = try XCTUnwrap(URLComponents(string: link)?.queryItems?.first { $0.name == "key" }?.value)
        let wordpressCheck = try running.site.wordpress([
            ["op": "check_password_reset_key", "key": emailedKey, "login": "rita"]
        ])
        XCTAssertEqual(wordpressCheck[0]["result"] as? String, "valid")

        // Opening the link (a scanner would) only moves the key into a cookie.
        let opened = try running.http.request("GET", path)
        XCTAssertEqual(opened.status, 303)
        XCTAssertEqual(opened.header("location"), "/auth/password/reset")
        XCTAssertEqual(opened.header("referrer-policy"), "no-referrer")
        let resetCookie = try XCTUnwrap(opened.setCookies["pressgate_resetpass"])
        (token, jar) = try form(running, "/auth/password/reset", cookies: ["pressgate_resetpass": resetCookie])

        // The policy says why; mismatches and weak passwords change nothing.
        for (one, two, reason) in [
            ("short", "short", "at least"), ("new password rita 1", "different", "do not match"),
            ("password123456", "password123456", "too common"),
            ("rita rita rita rita", "rita rita rita rita", "username"),
        ] {
            let refused = try running.http.request(
                "POST", "/auth/password/reset", form: [("pass1", one), ("pass2", two), ("_pressgate_csrf", token)],
                cookies: jar)
            XCTAssertEqual(refused.status, 400, one)
            XCTAssertTrue(refused.body.lowercased().contains(reason), "\(one): \(refused.body)")
        }
        let newPassword = " Crème brûlée, \"quoted\" & back\\slash "
        let done = try running.http.request(
            "POST", "/auth/password/reset",
            form: [("pass1", newPassword), ("pass2", newPassword), ("_pressgate_csrf", token)],
            cookies: jar)
        XCTAssertEqual(done.status, 200, done.body)
        XCTAssertTrue(done.body.contains("Your password was changed"))
        XCTAssertNil(done.setCookies.first { $0.key.hasPrefix("wordpress_logged_in_") }, "no automatic login")

        // The key works once; every session is gone; WordPress takes the new password and drops the old cookie.
        XCTAssertEqual(try running.http.request("GET", path).status, 303)
        let reused = try running.http.request(
            "GET", "/auth/password/reset", cookies: ["pressgate_resetpass": resetCookie])
        XCTAssertEqual(reused.status, 400)
        XCTAssertEqual(try running.site.sessions.sessions(memberID: member.id, now: UTCTime.now()).sessions.count, 0)
        XCTAssertEqual(
            try running.http.request("GET", "/members/", cookies: [oldCookie.key: oldCookie.value]).status, 302)
        var results = try running.site.wordpress([
            ["op": "authenticate", "log": "rita", "pwd": newPassword, "form": true],
            ["op": "authenticate", "log": "rita", "pwd": "old password rita", "form": true],
            ["op": "validate_auth_cookie", "cookie": oldCookie.value, "scheme": "logged_in"],
        ])
        XCTAssertEqual(results[0]["id"] as? Int, Int(member.id), "\(results)")
        XCTAssertEqual(results[1]["error"] as? String, "incorrect_password")
        XCTAssertNotNil(results[2]["error"] as? String)
        XCTAssertEqual(try running.login("rita", newPassword).status, 303)
        let notice = try mail.waitForMessage(2)
        XCTAssertTrue(notice.contains("was just changed"))
        XCTAssertFalse(notice.contains("Crème"), "the notification never contains the password")

        // The reverse: a key WordPress issued opens PressGate's reset form.
        results = try running.site.wordpress([["op": "get_password_reset_key", "login": "rita"]])
        let wordpressKey = try XCTUnwrap(results[0]["key"] as? String)
        let fromWordPress = try running.http.request("GET", "/auth/password/reset?login=rita&key=\(wordpressKey)")
        let form = try running.http.request("GET", "/auth/password/reset", cookies: fromWordPress.setCookies)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.body.contains("Choose a new password"))
        // A key for one member does not open another's.
        try running.member(email: "sam@example.test", login: "sam", password: "sam password 1")
        let swapped = try running.http.request(
            "GET", "/auth/password/reset", cookies: ["pressgate_resetpass": "sam:\(wordpressKey)"])
        XCTAssertEqual(swapped.status, 400)
    }

    func testAccountPageChangesPasswordAndEndsOtherSessions() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(.installedByWordPress, settings: mail.settings, testCase: self)
        let member = try running.member(email: "ann@example.test", login: "ann", password: "first password ann")
        let other = try XCTUnwrap(running.loggedInCookie(try running.login("ann", "first password ann")).first)
        let mine = running.loggedInCookie(try running.login("ann", "first password ann"))

        let page = try running.http.request("GET", "/auth/account", cookies: mine)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("(this browser)"))
        XCTAssertEqual(page.header("content-security-policy")?.contains("default-src 'none'"), true)
        XCTAssertEqual(try running.http.request("GET", "/auth/account").status, 303, "logged out: to the login page")
        var (token, jar) = try form(running, "/auth/account", cookies: mine)

        let wrong = try running.http.request(
            "POST", "/auth/account/password",
            form: [
                ("current", "nope"), ("pass1", "violet tugboat orbit 42"), ("pass2", "violet tugboat orbit 42"),
                ("_pressgate_csrf", token),
            ],
            cookies: jar)
        XCTAssertEqual(wrong.status, 400)
        XCTAssertTrue(wrong.body.contains("current password is not correct"))
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/account/password",
                form: [("current", "first password ann"), ("pass1", "x"), ("pass2", "x")], cookies: mine
            ).status, 403,
            "no CSRF token")
        let changed = try running.http.request(
            "POST", "/auth/account/password",
            form: [
                ("current", "first password ann"), ("pass1", "violet tugboat orbit 42"),
                ("pass2", "violet tugboat orbit 42"),
                ("_pressgate_csrf", token),
            ], cookies: jar)
        XCTAssertEqual(changed.status, 303, changed.body)
        let fresh = running.loggedInCookie(changed)
        XCTAssertEqual(fresh.count, 1, "this browser gets fresh cookies")
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: fresh).status, 200)
        XCTAssertEqual(
            try running.http.request("GET", "/members/", cookies: mine).status, 302,
            "the old cookie's HMAC no longer matches")
        XCTAssertEqual(
            try running.http.request("GET", "/members/", cookies: [other.key: other.value]).status, 302,
            "the other session ended")
        XCTAssertEqual(try running.site.sessions.sessions(memberID: member.id, now: UTCTime.now()).sessions.count, 1)
        XCTAssertTrue(try mail.waitForMessage(1).contains("was just changed"))
        let wordpress = try running.site.wordpress([
            ["op": "authenticate", "log": "ann", "pwd": "violet tugboat orbit 42", "form": true]
        ])
        XCTAssertEqual(wordpress[0]["id"] as? Int, Int(member.id))

        // "Log out everywhere else".
        let third = running.loggedInCookie(try running.login("ann", "violet tugboat orbit 42"))
        (token, jar) = try form(running, "/auth/account", cookies: fresh)
        XCTAssertEqual(
            try running.http.request("POST", "/auth/account/sessions", form: [("_pressgate_csrf", token)], cookies: jar)
                .status, 303)
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: third).status, 302)
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: fresh).status, 200)

        // A 1 MB password is refused before anything runs.
        let big = String(repeating: "a", count: 1_000_000)
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/account/password", rawBody: "current=\(big)&pass1=\(big)&pass2=\(big)",
                cookies: fresh
            ).status, 413)
    }
}
