import XCTest

@testable import PressGateHTTP

/// `Set-Cookie` as PHP's `setcookie()` writes it for WordPress, plus HttpOnly and SameSite=Lax.
final class SetCookieTests: XCTestCase {
    let now = 1_800_000_000

    func testASessionCookie() {
        XCTAssertEqual(
            Cookies.setCookie(
                name: "pressgate_csrf", value: "abc", path: "/auth/", expires: nil, secure: false, now: now),
            "pressgate_csrf=abc; Path=/auth/; HttpOnly; SameSite=Lax")
    }

    func testAnExpiringSecureCookieIsEncodedAsRawurlencode() {
        XCTAssertEqual(
            Cookies.setCookie(
                name: "wordpress_logged_in_h", value: "ann|1800003600|t k|m~", path: "/", expires: now + 3600,
                secure: true, now: now),
            "wordpress_logged_in_h=ann%7C1800003600%7Ct%20k%7Cm~; Expires=Fri, 15 Jan 2027 09:00:00 GMT; Max-Age=3600; "
                + "Path=/; Secure; HttpOnly; SameSite=Lax")
    }

    func testExpiredAndHostileTimesNeverTrap() {
        XCTAssertTrue(
            Cookies.setCookie(name: "a", value: "b", path: "/", expires: now - 5, secure: false, now: now).contains(
                "Max-Age=0"))
        // A session time read from the database can be anything.
        let far = Cookies.setCookie(name: "a", value: "b", path: "/", expires: Int.max, secure: false, now: now)
        XCTAssertTrue(far.contains("Max-Age="))
        XCTAssertEqual(
            Cookies.expired(name: "a", path: "/wp-admin", secure: true),
            "a=deleted; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; Path=/wp-admin; Secure; HttpOnly; SameSite=Lax"
        )
    }

    func testHTTPDate() {
        XCTAssertEqual(HTTPDate.format(0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(HTTPDate.format(1_767_225_600), "Thu, 01 Jan 2026 00:00:00 GMT")
        _ = HTTPDate.format(Int.max)
        _ = HTTPDate.format(Int.min)
    }

    func testStatusAndMethodVocabulary() {
        XCTAssertEqual(HTTPStatus.tooManyRequests.reasonPhrase, "Too Many Requests")
        XCTAssertEqual(HTTPStatus(413).reasonPhrase, "Content Too Large")
        XCTAssertTrue(HTTPStatus(404).isClientError)
        XCTAssertFalse(HTTPStatus(503).isClientError)
        XCTAssertTrue(HTTPMethod.get.isSafe)
        XCTAssertFalse(HTTPMethod.post.isSafe)
        XCTAssertNotEqual(HTTPMethod(rawValue: "get"), .get, "methods are case-sensitive")
    }
}
