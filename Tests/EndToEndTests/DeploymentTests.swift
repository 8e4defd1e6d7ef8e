import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// How PressGate sits in a deployment: who may reach its socket, and whom it believes about the
/// client's address and scheme.
final class DeploymentTests: XCTestCase {
    /// `pressgate serve` makes its socket 0660 in `socket_group` (the setting goes through the
    /// command to the listener), and nginx's workers, running as the same user, still get through.
    func testTheSocketIsOwnerAndGroupOnlyAndNginxStillConnects() throws {
        // root may hand the socket to any group; another user only to one of its own.
        let group = getuid() == 0 ? "daemon" : String(getegid())
        let running = try RunningSite(settings: ["PRESSGATE_SOCKET_GROUP": group], testCase: self)
        var status = stat()
        XCTAssertEqual(lstat(running.socket, &status), 0)
        XCTAssertEqual(status.st_mode & 0o777, 0o660, "not 0666: other local users cannot speak FastCGI")
        XCTAssertEqual(status.st_gid, getgrnam(group)?.pointee.gr_gid ?? UInt32(group))
        XCTAssertEqual(try running.http.request("GET", "/auth/healthz").status, 200, "through nginx")
    }

    /// Behind a trusted proxy (here nginx's peer, 127.0.0.1) the session row records the client from
    /// `X-Forwarded-For` (the first untrusted hop from the right), not the proxy every client shares.
    func testATrustedProxyGivesTheClientAddress() throws {
        let running = try RunningSite(settings: ["PRESSGATE_TRUSTED_PROXIES": "127.0.0.0/8"], testCase: self)
        XCTAssertEqual(try sessionAddresses(running, forwardedFor: "198.51.100.1, 203.0.113.7"), ["203.0.113.7"])
    }

    /// Without `trusted_proxies` anyone could send the header: it is ignored.
    func testForwardedForIsIgnoredUnlessThePeerIsTrusted() throws {
        let running = try RunningSite(settings: ["PRESSGATE_TRUSTED_PROXIES": "10.0.0.0/8"], testCase: self)
        XCTAssertEqual(try sessionAddresses(running, forwardedFor: "203.0.113.7"), ["127.0.0.1"])
    }

    /// Logs a member in with `X-Forwarded-For` and answers the addresses of their sessions.
    func sessionAddresses(_ running: RunningSite, forwardedFor: String) throws -> [String] {
        let member = try running.member(email: "kim@example.test", login: "kim", password: "pw kim")
        let login = try running.login("kim", "pw kim", headers: ["X-Forwarded-For": forwardedFor])
        XCTAssertEqual(login.status, 303, login.body)
        return try running.site.sessions.sessions(memberID: member.id, now: UTCTime.now()).sessions.map {
            $0.session.ip ?? ""
        }
    }

    /// A site whose home is https gets WordPress's HTTPS cookies even when the request reached
    /// PressGate as plain http (a TLS terminator nobody told PressGate about): every cookie `Secure`,
    /// the auth cookie named and signed `secure_auth` (what wp-admin over https reads).
    func testAnHTTPSHomeGetsSecureCookiesWhateverTheRequestSays() throws {
        let running = try RunningSite(siteURL: "https://members.example", testCase: self)
        try running.member(email: "kim@example.test", login: "kim", password: "pw kim")
        let login = try running.login("kim", "pw kim")
        XCTAssertEqual(login.status, 303, login.body)
        let cookies = login.all("set-cookie").filter { $0.hasPrefix("wordpress") }
        XCTAssertFalse(cookies.isEmpty)
        XCTAssertTrue(cookies.allSatisfy { $0.contains("; Secure") }, "\(cookies)")
        XCTAssertTrue(cookies.contains { $0.hasPrefix("wordpress_sec_") && $0.contains("Path=/wp-admin") })
        XCTAssertFalse(
            cookies.contains {
                $0.hasPrefix("wordpress_") && !$0.hasPrefix("wordpress_sec_")
                    && !$0.hasPrefix("wordpress_logged_in_")
            })
    }

    /// On an https site the account pages need the Secure `secure_auth` cookie PressGate sets on its own
    /// path, as wp-admin needs `wordpress_sec_…` on SSL; the front-end `logged_in` cookie (sent over
    /// http too) opens nothing there. A password change hands this browser a fresh one.
    func testAnHTTPSSiteOpensTheAccountPagesWithTheSecureCookieOnly() throws {
        let running = try RunningSite(siteURL: "https://members.example", testCase: self)
        try running.member(email: "kim@example.test", login: "kim", password: "first password kim")
        let login = try running.login("kim", "first password kim")
        let loggedIn = running.loggedInCookie(login)
        let secure = login.setCookies.filter { $0.key.hasPrefix("pressgate_sec_") }
        XCTAssertEqual(secure.count, 1)
        XCTAssertTrue(
            login.all("set-cookie").contains {
                $0.hasPrefix("pressgate_sec_") && $0.contains("Path=/auth/") && $0.contains("; Secure")
            })

        let refused = try running.http.request("GET", "/auth/account", cookies: loggedIn)
        XCTAssertEqual(refused.status, 303)
        XCTAssertEqual(refused.header("location"), "/auth/login?redirect_to=%2Fauth%2Faccount")
        let page = try running.http.request("GET", "/auth/account", cookies: secure)
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.body.contains("(this browser)"))

        let token = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: page.body))
        let csrf = page.setCookies.filter { $0.key == "pressgate_csrf" }
        let endOthers = [("_pressgate_csrf", token)]
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/account/sessions", form: endOthers, cookies: loggedIn.merging(csrf) { $1 }
            ).status, 401)
        XCTAssertEqual(
            try running.http.request(
                "POST", "/auth/account/sessions", form: endOthers, cookies: secure.merging(csrf) { $1 }
            ).status, 303)
        let changed = try running.http.request(
            "POST", "/auth/account/password",
            form: [
                ("current", "first password kim"), ("pass1", "violet tugboat orbit 42"),
                ("pass2", "violet tugboat orbit 42"), ("_pressgate_csrf", token),
            ], cookies: secure.merging(csrf) { $1 })
        XCTAssertEqual(changed.status, 303, changed.body)
        let fresh = changed.setCookies.filter { $0.key.hasPrefix("pressgate_sec_") }
        XCTAssertEqual(try running.http.request("GET", "/auth/account", cookies: fresh).status, 200)
        XCTAssertEqual(
            try running.http.request("GET", "/auth/account", cookies: secure).status, 303,
            "the old cookie's HMAC no longer matches")
    }
}
