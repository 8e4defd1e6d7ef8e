import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// nginx `auth_request` through PressGate's `/auth/check`.
final class GateTests: XCTestCase {
    func testProtectedFoldersNeedALiveSessionAndTheProduct() throws {
        let running = try RunningSite(testCase: self)
        let member = try running.member(email: "gil@example.test", login: "gil", password: "pw gil")

        let anonymous = try running.http.request("GET", "/members/")
        XCTAssertEqual(anonymous.status, 302)
        XCTAssertEqual(anonymous.header("location"), "/auth/login?redirect_to=/members/")

        let login = try running.login("gil", "pw gil")
        let cookie = running.loggedInCookie(login)
        XCTAssertEqual(cookie.count, 1)
        let inside = try running.http.request("GET", "/members/", cookies: cookie)
        XCTAssertEqual(inside.status, 200)
        XCTAssertEqual(inside.header("x-pressgate-user-id"), String(member.id))

        // The product folder wants the `members` product.
        XCTAssertEqual(
            try running.http.request("GET", "/wp-content/uploads/members/file.txt", cookies: cookie).status, 403)
        try running.site.database.run(
            SQL(
                "INSERT INTO {pg:memberships} (user_id, product, status, granted_at) VALUES (?, 'members', 'active', NOW())",
                tables: running.site.tables), [.int(member.id)])
        XCTAssertEqual(
            try running.http.request("GET", "/wp-content/uploads/members/file.txt", cookies: cookie).status, 200)
        // Revoked outside PressGate (here: in the database): the gate's cached yes lasts at most
        // gate_cache_seconds (2 by default), then the revocation shows.
        try running.site.database.run(
            SQL("UPDATE {pg:memberships} SET status = 'revoked' WHERE user_id = ?", tables: running.site.tables),
            [.int(member.id)])
        Thread.sleep(forTimeInterval: 2.2)
        XCTAssertEqual(
            try running.http.request("GET", "/wp-content/uploads/members/file.txt", cookies: cookie).status, 403,
            "revocation reaches the gate within gate_cache_seconds")

        // Direct calls to the gate's internal location are not possible; /auth/check itself answers.
        XCTAssertEqual(try running.http.request("GET", "/_pressgate/gate").status, 404)
        XCTAssertEqual(try running.http.request("GET", "/auth/check", cookies: cookie).status, 204)
        XCTAssertEqual(
            try running.http.request("GET", "/auth/check?product=", cookies: cookie).status, 403,
            "an empty product fails closed")
    }

    /// Issue 15: rotating the salts in wp-config.php (WordPress's "log everyone out") reaches the
    /// running PressGate within seconds: the old cookie stops opening the gate (cached answer
    /// included), and a new login works under the new salts.
    func testASaltRotationLogsEveryoneOutWithinSeconds() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "sal@example.test", login: "sal", password: "pw sal")
        let cookie = running.loggedInCookie(try running.login("sal", "pw sal"))
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: cookie).status, 200)

        let config = try String(contentsOfFile: running.site.wpConfigPath, encoding: .utf8)
        let rotated = config.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("define( 'LOGGED_IN_KEY'")
                ? "define( 'LOGGED_IN_KEY', 'rotated \(UUID().uuidString)' );" : String(line)
        }.joined(separator: "\n")
        XCTAssertNotEqual(rotated, config)
        try rotated.write(toFile: running.site.wpConfigPath, atomically: true, encoding: .utf8)

        XCTAssertTrue(
            waitUntil(timeout: 15) {
                (try? running.http.request("GET", "/members/", cookies: cookie).status) == 302
            }, "the old cookie still opens the gate")
        let fresh = running.loggedInCookie(try running.login("sal", "pw sal"))
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: fresh).status, 200)
        XCTAssertTrue(running.server.isRunning)
    }

    func testTamperedExpiredAndLoggedOutCookiesAreRefused() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "hal@example.test", login: "hal", password: "pw hal")
        let login = try running.login("hal", "pw hal")
        let cookie = running.loggedInCookie(login)
        let (name, value) = try XCTUnwrap(cookie.first)
        let decoded = try XCTUnwrap(value.removingPercentEncoding)
        var fields = decoded.split(separator: "|").map(String.init)
        XCTAssertEqual(fields.count, 4)

        func gate(_ cookieValue: String) throws -> Int {
            try running.http.request(
                "GET", "/members/",
                cookies: [name: cookieValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!]
            ).status
        }
        XCTAssertEqual(try gate(decoded), 200)
        fields[1] = String(Int(fields[1])! + 86_400)
        XCTAssertEqual(try gate(fields.joined(separator: "|")), 302, "an extended expiration breaks the HMAC")
        var tampered = decoded.split(separator: "|").map(String.init)
        tampered[3] = String(tampered[3].reversed())
        XCTAssertEqual(try gate(tampered.joined(separator: "|")), 302)
        XCTAssertEqual(try gate("garbage"), 302)
        var expired = decoded.split(separator: "|").map(String.init)
        expired[1] = "1000"
        XCTAssertEqual(try gate(expired.joined(separator: "|")), 302)

        // Logout ends this session and expires the cookies.
        let form = try running.http.request("GET", "/auth/login")
        let csrf = try XCTUnwrap(form.setCookies["pressgate_csrf"])
        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: form.body))
        let logout = try running.http.request(
            "POST", "/auth/logout", form: [("_pressgate_csrf", token)],
            cookies: cookie.merging(["pressgate_csrf": csrf]) { a, _ in a })
        XCTAssertEqual(logout.status, 303)
        XCTAssertTrue(logout.all("set-cookie").contains { $0.hasPrefix(name + "=deleted") })
        XCTAssertEqual(try gate(decoded), 302, "the session row is gone")
    }
}
