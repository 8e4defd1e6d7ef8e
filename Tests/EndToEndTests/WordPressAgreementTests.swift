import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// WordPress and PressGate honour each other's sessions on the same database, both ways.
final class WordPressAgreementTests: XCTestCase {
    /// 6.1-era site: the real WordPress (php-cli, same database and salts) is the other side.
    func testWordPress61AcceptsPressGateSessionsAndTheReverse() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let member = try running.member(email: "wp@example.test", login: "wp.member", password: "it's a \"pass\"")

        // PressGate's cookie → WordPress's wp_validate_auth_cookie('logged_in').
        let login = try running.login("wp.member", "it's a \"pass\"")
        let (name, value) = try XCTUnwrap(running.loggedInCookie(login).first)
        var results = try running.site.wordpress([
            ["op": "validate_auth_cookie", "cookie": value, "scheme": "logged_in"]
        ])
        XCTAssertEqual(results[0]["id"] as? Int, Int(member.id), "\(results)")

        // WordPress's own login (wp_signon) → PressGate's gate.
        results = try running.site.wordpress([
            ["op": "signon", "log": "wp.member", "pwd": "it's a \"pass\"", "remember": false]
        ])
        let wordpressCookie = try XCTUnwrap(results[0]["logged_in_cookie"] as? String, "\(results)")
        XCTAssertEqual(results[0]["cookie_name"] as? String, name)
        let encoded = wordpressCookie.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let gate = try running.http.request("GET", "/members/", cookies: [name: encoded])
        XCTAssertEqual(gate.status, 200)
        XCTAssertEqual(gate.header("x-pressgate-user-id"), String(member.id))

        // PressGate logs the first session out: WordPress rejects that cookie, keeps the other.
        try logout(running, cookie: [name: value])
        results = try running.site.wordpress([
            ["op": "validate_auth_cookie", "cookie": value, "scheme": "logged_in"],
            ["op": "validate_auth_cookie", "cookie": wordpressCookie, "scheme": "logged_in"],
            ["op": "sessions", "id": Int(member.id)],
        ])
        XCTAssertEqual(results[0]["error"] as? String, "bad_session_token")
        XCTAssertEqual(results[1]["id"] as? Int, Int(member.id))
        XCTAssertEqual(results[2]["count"] as? Int, 1)
    }

    /// 6.8-era site (new pass_frag rule, `$wp$2y$` hashes): PressGate's cookie is valid under
    /// WordPress 6.8's rules (PHP's own primitives, as the reference describes them).
    func testWordPress68RulesAcceptPressGateSessions() throws {
        let running = try RunningSite(
            settings: [
                "PRESSGATE_WORDPRESS_VERSION": "6.8.1", "PRESSGATE_HASH_FORMAT": "wp-bcrypt",
                "PRESSGATE_BCRYPT_COST": "5",
            ], testCase: self)
        let member = try running.member(
            email: "new@example.test", login: "newer", password: "pw newer",
            wordpress: .v6_8, target: .wordPressBcrypt(cost: 5))
        XCTAssertTrue(member.passwordHash.hasPrefix("$wp$2y$05$"))
        let login = try running.login("newer", "pw newer")
        XCTAssertEqual(login.status, 303)
        let (_, value) = try XCTUnwrap(running.loggedInCookie(login).first)
        let cookie = try XCTUnwrap(value.removingPercentEncoding)
        let sessions = try running.site.database.run(
            SQL(
                "SELECT meta_value FROM {usermeta} WHERE user_id = ? AND meta_key = 'session_tokens'",
                tables: running.site.tables), [.int(member.id)]
        ).first?.string(0)
        let items: [[String: Any]] = [
            [
                "kind": "auth_cookie", "wordpress": "6.8", "scheme": "logged_in", "cookie": cookie,
                "user": ["login": "newer", "user_pass": member.passwordHash], "session_tokens": sessions ?? "",
            ],
            // The same cookie under 6.1's rule fails: the pass_frag differs for `$wp$` hashes.
            [
                "kind": "auth_cookie", "wordpress": "6.1", "scheme": "logged_in", "cookie": cookie,
                "user": ["login": "newer", "user_pass": member.passwordHash], "session_tokens": sessions ?? "",
            ],
        ]
        let results = try vectorOracle(constants: running.site.configuration.saltConstants, items: items)
        XCTAssertEqual(results.map { $0["result"] as? String }, ["valid", "bad_hash"])
    }

    func logout(_ running: RunningSite, cookie: [String: String]) throws {
        let form = try running.http.request("GET", "/auth/login")
        let csrf = try XCTUnwrap(form.setCookies["pressgate_csrf"])
        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: form.body))
        let response = try running.http.request(
            "POST", "/auth/logout", form: [("_pressgate_csrf", token)],
            cookies: cookie.merging(["pressgate_csrf": csrf]) { a, _ in a })
        XCTAssertEqual(response.status, 303)
    }

    /// `scripts/vectors/oracle.php`: WordPress 6.1's code and 6.8's rules on explicit inputs.
    func vectorOracle(constants: [String: String], items: [[String: Any]]) throws -> [[String: Any]] {
        let request = try JSONSerialization.data(withJSONObject: ["constants": constants, "items": items])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pg-oracle-\(UUID().uuidString).json")
        try request.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try TestSite.run(
            "/usr/bin/env",
            ["php", TestSite.repositoryRoot.appendingPathComponent("scripts/vectors/oracle.php").path, file.path])
        let response = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return try XCTUnwrap(response?["results"] as? [[String: Any]], output.stderr)
    }
}
