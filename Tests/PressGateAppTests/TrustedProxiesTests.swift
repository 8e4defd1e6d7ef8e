import PressGateConfiguration
import PressGateHTTP
import XCTest

@testable import PressGateApp

/// Who the client is and whether it used HTTPS, behind a CDN, load balancer or TLS terminator:
/// `X-Forwarded-For` / `X-Forwarded-Proto` are believed from `trusted_proxies` only, and cookies are
/// `Secure` whenever the site's home is https.
final class TrustedProxiesTests: XCTestCase {
    let proxies = TrustedProxies(
        networks: ["10.0.0.0/8", "192.0.2.0/24", "2001:db8:cafe::/48"].map { IPNetwork($0)! })

    func request(from peer: String, headers: [String: String], https: Bool = false) -> HTTPRequest {
        HTTPRequest(method: .get, path: "/auth/login", headers: headers, remoteAddress: peer, isHTTPS: https)
    }

    func testTheClientIsTheFirstUntrustedHopFromTheRight() {
        let cases: [(String, String)] = [
            ("203.0.113.7", "203.0.113.7"),
            // Left of the client: whatever the client sent, never believed.
            ("1.1.1.1, 203.0.113.7", "203.0.113.7"),
            ("1.1.1.1, 203.0.113.7, 10.1.2.3", "203.0.113.7"),
            ("1.1.1.1,203.0.113.7 ,  10.1.2.3,192.0.2.9", "203.0.113.7"),
            ("2001:db8::1, 2001:db8:cafe::5", "2001:db8::1"),
            ("[2001:db8::1]:443", "2001:db8::1"),
            ("203.0.113.7:5678", "203.0.113.7"),
            ("::ffff:203.0.113.7", "::ffff:203.0.113.7"),
            // Only trusted hops: the leftmost one is as far as the chain can be believed.
            ("10.9.9.9, 10.1.2.3", "10.9.9.9"),
            // Not an address: the walk stops at the last trusted hop (the client cannot choose).
            ("203.0.113.7, unknown", "192.0.2.1"),
            ("203.0.113.7, garbage, 10.1.2.3", "10.1.2.3"),
            ("", "192.0.2.1"),
            ("203.0.113.007", "192.0.2.1"),
        ]
        for (header, client) in cases {
            XCTAssertEqual(
                proxies.resolve(request(from: "192.0.2.1", headers: ["x-forwarded-for": header])).remoteAddress, client,
                header)
        }
        XCTAssertTrue(proxies.trusts("::ffff:10.0.0.1"), "an IPv4-mapped peer is its IPv4 address")
    }

    func testHeadersFromAnUntrustedPeerAreIgnored() {
        let forged = request(
            from: "198.51.100.20", headers: ["x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https"])
        let resolved = proxies.resolve(forged)
        XCTAssertEqual(resolved.remoteAddress, "198.51.100.20")
        XCTAssertFalse(resolved.isHTTPS)
        let none = TrustedProxies(networks: []).resolve(request(from: "10.0.0.1", headers: forged.headers))
        XCTAssertEqual(none.remoteAddress, "10.0.0.1", "no trusted_proxies: nobody is believed")
        XCTAssertFalse(none.isHTTPS)
    }

    func testTheSchemeComesFromTheNearestTrustedProxy() {
        func scheme(_ proto: String, https: Bool = false) -> Bool {
            proxies.resolve(request(from: "10.0.0.1", headers: ["x-forwarded-proto": proto], https: https)).isHTTPS
        }
        XCTAssertTrue(scheme("https"))
        XCTAssertTrue(scheme("HTTPS"))
        XCTAssertFalse(scheme("http", https: true), "TLS ended at the proxy's far side: the client used http")
        XCTAssertTrue(scheme("http, https"), "the last value is the nearest proxy's")
        XCTAssertFalse(scheme("https, http"))
        XCTAssertTrue(scheme("gopher", https: true), "an unknown value changes nothing")
        XCTAssertEqual(proxies.resolve(request(from: "10.0.0.1", headers: [:])).remoteAddress, "10.0.0.1")
    }

    /// Through the pipeline: behind a trusted TLS terminator the CSRF cookie is `Secure`; the same
    /// header from anyone else changes nothing.
    func testTheResponderBelievesTrustedProxiesOnly() throws {
        let site = try TestApp(
            settings: ["PRESSGATE_TRUSTED_PROXIES": "192.0.2.0/24"], home: "http://members.example")
        func csrfCookie(from peer: String) -> String? {
            site.execute(request(from: peer, headers: ["x-forwarded-proto": "https"]))
                .headers(named: "Set-Cookie").first { $0.hasPrefix(CSRFToken.cookieName) }
        }
        XCTAssertEqual(csrfCookie(from: "192.0.2.10")?.contains("; Secure"), true)
        XCTAssertEqual(csrfCookie(from: "198.51.100.20")?.contains("; Secure"), false)
    }

    /// A site whose home is https gets `Secure` cookies even when the request arrived as plain http
    /// (a TLS terminator PressGate was not told about).
    func testCookiesAreSecureWheneverHomeIsHTTPS() throws {
        let site = try TestApp(home: "https://members.example")
        let page = site.get("/auth/login", https: false)
        XCTAssertTrue(
            page.headers(named: "Set-Cookie").contains { $0.hasPrefix(CSRFToken.cookieName) && $0.contains("; Secure") }
        )
        let logout = site.post("/auth/logout", form: [site.csrf().field], cookies: site.csrf().cookies)
        let cleared = logout.headers(named: "Set-Cookie").filter { $0.hasPrefix("wordpress_") }
        XCTAssertFalse(cleared.isEmpty)
        XCTAssertTrue(cleared.allSatisfy { $0.contains("; Secure") }, "\(cleared)")
    }

    func testNetworksParseStrictly() {
        for good in ["10.0.0.0/8", "192.0.2.1", "192.0.2.1/32", "2001:db8::/32", "::1", "fe80::/10"] {
            XCTAssertNotNil(IPNetwork(good), good)
        }
        for bad in [
            "10.0.0.1/8", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/0", "::/0", "10.0.0.0/-1", "10.0.0",
            "010.0.0.0/8", "10.0.0.0/8/8", "2001:db8::1/32", "2001:db8::/129", "fe80::1%eth0", "::ffff:10.0.0.0/104",
            "localhost", "", "10.0.0.0 /8",
        ] {
            XCTAssertNil(IPNetwork(bad), bad)
        }
        XCTAssertEqual(IPNetwork("2001:0db8::/32")?.description, "2001:db8::/32")
        let network = IPNetwork("10.0.0.0/8")!
        XCTAssertTrue(network.contains(IPAddress.bytes("10.255.0.1")!))
        XCTAssertFalse(network.contains(IPAddress.bytes("11.0.0.1")!))
        XCTAssertFalse(network.contains(IPAddress.bytes("::a00:1")!), "families never mix")
    }
}
