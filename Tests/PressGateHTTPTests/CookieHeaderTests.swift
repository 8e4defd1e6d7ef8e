import XCTest

@testable import PressGateHTTP

/// The `Cookie` header as PHP fills `$_COOKIE` for WordPress: split at `;`, spaces around values
/// trimmed, values percent-decoded (`+` stays `+`), the first cookie of a name wins.
final class CookieHeaderTests: XCTestCase {
    func testNamesValuesAndSpaces() {
        XCTAssertEqual(Cookies.parse("a=1; b=2;c=3 ;  d = 4  "), ["a": "1", "b": "2", "c": "3", "d ": "4"])
        XCTAssertEqual(Cookies.parse(""), [:])
        XCTAssertEqual(Cookies.parse(";;; ;"), [:])
    }

    func testValuesAreDecodedAsPHPDoes() {
        XCTAssertEqual(
            Cookies.parse("wordpress_logged_in_x=admin%7C1700000000%7Ctok%7Cmac; p=a+b; q=x=y"),
            ["wordpress_logged_in_x": "admin|1700000000|tok|mac", "p": "a+b", "q": "x=y"])
        XCTAssertEqual(Cookies.parse("u=%C3%A9t%C3%A9; v=été"), ["u": "été", "v": "été"])
    }

    func testFirstOfANameWinsAndBrokenPairsAreSkipped() {
        XCTAssertEqual(Cookies.parse("a=first; a=second"), ["a": "first"])
        XCTAssertEqual(Cookies.parse("novalue; =empty-name; ok=1"), ["ok": "1"])
        XCTAssertEqual(Cookies.parse("e="), ["e": ""])
    }

    func testUndecodableValuesAreDropped() {
        // A bad escape, an escaped NUL and escaped bytes that are not UTF-8 each drop that cookie only.
        XCTAssertEqual(Cookies.parse("a=%zz; b=%00; c=%FF%FE; d=fine"), ["d": "fine"])
        XCTAssertEqual(Cookies.parse("a=%4"), [:])
    }

    /// PHP's rawurlencode(): only A-Z a-z 0-9 - _ . ~ stay, every other byte is %XX (uppercase).
    func testRawURLEncodingAsPHPDoes() {
        XCTAssertEqual(Cookies.rawURLEncoded("gil|1800003600|tok+en/=|mac"), "gil%7C1800003600%7Ctok%2Ben%2F%3D%7Cmac")
        XCTAssertEqual(Cookies.rawURLEncoded("été ~-_."), "%C3%A9t%C3%A9%20~-_.")
        XCTAssertEqual(Cookies.rawURLEncoded("\u{0}\u{7F}"), "%00%7F")
        XCTAssertEqual(Cookies.rawURLEncoded(""), "")
    }
}
