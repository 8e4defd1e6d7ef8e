import WordPressCompat
import XCTest

/// PHP `serialize`/`unserialize` as WordPress stores session maps and capabilities.
final class SerializeVectorTests: XCTestCase {
    struct SerializeRow: Decodable {
        struct Session: Decodable { let verifier: String, expiration: Int, ip: String?, ua: String?, login: Int }
        let kind: String, sessions: [Session]?, role: String?, serialized: String
    }

    struct UnserializeRow: Decodable {
        let input_b64: String, php_accepts: Bool, wp_maybe_unserialize_is_array: Bool, note: String?
    }

    func testSerializeLikeWordPress() throws {
        for row in try Vectors.load("serialize.json", as: [SerializeRow].self) {
            switch row.kind {
            case "sessions":
                var map = SessionTokenMap()
                for session in try XCTUnwrap(row.sessions) {
                    map[session.verifier] = WordPressSession(
                        expiration: session.expiration, ip: session.ip,
                        userAgent: session.ua, login: session.login)
                }
                XCTAssertEqual(map.storedValue().map { String(decoding: $0, as: UTF8.self) } ?? "", row.serialized)
                // And it reads back to the same sessions.
                let read = SessionTokenMap(storedValue: Array(row.serialized.utf8), now: 0)
                XCTAssertEqual(read.sessions.map(\.verifier), row.sessions?.map(\.verifier))
            case "capabilities":
                let role = try XCTUnwrap(row.role)
                XCTAssertEqual(String(decoding: Capabilities.storedValue(role: role), as: UTF8.self), row.serialized)
                XCTAssertEqual(Capabilities.roles(storedValue: Array(row.serialized.utf8)), [role])
            default:
                XCTFail("unknown kind \(row.kind)")
            }
        }
    }

    /// PressGate accepts what PHP accepts, except where it is deliberately stricter: objects,
    /// references, escaped `S:` strings, integers beyond 64 bits and nesting deeper than 64.
    func testUnserializeAgreesWithPHP() throws {
        for row in try Vectors.load("unserialize.json", as: [UnserializeRow].self) {
            let input = bytes(base64: row.input_b64)
            let label = row.note ?? row.input_b64
            do {
                let value = try PHPUnserializer.unserialize(input)
                XCTAssertTrue(row.php_accepts, "PressGate accepted what PHP refuses: \(label)")
                // Whatever is accepted serializes back to a prefix-identical value, except for the
                // non-canonical spellings PHP also normalises (`i:+3;`).
                if !label.contains("plus") && !label.contains("garbage") && !label.contains("two values")
                    && !label.contains("trailing")
                {
                    XCTAssertEqual(PHPSerializer.serialize(value), input, label)
                }
            } catch {
                guard row.php_accepts else { continue }
                switch error {
                case .unsupported, .tooDeep, .integerOutOfRange: break  // documented strictness
                default: XCTFail("PressGate refused what PHP accepts (\(error)): \(label)")
                }
            }
            // How WordPress reads user meta: only a value maybe_unserialize turns into an array is one.
            let asArray: Bool
            do {
                asArray = try PHPUnserializer.maybeUnserialize(input).arrayValue != nil
            } catch {
                switch error {
                case .unsupported, .tooDeep, .integerOutOfRange: continue
                default: asArray = false
                }
            }
            XCTAssertEqual(asArray, row.wp_maybe_unserialize_is_array, "maybe_unserialize: \(label)")
        }
    }
}
