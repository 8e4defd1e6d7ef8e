import XCTest

@testable import PressGateApp

/// Member-chosen passwords (NIST 800-63B): long enough, at most WordPress's 4096 bytes, not the
/// login or e-mail, not common (cracklib); no composition rules.
final class PasswordPolicyTests: XCTestCase {
    let policy = PasswordPolicy(minimumLength: 12)

    func refusal(_ password: String) -> String? {
        policy.refusal(for: password, login: "gwendolyn", email: "gwen.smith@example.com")
    }

    func testLength() {
        XCTAssertEqual(refusal("short pass"), "Use at least 12 characters.")
        XCTAssertEqual(refusal("été été été"), "Use at least 12 characters.", "characters, not bytes")
        XCTAssertEqual(refusal(String(repeating: "é", count: 2049)), "Use at most 4096 bytes.")
    }

    func testNotTheMembersOwnNames() {
        XCTAssertEqual(refusal("my GWENDOLYN tulip river"), "Do not use your username in the password.")
        XCTAssertEqual(refusal("tulip gwen.smith river"), "Do not use your e-mail address in the password.")
    }

    func testCommonPasswordsAreRefusedAndPassphrasesPass() {
        XCTAssertNotNil(refusal("password123456"))
        XCTAssertTrue(refusal("abcdefghijklmn")?.hasPrefix("This password is too common") ?? false)
        XCTAssertNil(refusal("copper kettle whistles at dawn"))
        XCTAssertNil(refusal("no composition rules: all lowercase letters are fine"))
    }
}
