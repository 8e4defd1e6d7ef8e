import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// Two-step verification on the account page, stored as the Two Factor plugin stores it and read
/// back by WordPress: set up with a first code from pyotp, backup codes shown once, a login that then
/// asks for a code, and turning it off with the password and a backup code.
final class TwoFactorSettingsTests: XCTestCase {
    static let password = "a long enough password 3"

    func meta(_ running: RunningSite, _ id: UInt64, _ key: String) throws -> Any? {
        try running.site.wordpress([["op": "user_meta", "id": Int(id), "key": key]]).first?["value"]
    }

    func pyotpCode(_ key: String) throws -> String {
        let output = try TestSite.run(
            "/usr/bin/python3", ["-c", "import pyotp, sys; print(pyotp.TOTP(sys.argv[1]).now())", key])
        XCTAssertEqual(output.status, 0, output.stderr)
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testSetUpUseAndTurnOff() throws {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let member = try running.member(email: "sam@example.test", login: "sam", password: Self.password)
        let login = try running.login("sam", Self.password)
        XCTAssertEqual(login.status, 303)
        var cookies = running.loggedInCookie(login)
        let account = try running.http.request("GET", "/auth/account", cookies: cookies)
        XCTAssertTrue(account.body.contains("Set up an authenticator app"), account.body)
        cookies.merge(account.setCookies) { $1 }
        let csrf = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: account.body))
        func post(_ path: String, _ fields: [(String, String)]) throws -> HTTPClient.Response {
            try running.http.request("POST", path, form: fields + [("_pressgate_csrf", csrf)], cookies: cookies)
        }

        let setup = try post("/auth/account/two-factor/setup", [])
        XCTAssertEqual(setup.status, 200, setup.body)
        XCTAssertTrue(setup.body.contains("<svg") && setup.body.contains("<path"), "an inline QR code")
        XCTAssertEqual(setup.header("referrer-policy"), "no-referrer")
        let key = try XCTUnwrap(RunningSite.hiddenField("key", in: setup.body))
        let signature = try XCTUnwrap(RunningSite.hiddenField("key_signature", in: setup.body))
        XCTAssertEqual(key.count, 32)

        // A key the form did not come with (a planted one) is refused; so is a wrong first code.
        let planted = try post(
            "/auth/account/two-factor/totp",
            [("key", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), ("key_signature", signature), ("authcode", "123456")])
        XCTAssertEqual(planted.status, 400)
        let wrong = try post(
            "/auth/account/two-factor/totp", [("key", key), ("key_signature", signature), ("authcode", "000000")])
        XCTAssertEqual(wrong.status, 400)
        XCTAssertTrue(wrong.body.contains("The code is not correct"))
        XCTAssertNotEqual(try meta(running, member.id, "_two_factor_totp_key") as? String, key)

        let on = try post(
            "/auth/account/two-factor/totp",
            [("key", key), ("key_signature", signature), ("authcode", try pyotpCode(key))])
        XCTAssertEqual(on.status, 200, on.body)
        let codes = on.body.matches(of: /<li><code>([0-9]{8})<\/code><\/li>/).map { String($0.output.1) }
        XCTAssertEqual(codes.count, 10, on.body)
        XCTAssertEqual(Set(codes).count, 10)

        // Stored as the plugin stores it, read back by WordPress.
        XCTAssertEqual(try meta(running, member.id, "_two_factor_totp_key") as? String, key)
        XCTAssertEqual(
            try meta(running, member.id, "_two_factor_enabled_providers") as? [String],
            ["Two_Factor_Totp", "Two_Factor_Backup_Codes"])
        XCTAssertEqual(try meta(running, member.id, "_two_factor_provider") as? String, "Two_Factor_Totp")
        let hashes = try XCTUnwrap(try meta(running, member.id, "_two_factor_backup_codes") as? [String])
        XCTAssertEqual(hashes.count, 10)
        let matches = try running.site.wordpress([["op": "check_hash", "pwd": codes[0], "hash": hashes[0]]])
        XCTAssertEqual(matches.first?["match"] as? Bool, true, "wp_check_password accepts the code")

        // The account page says so, and the next login asks for a code.
        XCTAssertTrue(
            try running.http.request("GET", "/auth/account", cookies: cookies).body.contains("Backup codes left: 10"))
        let step = try running.login("sam", Self.password)
        XCTAssertEqual(step.status, 200)
        XCTAssertTrue(step.body.contains("Two-step verification"))

        // Off: the password and a code (a backup code here, used up).
        let refused = try post(
            "/auth/account/two-factor/off", [("current", "not my password"), ("authcode", codes[1])])
        XCTAssertEqual(refused.status, 400)
        XCTAssertTrue(refused.body.contains("The password or the code is not correct."))
        let off = try post("/auth/account/two-factor/off", [("current", Self.password), ("authcode", codes[1])])
        XCTAssertEqual(off.status, 303, off.body)
        XCTAssertEqual(off.header("location"), "/auth/account?two_factor=off")
        XCTAssertEqual(try meta(running, member.id, "_two_factor_enabled_providers") as? [String], [])
        XCTAssertEqual(try meta(running, member.id, "_two_factor_totp_key") as? String, "")
        XCTAssertEqual(try running.login("sam", Self.password).status, 303, "one step again")
    }
}
