import WordPressCompat
import XCTest

final class CryptoTests: XCTestCase {
    func testAESGCMRoundTripAndTamper() throws {
        let key = [UInt8](repeating: 7, count: 32)
        let sealed = try AESGCM.seal(Array("p@ss w0rd".utf8), key: key)
        XCTAssertEqual(sealed.count, 12 + 9 + 16)
        XCTAssertEqual(try AESGCM.open(sealed, key: key), Array("p@ss w0rd".utf8))
        var tampered = sealed
        tampered[14] ^= 1
        XCTAssertThrowsError(try AESGCM.open(tampered, key: key))
        XCTAssertThrowsError(try AESGCM.open(sealed, key: [UInt8](repeating: 8, count: 32)))
        XCTAssertThrowsError(try AESGCM.open(Array(sealed.prefix(20)), key: key))
        XCTAssertThrowsError(try AESGCM.seal([1], key: [1, 2, 3]))
        XCTAssertNotEqual(try AESGCM.seal([1], key: key), try AESGCM.seal([1], key: key), "a fresh nonce every time")
    }

    func testBase64DecodeBothAlphabets() {
        XCTAssertEqual(Base64.decode("aGVsbG8="), Array("hello".utf8))
        XCTAssertEqual(Base64.decode("aGVsbG8"), Array("hello".utf8))
        XCTAssertEqual(Base64.decode("-_8"), [0xFB, 0xFF])
        XCTAssertEqual(Base64.decode("+/8="), [0xFB, 0xFF])
        XCTAssertNil(Base64.decode("a"))
        XCTAssertNil(Base64.decode("ab=c"))
        XCTAssertNil(Base64.decode("a b"))
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            XCTAssertEqual(Base64.decode(Base64.standard(bytes)), bytes)
            XCTAssertEqual(Base64.decode(Base64.urlSafeNoPadding(bytes)), bytes)
        }
    }

    /// RFC 4231 test case 2 (key "Jefe").
    func testHMACSHA256KnownAnswer() {
        XCTAssertEqual(
            HMACSHA256.hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
