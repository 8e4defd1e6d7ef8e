import WordPressCompat
import XCTest

final class PHPassTests: XCTestCase {
    /// The reference's worked example (§1.1).
    func testReferenceExample() {
        XCTAssertTrue(PHPass.check("correct horse".bytes, against: "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1"))
        XCTAssertFalse(PHPass.check("correct horsf".bytes, against: "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1"))
    }

    func testHashIsPortableCountBWithEightSaltCharacters() throws {
        var random = SeededRandom(seed: 1)
        let hash = try XCTUnwrap(PHPass.hash("pässwörd".bytes, using: &random))
        XCTAssertEqual(hash.utf8.count, 34)
        XCTAssertTrue(hash.hasPrefix("$P$B"))
        XCTAssertTrue(PHPass.check("pässwörd".bytes, against: hash))
        // Seeded randomness gives the same salt, so the same hash.
        var again = SeededRandom(seed: 1)
        XCTAssertEqual(PHPass.hash("pässwörd".bytes, using: &again), hash)
    }

    func testLengthLimitIs4096Bytes() throws {
        var random = SeededRandom(seed: 2)
        let limit = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
        let hash = try XCTUnwrap(PHPass.hash(limit, using: &random))
        XCTAssertTrue(PHPass.check(limit, against: hash))
        XCTAssertNil(PHPass.hash(limit + [UInt8(ascii: "a")], using: &random))
        XCTAssertFalse(PHPass.check(limit + [UInt8(ascii: "a")], against: hash))
    }

    func testUnusableSettingsNeverMatch() {
        for stored in [
            "*0", "*1", "*", "", "$P$", "$P$4abcdefgH8lXzTuDC0.HJ2ay2ddT0x1", "$P$TabcdefgH8lXzTuDC0.HJ2ay2ddT0x1",
            "$P$Babcdefg", "$X$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1", "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x",
        ] {
            XCTAssertFalse(PHPass.check("correct horse".bytes, against: stored), stored)
        }
    }

    func testNULAndInvalidUTF8AreHashedAsBytes() throws {
        var random = SeededRandom(seed: 3)
        let password: [UInt8] = [0x61, 0x00, 0x62, 0xFF, 0xFE]
        let hash = try XCTUnwrap(PHPass.hash(password, using: &random))
        XCTAssertTrue(PHPass.check(password, against: hash))
        XCTAssertFalse(PHPass.check([0x61], against: hash))
        XCTAssertFalse(PHPass.check([0x61, 0x00, 0x62], against: hash))
    }
}
