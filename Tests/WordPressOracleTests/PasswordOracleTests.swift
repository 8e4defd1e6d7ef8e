import WordPressCompat
import XCTest

/// Hashes PressGate writes are accepted by WordPress's own `wp_check_password` (6.1 code as shipped
/// by Debian; 6.8+ rules through PHP's `password_verify`/`hash_hmac`).
final class PasswordOracleTests: XCTestCase {
    static let passwords: [(String, [UInt8])] = [
        ("ascii", "correct horse battery staple".bytes),
        ("multibyte", "pässwörd-日本語-🙂".bytes),
        ("quotes and backslashes", "it's \"quoted\" back\\slash".bytes),
        ("NUL byte", [0x61, 0x00, 0x62]),
        ("invalid UTF-8", [0xFF, 0xFE, 0x61, 0xC3]),
        ("4096 bytes", [UInt8](repeating: 0x78, count: 4096)),
    ]

    func testPhpassHashesVerifyInWordPressBothVersions() throws {
        let hasher = try PasswordHasher(wordpress: .v6_1)
        var items: [[String: Any]] = []
        var expected: [Bool] = []
        for (_, password) in Self.passwords {
            let hash = try hasher.hash(password)
            for version in ["6.1", "6.8"] {
                items.append([
                    "kind": "password_check", "wordpress": version, "password_b64": password.base64, "hash": hash,
                ])
                expected.append(true)
                items.append([
                    "kind": "password_check", "wordpress": version, "password_b64": (password + [0x21]).base64,
                    "hash": hash,
                ])
                expected.append(false)
            }
        }
        let results = try Oracle.check(items: items)
        for (index, result) in results.enumerated() {
            XCTAssertEqual(result["match"] as? Bool, expected[index], "item \(index): \(items[index]["wordpress"]!)")
        }
    }

    func testWordPressBcryptHashesVerifyIn68AndNotIn61() throws {
        let hasher = try PasswordHasher(wordpress: .v6_8, target: .wordPressBcrypt(cost: 5))
        var items: [[String: Any]] = []
        var expected: [Bool] = []
        for (_, password) in Self.passwords where password.count < 100 {
            let hash = try hasher.hash(password)
            items.append(["kind": "password_check", "wordpress": "6.8", "password_b64": password.base64, "hash": hash])
            expected.append(true)
            items.append(["kind": "password_check", "wordpress": "6.1", "password_b64": password.base64, "hash": hash])
            expected.append(false)
        }
        let results = try Oracle.check(items: items)
        XCTAssertEqual(results.map { $0["match"] as? Bool }, expected)
    }

    /// A password set through a PressGate form logs in on wp-login.php, for every awkward character.
    func testFormSetPasswordsLogInOnWordPressLoginForm() throws {
        let hasher = try PasswordHasher(wordpress: .v6_1)
        var items: [[String: Any]] = []
        for (_, password) in Self.passwords {
            let hash = try hasher.hash(LoginFormPassword.storable(password))
            items.append(["kind": "form_login", "wordpress": "6.1", "submitted_b64": password.base64, "hash": hash])
        }
        let results = try Oracle.check(items: items)
        XCTAssertEqual(results.map { $0["logs_in"] as? Bool }, Array(repeating: true, count: items.count))
    }
}
