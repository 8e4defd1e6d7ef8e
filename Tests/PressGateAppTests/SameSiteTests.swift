import PressGateHTTP
import WordPressCompat
import XCTest

@testable import PressGateApp

/// CSRF and same-site rules on state-changing forms, through `POST /auth/logout` (which, without a
/// session cookie, never needs the database) and the login form's token.
final class SameSiteTests: XCTestCase {
    var site: TestApp!

    override func setUpWithError() throws { site = try TestApp() }

    func logout(
        form: [(String, String)] = [], cookies: [String: String] = [:], headers: [String: String] = [:]
    ) -> HTTPResponse {
        site.post("/auth/logout", form: form, cookies: cookies, headers: headers)
    }

    func testAValidTokenPasses() {
        let csrf = site.csrf()
        let response = logout(form: [csrf.field, ("redirect_to", "/members/")], cookies: csrf.cookies)
        XCTAssertEqual(response.status, 303)
        XCTAssertEqual(response.header("Location"), "/members/")
        XCTAssertTrue(
            response.headers(named: "Set-Cookie").contains {
                $0.hasPrefix("wordpress_logged_in_") && $0.contains("Max-Age=0")
            })
    }

    func testNoTokenNoOriginIsRefused() {
        let response = logout()
        XCTAssertEqual(response.status, 403)
        XCTAssertTrue(response.text.contains("The form has expired."))
        XCTAssertTrue(response.headers(named: "Set-Cookie").isEmpty, "a refused logout clears nothing")
    }

    func testATokenForAnotherNonceOrKeyIsRefused() {
        let csrf = site.csrf()
        let otherNonce = [CSRFToken.cookieName: String(repeating: "m", count: SessionToken.length)]
        XCTAssertEqual(logout(form: [csrf.field], cookies: otherNonce).status, 403)
        let altered = String(csrf.field.1.dropLast()) + (csrf.field.1.last == "a" ? "b" : "a")
        XCTAssertEqual(logout(form: [(CSRFToken.fieldName, altered)], cookies: csrf.cookies).status, 403)
        XCTAssertEqual(logout(form: [csrf.field]).status, 403, "the token without its cookie")
    }

    func testOriginAndRefererMustNameThisSite() {
        XCTAssertEqual(logout(headers: ["origin": "https://members.example"]).status, 303)
        XCTAssertEqual(logout(headers: ["referer": "https://members.example/wp-login.php"]).status, 303)
        XCTAssertEqual(logout(headers: ["origin": "HTTPS://MEMBERS.EXAMPLE"]).status, 303)
        for hostile in [
            "https://evil.example", "https://members.example.evil.example", "https://members.example@evil.example",
            "//evil.example", "/relative",
        ] {
            let response = logout(headers: ["origin": hostile])
            XCTAssertEqual(response.status, 403, hostile)
        }
        XCTAssertTrue(logout(headers: ["origin": "https://evil.example"]).text.contains("another site"))
        XCTAssertEqual(logout(headers: ["origin": "null"]).status, 403, "an opaque origin proves nothing")
        XCTAssertEqual(
            logout(headers: ["origin": "null", "referer": "https://members.example/x"]).status, 303,
            "then the Referer decides")
    }

    func testAJSONBodyPasses() {
        let response = site.post("/auth/logout", body: Array("{}".utf8), contentType: "application/json")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, #"{"ok":true}"#)
    }

    func testFormPagesCarryATokenForTheirNonceCookie() throws {
        let page = site.get("/auth/login")
        XCTAssertEqual(page.status, 200)
        let cookie = try XCTUnwrap(page.headers(named: "Set-Cookie").first { $0.hasPrefix(CSRFToken.cookieName + "=") })
        // Secure although this request says http: the test site's home is https.
        XCTAssertTrue(cookie.hasSuffix("; Path=/auth/; Secure; HttpOnly; SameSite=Lax"), cookie)
        let nonce = String(cookie.dropFirst(CSRFToken.cookieName.count + 1).prefix { $0 != ";" })
        XCTAssertEqual(nonce.count, SessionToken.length)
        let token = CSRFToken.token(forNonce: nonce, key: site.keys.csrfKey)
        XCTAssertTrue(page.text.contains("value=\"\(token)\""))
        // The browser's own well-formed nonce is kept, a malformed one replaced.
        let mine = String(repeating: "q", count: SessionToken.length)
        let again = site.get("/auth/login", cookies: [CSRFToken.cookieName: mine])
        XCTAssertTrue(again.headers(named: "Set-Cookie").contains { $0.hasPrefix("\(CSRFToken.cookieName)=\(mine);") })
        let replaced = site.get("/auth/login", cookies: [CSRFToken.cookieName: "short"])
        XCTAssertFalse(
            replaced.headers(named: "Set-Cookie").contains { $0.hasPrefix("\(CSRFToken.cookieName)=short;") })
    }

    func testAPageWithSeveralFormsUsesOneNonce() throws {
        let site = try TestApp()
        let context = RequestContext(
            request: HTTPRequest(method: .get, path: "/auth/account"), app: site.app, requestID: "t",
            keys: { site.keys })
        let first = try context.csrfToken()
        let cookie = context.pendingCSRFCookie
        XCTAssertEqual(try context.csrfToken(), first, "every form of one page carries the same token")
        XCTAssertEqual(context.pendingCSRFCookie, cookie)
    }

    func testTheNonceCookieIsSecureOnHTTPS() {
        let page = site.get("/auth/login", https: true)
        XCTAssertTrue(
            page.headers(named: "Set-Cookie").contains { $0.hasPrefix(CSRFToken.cookieName) && $0.contains("; Secure") }
        )
    }
}
