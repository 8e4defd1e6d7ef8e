import XCTest

@testable import WordPressCompat

/// Time-based codes as the Two Factor plugin computes them: RFC 6238's own vectors, the plugin's
/// key padding, its ±4-step window (nearest first) and its code clean-up; base32 as RFC 4648 says.
final class TOTPTests: XCTestCase {
    /// RFC 6238 appendix B, HMAC-SHA1: the ASCII secret "12345678901234567890", 8 digits.
    func testRFC6238Vectors() {
        let key = Base32.encode(Array("12345678901234567890".utf8))
        XCTAssertEqual(key, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        let vectors: [(Int, String)] = [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ]
        for (time, code) in vectors {
            XCTAssertEqual(TOTP.code(base32Key: key, counter: time / 30, digits: 8), code, "T = \(time)")
        }
        XCTAssertEqual(TOTP.code(base32Key: key, counter: 59 / 30), "287082", "6 digits: the last six")
    }

    func testShortKeysArePaddedByRepeatingThem() {
        let short = Base32.encode(Array("12345".utf8))
        let padded = Base32.encode(Array("12345123451234512345".utf8))
        XCTAssertEqual(TOTP.code(base32Key: short, counter: 1000), TOTP.code(base32Key: padded, counter: 1000))
        XCTAssertNil(TOTP.code(base32Key: "not base32!", counter: 1))
        XCTAssertNil(TOTP.code(base32Key: "", counter: 1))
    }

    func testTheWindowIsFourStepsEitherSide() throws {
        let key = TOTP.generateKey()
        XCTAssertEqual(key.count, 32, "160 bits")
        let now = 1_800_000_015
        let step = now / 30
        for offset in -4...4 {
            let code = try XCTUnwrap(TOTP.code(base32Key: key, counter: step + offset))
            let tick = TOTP.validTickTime(base32Key: key, authcode: code, now: now)
            // Another step may produce the same six digits; the nearest one wins.
            XCTAssertNotNil(tick, "offset \(offset)")
            XCTAssertLessThanOrEqual(abs((tick ?? 0) / 30 - step), abs(offset))
        }
        for offset in [-6, 5, 40] {
            let code = try XCTUnwrap(TOTP.code(base32Key: key, counter: step + offset))
            let nearby = (-4...4).compactMap { TOTP.code(base32Key: key, counter: step + $0) }
            if !nearby.contains(code) { XCTAssertNil(TOTP.validTickTime(base32Key: key, authcode: code, now: now)) }
        }
        XCTAssertEqual(
            TOTP.validTickTime(
                base32Key: key, authcode: try XCTUnwrap(TOTP.code(base32Key: key, counter: step)), now: now),
            step * 30, "the tick timestamp is the step times 30")
        XCTAssertNil(TOTP.validTickTime(base32Key: key, authcode: "12a456", now: now))
        XCTAssertNil(TOTP.validTickTime(base32Key: key, authcode: "", now: now))
    }

    func testCodesAreCleanedUpAsThePluginDoes() {
        XCTAssertEqual(TOTP.sanitize(" 123 456\n"), "123456")
        XCTAssertNil(TOTP.sanitize("12345"))
        XCTAssertNil(TOTP.sanitize("1234567"))
        XCTAssertNil(TOTP.sanitize(""))
        XCTAssertEqual(TOTP.sanitize("abcd efgh", length: 0), "abcdefgh", "backup codes: any length")
    }

    func testBase32() {
        let vectors = [
            ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base32.encode(Array(plain.utf8)), encoded)
            if !plain.isEmpty { XCTAssertEqual(Base32.decode(encoded), Array(plain.utf8)) }
        }
        XCTAssertEqual(Base32.decode("mzxw6ytboi"), Array("foobar".utf8), "case-insensitive")
        XCTAssertNil(Base32.decode("MZXW6YTBOI=="), "no padding, as the plugin writes keys")
        XCTAssertNil(Base32.decode("MZXW1"), "1 is not in the alphabet")
    }

    /// `wp_hash()`: PHP's hash_hmac('md5', '51734326', 'unit-auth-keyunit-auth-salt').
    func testWordPressHash() {
        XCTAssertEqual(
            WordPressHash.wpHash("51734326", salt: "unit-auth-keyunit-auth-salt"), "fc06330be6d8e03bf43ce77e4ebed5a9")
    }
}

extension TOTPTests {
    func testDigitCodes() {
        let codes = (0..<200).map { _ in TwoFactorPlugin.digitCode() }
        XCTAssertTrue(codes.allSatisfy { $0.count == 8 && $0.allSatisfy(\.isNumber) })
        XCTAssertGreaterThan(Set(codes).count, 190, "random")
        XCTAssertEqual(TwoFactorPlugin.digitCode(length: 3).count, 3)
    }
}
