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
}
