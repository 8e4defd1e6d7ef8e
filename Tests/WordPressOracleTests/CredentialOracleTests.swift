import Foundation
import WordPressCompat
import XCTest

/// Reset keys, auth cookies, session maps and fast hashes PressGate produces, judged by WordPress.
final class CredentialOracleTests: XCTestCase {
    static let constants = [
        "AUTH_KEY": "oracle-auth-key", "AUTH_SALT": "oracle-auth-salt",
        "SECURE_AUTH_KEY": "oracle-secure-key", "SECURE_AUTH_SALT": "oracle-secure-salt",
        "LOGGED_IN_KEY": "oracle-logged-in-key", "LOGGED_IN_SALT": "oracle-logged-in-salt",
        "NONCE_KEY": "oracle-nonce-key", "NONCE_SALT": "oracle-nonce-salt",
    ]
    var now: Int { Int(Date().timeIntervalSince1970) }

    func testResetKeysPressGateStoresPassWordPressCheck() throws {
        var items: [[String: Any]] = []
        var expected: [String] = []
        for version in WordPressVersion.allCases {
            let key = ResetKey.generate()
            let fresh = ResetKey.storedValue(for: key, issuedAt: now - 60, wordpress: version)
            let stale = ResetKey.storedValue(for: key, issuedAt: now - 90_000, wordpress: version)
            for (submitted, stored, verdict) in [
                (key, fresh, "valid"), (key + "-", fresh, "valid"), ("wrong" + key, fresh, "invalid"),
                (key, stale, "expired"),
            ] {
                items.append([
                    "kind": "reset_key", "wordpress": version.rawValue, "login": "member",
                    "submitted_key": submitted, "user_activation_key": stored,
                ])
                expected.append(verdict)
                // PressGate reaches the same verdict on the same value.
                XCTAssertEqual(
                    ResetKey.check(submitted: submitted, stored: stored, now: now, wordpress: version).rawValue, verdict
                )
            }
        }
        let results = try Oracle.check(items: items)
        XCTAssertEqual(results.map { $0["result"] as? String }, expected)
    }

    func testAuthCookiesAndSessionsPressGateMintsAreValidInWordPress() throws {
        let salts = WordPressSalts(constants: Self.constants)
        var items: [[String: Any]] = []
        var expected: [String] = []
        let passes = [
            "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1", "$wp$2y$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
            "5f4dcc3b5aa765d61d8327deb882cf99", "$argon2id$v=19$m=65536,t=4,p=1$c2FsdHNhbHQ$aGFzaA",
        ]
        for version in WordPressVersion.allCases {
            let signer = AuthCookieSigner(salts: salts, wordpress: version)
            for userPass in passes {
                for scheme in AuthCookieScheme.allCases {
                    let token = SessionToken.generate()
                    let expiration = now + 3600
                    var sessions = SessionTokenMap()
                    sessions[SessionToken.verifier(for: token)] = WordPressSession(
                        expiration: expiration, ip: "192.0.2.1",
                        userAgent: "Oracle/1.0 (\"q\")", login: now)
                    let session = String(decoding: try XCTUnwrap(sessions.storedValue()), as: UTF8.self)
                    let cookie = try signer.generate(
                        login: "Member.One", userPass: userPass, expiration: expiration,
                        token: token, scheme: scheme)
                    let user: [String: Any] = ["login": "Member.One", "user_pass": userPass]
                    items.append([
                        "kind": "auth_cookie", "wordpress": version.rawValue, "scheme": scheme.rawValue,
                        "cookie": cookie.value, "user": user, "session_tokens": session,
                    ])
                    expected.append("valid")
                    // The same cookie after a password change fails on the HMAC, as in WordPress.
                    items.append([
                        "kind": "auth_cookie", "wordpress": version.rawValue, "scheme": scheme.rawValue,
                        "cookie": cookie.value,
                        "user": ["login": "Member.One", "user_pass": "$P$Bchanged0H8lXzTuDC0.HJ2ay2ddT0x1"],
                        "session_tokens": session,
                    ])
                    expected.append("bad_hash")
                }
            }
        }
        let results = try Oracle.check(constants: Self.constants, items: items)
        XCTAssertEqual(results.map { $0["result"] as? String }, expected)
    }

    func testFastHashesAndSerializedValuesReadBackInPHP() throws {
        var items: [[String: Any]] = []
        let messages: [[UInt8]] = [[], "abc".bytes, "Xq3ZbT0aPp9LmN2cVw7R".bytes, [0, 0xFF, 0x61]]
        for message in messages {
            items.append(["kind": "fast_hash", "message_b64": message.base64, "hash": FastHash.hash(message)])
        }
        var map = SessionTokenMap()
        map[SessionToken.verifier(for: SessionToken.generate())] = WordPressSession(
            expiration: 2_000_000_000, ip: "::1",
            userAgent: "Ünïcode UA", login: 1_800_000_000)
        let serialized = [
            String(decoding: map.storedValue()!, as: UTF8.self),
            String(decoding: Capabilities.storedValue(role: "subscriber"), as: UTF8.self),
        ]
        for value in serialized { items.append(["kind": "unserialize", "serialized": value]) }

        let results = try Oracle.check(items: items)
        for index in messages.indices { XCTAssertEqual(results[index]["match"] as? Bool, true) }
        for (offset, value) in serialized.enumerated() {
            let result = results[messages.count + offset]
            XCTAssertEqual(result["ok"] as? Bool, true)
            XCTAssertEqual(result["reserialized"] as? String, value, "PHP writes back exactly what PressGate wrote")
        }
    }
}
