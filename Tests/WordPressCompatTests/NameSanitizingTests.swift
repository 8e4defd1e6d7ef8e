import WordPressCompat
import XCTest

/// A buyer's name made storable as `wp_insert_user`'s filters make it (`sanitize_text_field`,
/// `wp_filter_kses`, `_wp_specialchars`), never refused. (The end-to-end purchase test compares
/// the stored rows with WordPress's own for the same input.)
final class NameSanitizingTests: XCTestCase {
    func testHostileNamesBecomeWhatWordPressStores() {
        let cases: [(String, String)] = [
            ("Pat", "Pat"),
            ("  Pat   Buyer ", "Pat Buyer"),
            ("<b>Bold</b> Eve", "Bold Eve"),
            ("x<script>alert(1)</script>y", "xy"),
            ("a < b", "a &lt; b"),
            ("a > b", "a &gt; b"),
            ("O\\Brien", "O\\Brien"),
            ("%41%42Ann", "Ann"),
            ("%%4141x", "x"),
            ("Ann %4", "Ann %4"),
            ("Eve\r\nBcc: all@example.test", "Eve Bcc: all@example.test"),
            ("Tab\there", "Tab here"),
            ("Mary & Ann", "Mary &amp; Ann"),
            ("Mary &amp; Ann", "Mary &amp; Ann"),
            ("nul\u{0}byte", "nulbyte"),
            ("<>", ""),
        ]
        for (input, stored) in cases {
            XCTAssertEqual(WordPressText.sanitizedName(input), stored, input.debugDescription)
        }
    }

    func testLongNamesAreCutOutsideAnEntity() {
        XCTAssertEqual(WordPressText.sanitizedName(String(repeating: "n", count: 5000)).count, 100)
        let entityAtTheEdge = String(repeating: "n", count: 97) + "&x"
        XCTAssertEqual(WordPressText.sanitizedName(entityAtTheEdge), String(repeating: "n", count: 97))
    }
}
