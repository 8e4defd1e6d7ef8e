import WordPressCompat
import XCTest

final class LoginFormPasswordTests: XCTestCase {
    func testCandidateIsTrimmedAddslashes() {
        XCTAssertEqual(LoginFormPassword.candidate(submitted: " it's \"q\" \\ ".bytes), "it\\'s \\\"q\\\" \\\\".bytes)
        XCTAssertEqual(LoginFormPassword.candidate(submitted: [0x61, 0x00]), "a\\0".bytes)
    }

    func testEmptyAndZeroNeverLogIn() {
        XCTAssertNil(LoginFormPassword.candidate(submitted: "".bytes))
        XCTAssertNil(LoginFormPassword.candidate(submitted: "0".bytes))
        XCTAssertNil(LoginFormPassword.candidate(submitted: "  0\n".bytes))
        XCTAssertNil(LoginFormPassword.candidate(submitted: " \t\r\n".bytes))
        XCTAssertNotNil(LoginFormPassword.candidate(submitted: "00".bytes))
    }

    func testAPasswordSetThroughAFormLogsInThroughTheForm() throws {
        let hasher = try PasswordHasher(wordpress: .v6_1)
        let chosen = "O'Brien \"quoted\" back\\slash".bytes
        let hash = try hasher.hash(LoginFormPassword.storable(chosen))
        let candidate = try XCTUnwrap(LoginFormPassword.candidate(submitted: chosen))
        XCTAssertEqual(hasher.check(candidate, against: hash), .match)
    }
}
