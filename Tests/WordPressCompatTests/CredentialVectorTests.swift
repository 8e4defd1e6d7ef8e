import Foundation
import WordPressCompat
import XCTest

/// Reset keys, fast hashes, salts, cookies and session tokens made by real WordPress.
final class CredentialVectorTests: XCTestCase {
    struct ResetKeyRow: Decodable {
        let wordpress: String, submitted_key: String, user_activation_key: String, now: Int, result: String,
            note: String?
    }

    struct FastHashRow: Decodable { let message_b64: String, hash: String }

    struct SaltRow: Decodable {
        let constants: [String: String], options: [String: String], scheme: String, salt: String, note: String?
    }

    struct CookieRow: Decodable {
        let wordpress: String, constants: [String: String], login: String, user_pass: String, expiration: Int
        let token: String, scheme: String, cookie: String
    }

    struct CookieNamesRow: Decodable {
        let siteurl: String, home: String, cookiehash: String, auth_cookie: String, secure_auth_cookie: String
        let logged_in_cookie: String, cookiepath: String, sitecookiepath: String, admin_cookie_path: String,
            plugins_cookie_path: String
    }

    struct TokenRow: Decodable { let token: String, verifier: String }

    func testCheckPasswordResetKey() throws {
        for row in try Vectors.load("reset-keys.json", as: [ResetKeyRow].self) {
            let wordpress = try XCTUnwrap(WordPressVersion(rawValue: row.wordpress))
            let verdict = ResetKey.check(
                submitted: row.submitted_key, stored: row.user_activation_key, now: row.now, wordpress: wordpress)
            XCTAssertEqual(verdict.rawValue, row.result, "\(row.wordpress) \(row.note ?? "")")
        }
    }

    func testWordPressFastHash() throws {
        for row in try Vectors.load("fast-hash.json", as: [FastHashRow].self) {
            let message = bytes(base64: row.message_b64)
            XCTAssertEqual(FastHash.hash(message), row.hash)
            XCTAssertTrue(FastHash.verify(message, against: row.hash))
            XCTAssertFalse(FastHash.verify(message + [0x78], against: row.hash))
        }
    }

    func testWordPressSalt() throws {
        for row in try Vectors.load("salts.json", as: [SaltRow].self) {
            let salts = WordPressSalts(constants: row.constants, options: row.options)
            XCTAssertEqual(try salts.salt(for: row.scheme), row.salt, "\(row.scheme): \(row.note ?? "")")
        }
    }

    func testWordPressGenerateAuthCookie() throws {
        for row in try Vectors.load("auth-cookies.json", as: [CookieRow].self) {
            let signer = AuthCookieSigner(
                salts: WordPressSalts(constants: row.constants),
                wordpress: try XCTUnwrap(WordPressVersion(rawValue: row.wordpress)))
            let scheme = try XCTUnwrap(AuthCookieScheme(rawValue: row.scheme))
            let cookie = try signer.generate(
                login: row.login, userPass: row.user_pass, expiration: row.expiration,
                token: row.token, scheme: scheme)
            XCTAssertEqual(cookie.value, row.cookie, "\(row.wordpress) \(row.scheme) \(row.user_pass)")
        }
    }

    func testWordPressCookieConstants() throws {
        for row in try Vectors.load("cookie-constants.json", as: [CookieNamesRow].self) {
            let names = CookieNames(siteURL: row.siteurl, homeURL: row.home)
            XCTAssertEqual(names.cookieHash, row.cookiehash)
            XCTAssertEqual(names.auth, row.auth_cookie)
            XCTAssertEqual(names.secureAuth, row.secure_auth_cookie)
            XCTAssertEqual(names.loggedIn, row.logged_in_cookie)
            XCTAssertEqual(names.cookiePath, row.cookiepath, row.home)
            XCTAssertEqual(names.siteCookiePath, row.sitecookiepath, row.siteurl)
            XCTAssertEqual(names.adminCookiePath, row.admin_cookie_path)
            XCTAssertEqual(names.pluginsCookiePath, row.plugins_cookie_path)
        }
    }

    func testSessionTokenVerifiers() throws {
        for row in try Vectors.load("session-tokens.json", as: [TokenRow].self) {
            XCTAssertEqual(row.token.count, SessionToken.length)
            XCTAssertEqual(SessionToken.verifier(for: row.token), row.verifier)
        }
    }
}
