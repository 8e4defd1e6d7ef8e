import WordPressCompat
import XCTest

final class ResetKeyTests: XCTestCase {
    private let now = 1_800_000_000

    func testFastHashReferenceVectors() {
        XCTAssertEqual(FastHash.hash([]), "$generic$XJQGK2eUryTa4vHbU0bDv1Ml3wGPwaC1ATczq0o_")
        XCTAssertEqual(FastHash.hash("abc".bytes), "$generic$YeaPr_itxnUOyFBBm16EGFnt_nzqpbL728cakJ4U")
        XCTAssertTrue(FastHash.verify("abc".bytes, against: "$generic$YeaPr_itxnUOyFBBm16EGFnt_nzqpbL728cakJ4U"))
        XCTAssertTrue(FastHash.verify("correct horse".bytes, against: "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1"))
    }

    func testKeysAreTwentyAlphanumerics() {
        var random = SeededRandom(seed: 7)
        let key = ResetKey.generate(using: &random)
        XCTAssertEqual(key.count, 20)
        XCTAssertTrue(key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    func testStoredFormatsPerVersion() {
        var random = SeededRandom(seed: 8)
        let old = ResetKey.storedValue(for: "abc", issuedAt: now, wordpress: .v6_1, using: &random)
        XCTAssertTrue(old.hasPrefix("\(now):$P$B"))
        XCTAssertEqual(old.utf8.count, 45)
        XCTAssertEqual(
            ResetKey.storedValue(for: "abc", issuedAt: now, wordpress: .v6_8),
            "\(now):$generic$YeaPr_itxnUOyFBBm16EGFnt_nzqpbL728cakJ4U")
    }

    func testVerdicts() {
        var random = SeededRandom(seed: 9)
        let key = ResetKey.generate(using: &random)
        let modern = ResetKey.storedValue(for: key, issuedAt: now - 100, wordpress: .v6_8)
        let legacy = ResetKey.storedValue(for: key, issuedAt: now - 100, wordpress: .v6_1, using: &random)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: modern, now: now, wordpress: .v6_8), .valid)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: legacy, now: now, wordpress: .v6_8), .valid)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: legacy, now: now, wordpress: .v6_1), .valid)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: modern, now: now, wordpress: .v6_1), .invalid)
        // Non-alphanumerics in the submitted key are dropped.
        let dashed = String(key.prefix(5)) + "-" + key.dropFirst(5) + "!"
        XCTAssertEqual(ResetKey.check(submitted: dashed, stored: modern, now: now, wordpress: .v6_8), .valid)
        // Strictly before time + lifetime.
        XCTAssertEqual(
            ResetKey.check(submitted: key, stored: modern, now: now - 100 + 86_400, wordpress: .v6_8), .expired)
        XCTAssertEqual(
            ResetKey.check(submitted: key, stored: modern, now: now - 101 + 86_400, wordpress: .v6_8), .valid)
        XCTAssertEqual(ResetKey.check(submitted: "wrong", stored: modern, now: now, wordpress: .v6_8), .invalid)
        XCTAssertEqual(ResetKey.check(submitted: "--", stored: modern, now: now, wordpress: .v6_8), .invalid)
        XCTAssertEqual(ResetKey.check(submitted: "0", stored: "0", now: now, wordpress: .v6_8), .invalid)
        // Legacy forms are expired, never valid.
        XCTAssertEqual(ResetKey.check(submitted: key, stored: key, now: now, wordpress: .v6_8), .expired)
        let untimed = String(legacy.drop { $0 != ":" }.dropFirst())
        XCTAssertEqual(ResetKey.check(submitted: key, stored: untimed, now: now, wordpress: .v6_1), .expired)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: "\(now):", now: now, wordpress: .v6_8), .invalid)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: "abc:\(modern)", now: now, wordpress: .v6_8), .invalid)
    }
}
