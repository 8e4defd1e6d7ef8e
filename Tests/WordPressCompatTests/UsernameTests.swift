import WordPressCompat
import XCTest

/// `sanitize_user`, nicenames and `is_email`, with the reference's examples (§7.2, §8.1).
final class UsernameTests: XCTestCase {
    func testSanitizeUser() {
        XCTAssertEqual(WordPressUsername.sanitize("José Müller!", strict: true), "Jose Muller")
        XCTAssertEqual(WordPressUsername.sanitize("Ærøskøbing ß", strict: true), "AEroskobing s")
        XCTAssertEqual(WordPressUsername.sanitize("日本語", strict: true), "")
        XCTAssertEqual(
            WordPressUsername.sanitize("  a  <b>bold</b>\tname %41 &amp; x ", strict: false), "a bold name x")
        XCTAssertEqual(WordPressUsername.sanitize("x<script>alert(1)</script>y", strict: true), "xy")
        XCTAssertEqual(
            WordPressUsername.sanitize("jane.doe+tag@example.test", strict: true), "jane.doetag@example.test")
        XCTAssertEqual(WordPressUsername.sanitize("josé", strict: false), "jose")
    }

    func testNicenames() {
        XCTAssertEqual(WordPressUsername.nicename(forLogin: "Sub.Scriber One"), "sub-scriber-one")
        XCTAssertEqual(WordPressUsername.nicename(forLogin: "jane doe@example.test"), "jane-doeexample-test")
        XCTAssertEqual(WordPressUsername.nicename(forLogin: "Upper.Case_Name"), "upper-case_name")
        XCTAssertEqual(WordPressUsername.nicename("sub-scriber-one", suffix: 2), "sub-scriber-one-2")
        XCTAssertEqual(WordPressUsername.nicename(String(repeating: "a", count: 50), suffix: 12).count, 50)
    }

    func testIsEmail() {
        for valid in ["jane@example.test", "a.b+c@sub.example.org", "x_y@d-1.io"] {
            XCTAssertTrue(WordPressText.isEmail(valid), valid)
        }
        for invalid in [
            "", "a@b", "jane@", "@example.test", "jane@@example.test", "jane@example..test", "jane@-x.test",
            "jane@example.test\r\nBcc: x@y.z", "jane doe@example.test", "jäne@example.test", "j@e.t\u{0}",
        ] {
            XCTAssertFalse(WordPressText.isEmail(invalid), invalid)
        }
    }

    func testNamesAreStoredAsWordPressFiltersThem() throws {
        XCTAssertEqual(try WordPressText.name("  Mary   Ann ", field: "first name"), "Mary Ann")
        XCTAssertEqual(try WordPressText.name("Smith & Sons", field: "last name"), "Smith &amp; Sons")
        XCTAssertEqual(try WordPressText.name("Smith &amp; Sons", field: "last name"), "Smith &amp; Sons")
        XCTAssertEqual(try WordPressText.name("O'Brien", field: "last name"), "O'Brien")
        for bad in ["a\nb", "<b>x</b>", "a\\b", "%41", "x\u{0}"] {
            XCTAssertThrowsError(try WordPressText.name(bad, field: "first name"), bad)
        }
    }
}

final class UsernameHostileInputTests: XCTestCase {
    func testStripTagsKeepsALessThanBeforeWhitespaceAndEntitiesStopAtNewlines() {
        XCTAssertEqual(WordPressUsername.sanitize("jane < doe", strict: false), "jane < doe")
        XCTAssertEqual(WordPressUsername.sanitize("a&b\r\nc;d", strict: false), "a&b c;d")
        XCTAssertEqual(WordPressUsername.sanitize("<SCRIPT>x</script>y", strict: false), "y")
        XCTAssertEqual(WordPressUsername.sanitize("a<b", strict: false), "a")
    }

    /// Inputs that made the old helpers quadratic finish (and give what PHP gives).
    func testLargeHostileInputsStayLinear() {
        XCTAssertEqual(WordPressUsername.sanitize(String(repeating: "<script>", count: 8192), strict: false), "")
        XCTAssertEqual(WordPressUsername.sanitize(String(repeating: "&", count: 65_536), strict: false).count, 65_536)
        XCTAssertEqual(WordPressUsername.sanitize(String(repeating: "%4", count: 30_000), strict: true).count, 30_000)
    }
}

final class UsernameFastPathTests: XCTestCase {
    /// The fast path gives exactly what the full sanitize_user gives.
    func testFastPathAgreesWithTheFullRules() {
        for login in [
            "admin", "jane.doe@example.test", "Sub.Scriber One", "a-b_c", " x", "x ", "a  b", "", "é", "a%41",
            "a&amp;b", "<b>x",
        ] {
            let fast = WordPressUsername.sanitize(login, strict: false)
            // NUL forces the full path; trim drops it.
            let slow = WordPressUsername.sanitize(login + "\u{0}", strict: false)
            XCTAssertEqual(fast, slow, login)
        }
    }
}
