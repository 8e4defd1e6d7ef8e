import PressGateHTTP
import WordPressCompat
import XCTest

@testable import PressGateApp

/// The account pages (password change, session list, "log out everywhere else", two-step settings)
/// on an https site require the `Secure` `secure_auth` cookie, as wp-admin does on SSL; the
/// front-end `logged_in` cookie, which WordPress also sends over http, does not open them. The test
/// app has no database: a cookie that is looked up answers 503, one refused before any lookup does not.
final class AccountCookieTests: XCTestCase {
    /// A well-formed, unexpired cookie value: validating it needs the member's row (the database).
    let value =
        "kim|\(TestApp.now + 3600)|" + String(repeating: "t", count: 43) + "|" + String(repeating: "a", count: 64)

    func cookies(_ site: TestApp, _ names: KeyPath<CookieNames, String>...) -> [String: String] {
        var cookies = site.csrf().cookies
        for name in names { cookies[site.keys.cookieNames[keyPath: name]] = value }
        return cookies
    }

    func accountRoutes(_ site: TestApp, cookies: [String: String]) -> [HTTPStatus] {
        [site.get("/auth/account", cookies: cookies, https: true).status]
            + ["/auth/account/password", "/auth/account/sessions", "/auth/account/two-factor/setup"].map {
                site.post($0, form: [site.csrf().field], cookies: cookies, https: true).status
            }
    }

    func testOnAnHTTPSSiteTheLoggedInCookieDoesNotOpenTheAccountPages() throws {
        let site = try TestApp(home: "https://members.example")
        let page = site.get("/auth/account", cookies: cookies(site, \.loggedIn), https: true)
        XCTAssertEqual(page.status, 303, "refused before any lookup")
        XCTAssertEqual(page.header("Location"), "/auth/login?redirect_to=%2Fauth%2Faccount")
        XCTAssertEqual(accountRoutes(site, cookies: cookies(site, \.loggedIn)), [303, 401, 401, 401])
    }

    func testOnAnHTTPSSiteTheSecureAuthCookieIsWhatIsChecked() throws {
        let site = try TestApp(home: "https://members.example")
        var secure = site.csrf().cookies
        secure[SessionService.accountCookieName(site.keys.cookieNames)] = value
        XCTAssertEqual(accountRoutes(site, cookies: secure), [503, 503, 503, 503], "looked up (no database here)")
        XCTAssertEqual(
            accountRoutes(site, cookies: cookies(site, \.secureAuth)), [503, 503, 503, 503],
            "WordPress's own secure_auth cookie counts where the browser sends it")
    }

    func testOnAnHTTPSiteTheLoggedInCookieStillOpensThem() throws {
        let site = try TestApp(home: "http://members.example")
        XCTAssertEqual(accountRoutes(site, cookies: cookies(site, \.loggedIn)), [503, 503, 503, 503])
    }

    func testTheGateStillReadsTheLoggedInCookie() throws {
        let site = try TestApp(home: "https://members.example")
        XCTAssertEqual(site.get("/auth/check", cookies: cookies(site, \.loggedIn)).status, 503, "looked up")
    }

    func testLogoutExpiresThePressGateSecureCookieToo() throws {
        let site = try TestApp(home: "https://members.example")
        let logout = site.post("/auth/logout", form: [site.csrf().field], cookies: site.csrf().cookies, https: true)
        let name = SessionService.accountCookieName(site.keys.cookieNames)
        XCTAssertTrue(
            logout.headers(named: "Set-Cookie").contains {
                $0.hasPrefix(name + "=deleted") && $0.contains("Path=/auth/") && $0.contains("; Secure")
            })
    }
}
