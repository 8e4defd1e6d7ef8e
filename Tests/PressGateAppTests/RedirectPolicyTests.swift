import PressGateHTTP
import XCTest

@testable import PressGateApp

/// `redirect_to` goes only to the site itself (no open redirects), as a rule and through the forms.
final class RedirectPolicyTests: XCTestCase {
    func testTheRule() {
        let home = "members.example"
        let kept = [
            "/", "/members/", "/members/?a=1#x", "https://members.example/x", "http://members.example",
            "HTTPS://MEMBERS.EXAMPLE/x", "/%2F%2Fevil.example",
        ]
        for target in kept {
            XCTAssertEqual(RedirectPolicy.target(target, homeHost: home, fallback: "F"), target, target)
        }
        let refused = [
            nil, "", "//evil.example", "/\\evil.example", "https://evil.example/",
            "https://members.example@evil.example/",
            "https://members.example.evil.example/", "https://members.example:8443/", "javascript:alert(1)",
            "data:text/html,x", "members.example/x", "/a b", "/a\u{7F}", "/a\tb", "https:\\\\evil.example",
            "https://evil.example\\@members.example/",
        ]
        for target in refused {
            XCTAssertEqual(RedirectPolicy.target(target, homeHost: home, fallback: "F"), "F", target ?? "nil")
        }
        XCTAssertEqual(
            RedirectPolicy.target("https://members.example:8443/", homeHost: "members.example:8443", fallback: "F"),
            "https://members.example:8443/")
    }

    func testTheLoginFormCarriesOnlyAnAllowedTarget() throws {
        let site = try TestApp()
        XCTAssertTrue(
            site.get("/auth/login", query: ["redirect_to": "/members/a"]).text.contains("value=\"/members/a\""))
        let hostile = site.get("/auth/login", query: ["redirect_to": "https://evil.example/"]).text
        XCTAssertFalse(hostile.contains("evil.example"))
        XCTAssertTrue(hostile.contains("name=\"redirect_to\" value=\"/\""))
    }

    func testLogoutGoesOnlyToThisSite() throws {
        let site = try TestApp(settings: ["PRESSGATE_LOGIN_REDIRECT": "/home"])
        let csrf = site.csrf()
        for (requested, expected) in [
            ("/members/", "/members/"), ("//evil.example", "/home"), ("https://evil.example", "/home"),
        ] {
            let response = site.post(
                "/auth/logout", form: [csrf.field, ("redirect_to", requested)], cookies: csrf.cookies)
            XCTAssertEqual(response.header("Location"), expected, "login_redirect is the fallback for \(requested)")
        }
    }

    func testLinkPathsArePathsOnThisSite() {
        XCTAssertEqual(LinkMinter.path(nil), "/")
        XCTAssertEqual(LinkMinter.path("/members/x"), "/members/x")
        XCTAssertNil(LinkMinter.path("https://members.example/x"), "a path, not a URL")
        XCTAssertNil(LinkMinter.path("//evil.example"))
        XCTAssertNil(LinkMinter.path("/" + String(repeating: "a", count: 2000)))
    }
}
