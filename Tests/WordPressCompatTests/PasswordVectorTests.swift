import WordPressCompat
import XCTest

/// Hashes, form logins and rehash decisions made by real WordPress (Vectors/, `scripts/gen-vectors`).
final class PasswordVectorTests: XCTestCase {
    struct PasswordCheck: Decodable {
        let wordpress: String, password_b64: String, hash: String, match: Bool, note: String?
    }

    struct FormLogin: Decodable {
        let wordpress: String, submitted_b64: String, hash: String, logs_in: Bool, note: String?
    }

    struct NeedsRehash: Decodable {
        let hash: String, needs_rehash: Bool
    }

    func version(_ text: String) throws -> WordPressVersion {
        try XCTUnwrap(WordPressVersion(rawValue: text), "unknown version \(text)")
    }

    func testWordPressCheckPassword() throws {
        let rows: [PasswordCheck] = try Vectors.load("password-checks.json")
        XCTAssertGreaterThan(rows.count, 100)
        for row in rows {
            let result = PasswordHasher.check(
                bytes(base64: row.password_b64), against: row.hash, wordpress: try version(row.wordpress))
            XCTAssertEqual(result.isMatch, row.match, "\(row.wordpress) \(row.note ?? row.hash): \(result)")
        }
    }

    func testWordPressLoginForm() throws {
        let rows: [FormLogin] = try Vectors.load("form-logins.json")
        for row in rows {
            let wordpress = try version(row.wordpress)
            let logsIn =
                LoginFormPassword.candidate(submitted: bytes(base64: row.submitted_b64))
                .map { PasswordHasher.check($0, against: row.hash, wordpress: wordpress).isMatch } ?? false
            XCTAssertEqual(logsIn, row.logs_in, "\(row.wordpress) \(row.note ?? "")")
        }
    }

    /// `wp_password_needs_rehash()` on PHP 8.2 (bcrypt cost 10) is the wp-bcrypt target's policy.
    func testWordPressPasswordNeedsRehash() throws {
        let rows: [NeedsRehash] = try Vectors.load("needs-rehash.json")
        let hasher = try PasswordHasher(wordpress: .v6_8, target: .wordPressBcrypt(cost: 10))
        for row in rows {
            XCTAssertEqual(hasher.needsRehash(row.hash), row.needs_rehash, row.hash)
        }
    }
}
