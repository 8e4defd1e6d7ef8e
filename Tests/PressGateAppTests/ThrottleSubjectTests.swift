import XCTest

@testable import PressGateApp

/// Issue 15: the throttle counts accounts, not spellings.
final class ThrottleSubjectTests: XCTestCase {
    /// Spellings `utf8mb4_unicode_520_ci` takes as one name (zero-width space, zero-width joiner,
    /// word joiner, soft hyphen, full-width and circled letters, case, accents) share one budget.
    func testSpellingsTheCollationEquatesShareOneBudget() {
        let plain = ThrottleSubject.name(typed: "alice")
        for spelling in [
            "ali\u{200B}ce", "al\u{200D}ice", "a\u{2060}lice", "ali\u{00AD}ce", "\u{FF41}lice", "\u{24D0}lice",
            "ALICE", "\u{FF21}LICE", "Alic\u{00E9}", "  alice ",
        ] {
            XCTAssertEqual(ThrottleSubject.name(typed: spelling), plain, spelling.debugDescription)
        }
        XCTAssertNotEqual(ThrottleSubject.name(typed: "alicia"), plain)
        XCTAssertNotEqual(ThrottleSubject.name(typed: "bob"), plain)
    }

    /// A found member is counted by id, whatever was typed (login, e-mail, another spelling).
    func testAFoundMemberIsCountedByID() {
        XCTAssertEqual(ThrottleSubject.member(42), "id:42")
        XCTAssertFalse(ThrottleSubject.name(typed: "id:42").hasPrefix("id:"))
    }
}
