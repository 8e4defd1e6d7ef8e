import WordPressCompat
import XCTest

final class PasswordHasherTests: XCTestCase {
    func testWordPressBcryptIsRefusedForOldSites() {
        XCTAssertThrowsError(try PasswordHasher(wordpress: .v6_1, target: .wordPressBcrypt(cost: 10))) { error in
            XCTAssertEqual(error as? PasswordHashingError, .targetUnreadable(.wordPressBcrypt(cost: 10), by: .v6_1))
        }
        XCTAssertThrowsError(try PasswordHasher(wordpress: .v6_8, target: .wordPressBcrypt(cost: 3)))
        XCTAssertNoThrow(try PasswordHasher(wordpress: .v6_8, target: .wordPressBcrypt(cost: 4)))
    }

    func testPhpassHashingTrimsLikeWordPress() throws {
        let hasher = try PasswordHasher(wordpress: .v6_1)
        let hash = try hasher.hash(" \tsecret\n".bytes)
        XCTAssertEqual(hasher.check("secret".bytes, against: hash), .match)
        XCTAssertEqual(hasher.check(" \tsecret\n".bytes, against: hash), .mismatch)
    }

    func testWordPressBcryptFormatAndPreHash() throws {
        let hasher = try PasswordHasher(wordpress: .v6_8, target: .wordPressBcrypt(cost: 4))
        var random = SeededRandom(seed: 9)
        let hash = try hasher.hash("x".bytes, using: &random)
        XCTAssertTrue(hash.hasPrefix("$wp$2y$04$"), hash)
        XCTAssertEqual(hash.utf8.count, 63)
        XCTAssertEqual(hasher.check("x".bytes, against: hash), .match)
        XCTAssertEqual(hasher.check("y".bytes, against: hash), .mismatch)
        // WordPress 6.1–6.7 cannot read it, and says why.
        XCTAssertEqual(
            PasswordHasher.check("x".bytes, against: hash, wordpress: .v6_1), .uncheckable(.unreadableFormat))
    }

    func testLegacyMD5BranchTakesEverythingUpTo32Characters() {
        // md5("password") in lowercase hex matches; uppercase and short values never do.
        for version in WordPressVersion.allCases {
            XCTAssertEqual(
                PasswordHasher.check("password".bytes, against: "5f4dcc3b5aa765d61d8327deb882cf99", wordpress: version),
                .match)
            XCTAssertEqual(
                PasswordHasher.check("password".bytes, against: "5F4DCC3B5AA765D61D8327DEB882CF99", wordpress: version),
                .mismatch)
            XCTAssertEqual(PasswordHasher.check("".bytes, against: "", wordpress: version), .mismatch)
            XCTAssertEqual(
                PasswordHasher.check("password".bytes, against: "abJnggxhB/yWI", wordpress: version), .mismatch)
        }
    }

    func testPasswordsOver4096BytesAreUncheckableOutsideTheMD5Branch() {
        let long = [UInt8](repeating: 0x61, count: 4097)
        XCTAssertEqual(
            PasswordHasher.check(long, against: "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1", wordpress: .v6_8),
            .uncheckable(.passwordTooLong))
    }

    func testHostileArgon2ParametersAreRefusedNotRun() {
        let hostile = "$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
        XCTAssertEqual(
            PasswordHasher.check("x".bytes, against: hostile, wordpress: .v6_8), .uncheckable(.unsupportedParameters))
    }

    func testRehashPolicyForPhpassTarget() throws {
        let hasher = try PasswordHasher(wordpress: .v6_8)
        XCTAssertTrue(hasher.needsRehash("5f4dcc3b5aa765d61d8327deb882cf99"))
        XCTAssertTrue(hasher.needsRehash("$H$9abcdefgH8lXzTuDC0.HJ2ay2ddT0x1"))
        XCTAssertTrue(hasher.needsRehash("$P$7abcdefgH8lXzTuDC0.HJ2ay2ddT0x1"))
        XCTAssertFalse(hasher.needsRehash("$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1"))
        XCTAssertFalse(hasher.needsRehash("$wp$2y$10$" + String(repeating: "a", count: 53)))
        let old = try PasswordHasher(wordpress: .v6_1)
        XCTAssertTrue(old.needsRehash("$wp$2y$10$" + String(repeating: "a", count: 53)))
    }
}
