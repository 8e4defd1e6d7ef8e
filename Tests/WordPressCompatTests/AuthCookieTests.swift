import WordPressCompat
import XCTest

final class AuthCookieTests: XCTestCase {
    private let reference = WordPressSalts(constants: [
        "AUTH_KEY": "k1", "AUTH_SALT": "s1", "SECURE_AUTH_KEY": "k2", "SECURE_AUTH_SALT": "s2",
        "LOGGED_IN_KEY": "k3", "LOGGED_IN_SALT": "s3", "NONCE_KEY": "k4", "NONCE_SALT": "s4",
    ])
    private let userPass = "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1"
    private let token = "Qm9vbGVhbkZhbHNlVG9rZW5GcmFnbWVudEFCQ0RFRkc"

    /// The reference's worked example (§5.3), checked independently in Python.
    func testReferenceWorkedExample() throws {
        XCTAssertEqual(try reference.salt(for: "logged_in"), "k3s3")
        XCTAssertEqual(
            try reference.hash("admin|efgH|4102444800|\(token)".bytes, scheme: "logged_in"),
            "a5fd7a4031301beb5ff86a3bc83a3779")
        for version in WordPressVersion.allCases {
            let cookie = try AuthCookieSigner(salts: reference, wordpress: version)
                .generate(
                    login: "admin", userPass: userPass, expiration: 4_102_444_800, token: token, scheme: .loggedIn)
            XCTAssertEqual(cookie.hmac, "cf9dd2a49689986da66715078275efa69b08e81515c8d68767915c0a0380d694")
            XCTAssertEqual(cookie.value, "admin|4102444800|\(token)|\(cookie.hmac)")
        }
    }

    func testValidationReasonsInWordPressOrder() throws {
        let signer = AuthCookieSigner(salts: reference, wordpress: .v6_8)
        let user = AuthCookieUser(id: 7, userPass: userPass)
        let now = 1_800_000_000
        let cookie = try signer.generate(
            login: "admin", userPass: userPass, expiration: now + 60, token: token, scheme: .loggedIn
        ).value
        func validate(
            _ value: String, now: Int = now, post: Bool = false, pass: String = "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1",
            live: Bool = true, scheme: AuthCookieScheme = .loggedIn
        ) throws -> AuthCookieValidation {
            try signer.validate(
                value, scheme: scheme, now: now, isPostOrAJAX: post,
                findUser: { $0.lowercased() == "admin" ? AuthCookieUser(id: 7, userPass: pass) : nil },
                sessionIsLive: { _, _ in live })
        }
        XCTAssertEqual(try validate(cookie).userID, user.id)
        XCTAssertEqual(try validate("a|b|c"), .malformed)
        XCTAssertEqual(try validate(cookie + "|x"), .malformed)
        XCTAssertEqual(try validate(cookie, now: now + 60).userID, 7, "expiration == now still passes")
        XCTAssertEqual(try validate(cookie, now: now + 61), .expired)
        XCTAssertEqual(try validate(cookie, now: now + 61, post: true).userID, 7, "POST has a grace hour")
        XCTAssertEqual(try validate(cookie.replacingOccurrences(of: "admin|", with: "nobody|")), .badUsername)
        XCTAssertEqual(try validate(cookie, pass: "$P$BzzzzzzzH8lXzTuDC0.HJ2ay2ddT0x1"), .badHash)
        XCTAssertEqual(try validate(cookie, scheme: .auth), .badHash)
        XCTAssertEqual(try validate(cookie, live: false), .badSessionToken)
    }

    func testPassFragmentRuleDiffersBetweenVersions() throws {
        let bcrypt = "$wp$2y$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
        let old = try AuthCookieSigner(salts: reference, wordpress: .v6_1)
            .generate(login: "a", userPass: bcrypt, expiration: 1, token: "t", scheme: .auth)
        let new = try AuthCookieSigner(salts: reference, wordpress: .v6_8)
            .generate(login: "a", userPass: bcrypt, expiration: 1, token: "t", scheme: .auth)
        XCTAssertNotEqual(old.hmac, new.hmac)
        let phpass = try AuthCookieSigner(salts: reference, wordpress: .v6_1)
            .generate(login: "a", userPass: userPass, expiration: 1, token: "t", scheme: .auth)
        XCTAssertEqual(
            phpass,
            try AuthCookieSigner(salts: reference, wordpress: .v6_8)
                .generate(login: "a", userPass: userPass, expiration: 1, token: "t", scheme: .auth))
    }

    func testSaltFallbackRules() throws {
        // A placeholder and two duplicates count as not set: the options are used instead.
        let salts = WordPressSalts(
            constants: [
                "AUTH_KEY": "same", "AUTH_SALT": "same", "LOGGED_IN_KEY": "put your unique phrase here",
                "LOGGED_IN_SALT": "s3",
                "NONCE_KEY": "0",
            ],
            options: [
                "auth_key": "ok", "auth_salt": "os", "logged_in_key": "olk", "nonce_key": "onk", "nonce_salt": "ons",
            ])
        XCTAssertEqual(try salts.salt(for: "auth"), "okos")
        XCTAssertEqual(try salts.salt(for: "logged_in"), "olks3")
        XCTAssertEqual(try salts.salt(for: "nonce"), "onkons")
        XCTAssertThrowsError(try salts.salt(for: "secure_auth")) { error in
            XCTAssertEqual(error as? WordPressSalts.Failure, .missingOption("secure_auth_key"))
        }
        // The legacy SECRET_KEY is the key of every scheme, SECRET_SALT the salt of `auth` only.
        let legacy = WordPressSalts(
            constants: ["SECRET_KEY": "sk", "SECRET_SALT": "ss"], options: ["logged_in_salt": "ls"])
        XCTAssertEqual(try legacy.salt(for: "auth"), "skss")
        XCTAssertEqual(try legacy.salt(for: "logged_in"), "skls")
    }

    func testCookieNamesAndPaths() {
        let names = CookieNames(siteURL: "http://example.test/blog", homeURL: "http://example.test/blog")
        XCTAssertEqual(names.cookieHash, "66f08f6d33e8d4d96b5164ba0f4df625")
        XCTAssertEqual(names.loggedIn, "wordpress_logged_in_66f08f6d33e8d4d96b5164ba0f4df625")
        XCTAssertEqual(names.cookiePath, "/blog/")
        XCTAssertEqual(names.siteCookiePath, "/blog/")
        XCTAssertEqual(names.adminCookiePath, "/blog/wp-admin")
        XCTAssertEqual(names.pluginsCookiePath, "/blog/wp-content/plugins")
        XCTAssertEqual(CookieNames(siteURL: "https://Shop.Example", homeURL: "HTTPS://shop.example").cookiePath, "/")
    }
}
