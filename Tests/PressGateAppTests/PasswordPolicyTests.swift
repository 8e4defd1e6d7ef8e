import XCTest

@testable import PressGateApp

/// Member-chosen passwords (NIST 800-63B): long enough, at most `password_max_bytes`, not the
/// login or e-mail, not common (cracklib); no composition rules.
final class PasswordPolicyTests: XCTestCase {
    let policy = PasswordPolicy(minimumLength: 12)

    func refusal(_ password: String) -> String? {
        policy.refusal(for: password, login: "gwendolyn", email: "gwen.smith@example.com")
    }

    func testLength() {
        XCTAssertEqual(refusal("short pass"), "Use at least 12 characters.")
        XCTAssertEqual(refusal("été été été"), "Use at least 12 characters.", "characters, not bytes")
        XCTAssertNotEqual(refusal(String(repeating: "é", count: 512)), "Use at most 1024 bytes.")
        XCTAssertEqual(refusal(String(repeating: "é", count: 513)), "Use at most 1024 bytes.", "issue 15: the default")
        let roomy = PasswordPolicy(minimumLength: 12, maximumBytes: 4096)
        XCTAssertEqual(
            roomy.refusal(for: String(repeating: "é", count: 2049), login: "x", email: "y@example.com"),
            "Use at most 4096 bytes.")
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
