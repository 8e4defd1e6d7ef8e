import WordPressCompat
import XCTest

final class PHPSerializeTests: XCTestCase {
    func testSessionMapAsWordPressStoresIt() {
        // The reference's example (§6), lengths in bytes.
        let verifier = String(repeating: "4a", count: 32)
        var map = SessionTokenMap()
        map[verifier] = WordPressSession(
            expiration: 1_900_000_000, ip: "192.0.2.10", userAgent: "OracleTest/1.0 (it's \"quoted\")",
            login: 1_795_713_184)
        let expected =
            "a:1:{s:64:\"\(verifier)\";a:4:{s:10:\"expiration\";i:1900000000;s:2:\"ip\";s:10:\"192.0.2.10\";"
            + "s:2:\"ua\";s:30:\"OracleTest/1.0 (it's \"quoted\")\";s:5:\"login\";i:1795713184;}}"
        XCTAssertEqual(map.storedValue().map { String(decoding: $0, as: UTF8.self) }, expected)
    }

    func testReadingDropsExpiredAndConvertsLegacyIntegers() throws {
        let stored =
            "a:3:{s:1:\"a\";i:2000;s:1:\"b\";a:1:{s:10:\"expiration\";i:1000;}s:1:\"c\";a:2:{s:3:\"foo\";s:1:\"x\";s:10:\"expiration\";i:3000;}}"
        let map = SessionTokenMap(storedValue: stored.bytes, now: 1500)
        XCTAssertEqual(map.sessions.map(\.verifier), ["a", "c"])
        XCTAssertEqual(map["a"]?.expiration, 2000)
        // A plugin's extra field stays, in its place.
        XCTAssertEqual(
            String(decoding: try XCTUnwrap(map.storedValue()), as: UTF8.self),
            "a:2:{s:1:\"a\";a:1:{s:10:\"expiration\";i:2000;}s:1:\"c\";a:2:{s:3:\"foo\";s:1:\"x\";s:10:\"expiration\";i:3000;}}"
        )
    }

    func testEmptyMapDeletesTheRowAndBackslashesAreUnslashed() {
        XCTAssertNil(SessionTokenMap().storedValue())
        var map = SessionTokenMap()
        map["v"] = WordPressSession(expiration: 1, ip: nil, userAgent: "Mozilla\\5.0", login: 0)
        XCTAssertEqual(
            String(decoding: map.storedValue()!, as: UTF8.self),
            "a:1:{s:1:\"v\";a:3:{s:10:\"expiration\";i:1;s:2:\"ua\";s:10:\"Mozilla5.0\";s:5:\"login\";i:0;}}")
    }

    func testUnusableStoredValuesMeanNoSessions() {
        for stored in ["", "b:0;", "s:3:\"abc\";", "a:1:{", "garbage"] {
            XCTAssertTrue(SessionTokenMap(storedValue: stored.bytes, now: 0).sessions.isEmpty, stored)
        }
    }

    /// Issue 15: an entry PHP reads but PressGate does not (nested past the limit, an object) is
    /// kept byte for byte; the readable sessions beside it are read and written as usual.
    func testUnreadableEntriesAreKeptVerbatim() throws {
        let deep = String(repeating: "a:1:{i:0;", count: 80) + "s:1:\"x\";" + String(repeating: "}", count: 80)
        let object = #"O:8:"stdClass":1:{s:1:"a";a:1:{i:0;N;}}"#
        let stored = Array(
            ("a:3:{s:4:\"deep\";a:2:{s:10:\"expiration\";i:5;s:1:\"p\";\(deep)}"
                + "s:3:\"obj\";\(object)s:4:\"live\";a:1:{s:10:\"expiration\";i:2000;}}").utf8)
        var map = SessionTokenMap(storedValue: stored, now: 1000)
        XCTAssertNil(map.readProblem)
        XCTAssertEqual(map.sessions.map(\.verifier), ["live"])
        XCTAssertEqual(map.unreadable.map(\.key), [PHPArrayKey("deep"), PHPArrayKey("obj")])
        XCTAssertEqual(map.storedValue(), stored, "written back as it was")
        map["new"] = WordPressSession(expiration: 3000, ip: nil, userAgent: nil, login: 1000)
        let written = String(decoding: try XCTUnwrap(map.storedValue()), as: UTF8.self)
        XCTAssertTrue(written.hasPrefix("a:4:{s:4:\"deep\";"), written)
        XCTAssertTrue(written.contains(deep) && written.contains(object), written)
        map.keepOnly(token: "no such token")
        XCTAssertNil(map.storedValue(), "destroy_others() ends them too")
        // Malformed as a whole: no sessions, as WordPress reads it.
        XCTAssertNotNil(SessionTokenMap(storedValue: Array("a:2:{s:1:\"x\";".utf8), now: 0).readProblem)
    }

    func testCapabilities() {
        XCTAssertEqual(
            String(decoding: Capabilities.storedValue(role: "subscriber"), as: UTF8.self),
            "a:1:{s:10:\"subscriber\";b:1;}")
        XCTAssertEqual(
            Capabilities.roles(storedValue: "a:2:{s:6:\"editor\";b:1;s:6:\"author\";b:0;}".bytes), ["editor"])
    }

    func testNumericStringKeysBecomeIntegers() throws {
        let value = try PHPUnserializer.unserialize("a:2:{s:1:\"5\";N;s:2:\"05\";N;}".bytes)
        XCTAssertEqual(value.arrayValue?.entries.map(\.key), [.int(5), .string("05".bytes)])
        XCTAssertEqual(PHPSerializer.serialize(value), "a:2:{i:5;N;s:2:\"05\";N;}".bytes)
    }

    func testRoundTripsBytesExactly() throws {
        let inputs = [
            "i:-42;", "b:1;", "N;", "d:0.5;", "d:-INF;", "s:3:\"\u{e4}a\";", "a:0:{}",
            "a:2:{i:0;a:1:{i:0;s:0:\"\";}i:1;b:0;}",
        ]
        for input in inputs {
            XCTAssertEqual(PHPSerializer.serialize(try PHPUnserializer.unserialize(input.bytes)), input.bytes, input)
        }
    }

    func testHostileInputIsAnErrorNeverACrash() {
        let nested = String(repeating: "a:1:{i:0;", count: 10_000) + "N;" + String(repeating: "}", count: 10_000)
        let cases: [(String, PHPUnserializer.Failure?)] = [
            ("s:99999999999:\"a\";", nil), ("s:5:\"abc\";", nil), ("s:1:\"abc\";", nil), ("s:-1:\"\";", nil),
            ("a:1000000000:{}", nil), ("a:2:{i:0;N;}", nil), ("a:1:{i:0;N;", nil), ("i:1", nil), ("i:;", nil),
            ("b:2;", nil), ("O:8:\"stdClass\":0:{}", nil), ("R:1;", nil), ("r:1;", nil), ("S:1:\"a\";", nil),
            ("a:1:{d:0.5;N;}", nil), ("i:99999999999999999999;", nil), (nested, .tooDeep), ("", nil), ("\u{0}", nil),
        ]
        for (input, expected) in cases {
            XCTAssertThrowsError(try PHPUnserializer.unserialize(input.bytes), String(input.prefix(40))) { error in
                if let expected { XCTAssertEqual(error as? PHPUnserializer.Failure, expected) }
            }
        }
    }
}
