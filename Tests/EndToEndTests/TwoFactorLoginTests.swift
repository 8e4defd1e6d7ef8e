import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// The second step for members whose Two Factor plugin state asks for one, through nginx, with the
/// plugin's stored format written by WordPress itself (backup code hashes from `wp_hash_password`),
/// codes computed by an independent implementation (pyotp), and the results read back by WordPress.
final class TwoFactorLoginTests: XCTestCase {
    static let password = "a long enough password 2"

    struct Enrolled {
        let running: RunningSite
        let memberID: UInt64
        let key: String
        let backupCodes: [String]
    }

    /// A subscriber made by WordPress with TOTP and two backup codes, as the plugin stores them.
    func enrolledMember() throws -> Enrolled {
        let running = try RunningSite(.installedByWordPress, testCase: self)
        let created = try running.site.wordpress([
            [
                "op": "insert_user", "user_email": "tom@example.test", "user_pass": Self.password, "user_login": "tom",
                "role": "subscriber",
            ]
        ])
        let memberID = try XCTUnwrap((created.first?["id"] as? NSNumber)?.uint64Value)
        let codes = ["12345678", "87654321"]
        let hashes = try codes.map { code in
            try XCTUnwrap(try running.site.wordpress([["op": "hash_password", "pwd": code]]).first?["hash"] as? String)
        }
        let key = TOTP.generateKey()
        let list = PHPSerializer.serialize(
            .array(PHPArray(hashes.enumerated().map { (PHPArrayKey.int($0.offset), PHPValue.string($0.element)) })))
        for (metaKey, value) in [
            ("_two_factor_enabled_providers", #"a:2:{i:0;s:15:"Two_Factor_Totp";i:1;s:23:"Two_Factor_Backup_Codes";}"#),
            ("_two_factor_provider", "Two_Factor_Totp"), ("_two_factor_totp_key", key),
            ("_two_factor_backup_codes", String(decoding: list, as: UTF8.self)),
        ] {
            try running.site.database.run(
                SQL(
                    "INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)",
                    tables: running.site.tables),
                [.int(memberID), .text(metaKey), .text(value)])
        }
        return Enrolled(running: running, memberID: memberID, key: key, backupCodes: codes)
    }

    /// The current code, from pyotp (not from PressGate's own TOTP).
    func pyotpCode(_ key: String) throws -> String {
        let output = try TestSite.run(
            "/usr/bin/python3", ["-c", "import pyotp, sys; print(pyotp.TOTP(sys.argv[1]).now())", key])
        XCTAssertEqual(output.status, 0, output.stderr)
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ response: HTTPClient.Response) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any], response.body)
    }

    /// The password step as a JSON client: the challenge.
    func passwordStep(_ running: RunningSite) throws -> [String: Any] {
        let response = try running.http.request(
            "POST", "/auth/login", rawBody: #"{"log":"tom","pwd":"\#(Self.password)"}"#,
            contentType: "application/json",
            headers: ["Accept": "application/json"])
        XCTAssertEqual(response.status, 200, response.body)
        XCTAssertFalse(
            response.all("set-cookie").contains { $0.hasPrefix("wordpress_") }, "no cookie for a password alone")
        return try XCTUnwrap(try json(response)["two_factor"] as? [String: Any], response.body)
    }

    func codeStep(
        _ running: RunningSite, token: String, code: String, provider: String? = nil
    ) throws
        -> HTTPClient.Response
    {
        var body: [String: String] = ["token": token, "authcode": code]
        if let provider { body["provider"] = provider }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        return try running.http.request(
            "POST", "/auth/login/two-factor", rawBody: text, contentType: "application/json",
            headers: ["Accept": "application/json"])
    }

    func testTOTPIsASecondStepWordPressAgreesWith() throws {
        let enrolled = try enrolledMember()
        let running = enrolled.running
        let challenge = try passwordStep(running)
        XCTAssertEqual(challenge["providers"] as? [String], ["Two_Factor_Totp", "Two_Factor_Backup_Codes"])
        XCTAssertEqual(challenge["provider"] as? String, "Two_Factor_Totp")
        let token = try XCTUnwrap(challenge["token"] as? String)

        let wrong = try codeStep(running, token: token, code: "000000")
        XCTAssertEqual(wrong.status, 401, wrong.body)
        XCTAssertEqual(wrong.body, #"{"error":"The code is not correct."}"#)
        XCTAssertTrue(wrong.all("set-cookie").isEmpty)

        let code = try pyotpCode(enrolled.key)
        let right = try codeStep(running, token: token, code: String(code.prefix(3)) + " " + code.dropFirst(3))
        XCTAssertEqual(right.status, 200, right.body)
        XCTAssertEqual(try json(right)["user_id"] as? Int, Int(enrolled.memberID))
        // The session is one WordPress accepts.
        let cookie = try XCTUnwrap(running.loggedInCookie(right).values.first)
        let validated = try running.site.wordpress([["op": "validate_auth_cookie", "cookie": cookie]])
        XCTAssertEqual(validated.first?["id"] as? Int, Int(enrolled.memberID), "\(validated)")
        // The plugin's replay guard was written as the plugin writes it: the code's tick.
        let last =
            try running.site.wordpress([
                ["op": "user_meta", "id": Int(enrolled.memberID), "key": "_two_factor_totp_last_successful_login"]
            ]).first?["value"] as? String
        let tick = try XCTUnwrap(Int(last ?? ""), "\(String(describing: last))")
        XCTAssertLessThanOrEqual(abs(tick - Int(Date().timeIntervalSince1970)), 150)
        XCTAssertEqual(tick % 30, 0)

        // The token was used; the same code again is a replay, refused as the plugin refuses it.
        XCTAssertEqual(try codeStep(running, token: token, code: code).status, 401)
        let again = try XCTUnwrap(try passwordStep(running)["token"] as? String)
        XCTAssertEqual(try codeStep(running, token: again, code: code).status, 401, "a used code never works again")
    }

    func testBackupCodesWorkOnceAndAreConsumedInWordPressStorage() throws {
        let enrolled = try enrolledMember()
        let running = enrolled.running
        let token = try XCTUnwrap(try passwordStep(running)["token"] as? String)
        let used = try codeStep(
            running, token: token, code: enrolled.backupCodes[0], provider: "Two_Factor_Backup_Codes")
        XCTAssertEqual(used.status, 200, used.body)
        let remaining =
            try running.site.wordpress([
                ["op": "user_meta", "id": Int(enrolled.memberID), "key": "_two_factor_backup_codes"]
            ]).first?["value"] as? [String]
        XCTAssertEqual(remaining?.count, 1, "\(String(describing: remaining))")
        let stillValid =
            try running.site.wordpress([
                ["op": "check_hash", "pwd": enrolled.backupCodes[1], "hash": remaining?.first ?? ""]
            ]).first?["match"] as? Bool
        XCTAssertEqual(stillValid, true, "the other code is kept, readable by WordPress")
        let second = try XCTUnwrap(try passwordStep(running)["token"] as? String)
        let reused = try codeStep(
            running, token: second, code: enrolled.backupCodes[0], provider: "Two_Factor_Backup_Codes")
        XCTAssertEqual(reused.status, 401)
    }

    func testWrongCodesAreThrottledPerMember() throws {
        let enrolled = try enrolledMember()
        let token = try XCTUnwrap(try passwordStep(enrolled.running)["token"] as? String)
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(try codeStep(enrolled.running, token: token, code: "000000").status) }
        XCTAssertEqual(statuses, [401, 401, 401, 401, 429], "delays after three failures, as for passwords")
    }

    func testTheChallengeDiesWithThePassword() throws {
        let enrolled = try enrolledMember()
        let running = enrolled.running
        let token = try XCTUnwrap(try passwordStep(running)["token"] as? String)
        _ = try running.site.wordpress([
            ["op": "set_password", "id": Int(enrolled.memberID), "pwd": "a new password for tom"]
        ])
        let late = try codeStep(running, token: token, code: try pyotpCode(enrolled.key))
        XCTAssertEqual(late.status, 401)
        XCTAssertTrue(late.body.contains("expired"), late.body)
        XCTAssertEqual(try codeStep(running, token: "made-up", code: "123456").status, 401)
    }

    func testTheBrowserFlowNeedsNoScript() throws {
        let enrolled = try enrolledMember()
        let running = enrolled.running
        let step = try running.login("tom", Self.password, redirectTo: "/members/")
        XCTAssertEqual(step.status, 200, step.body)
        XCTAssertTrue(step.body.contains(#"action="/auth/login/two-factor""#), step.body)
        XCTAssertTrue(step.body.contains(#"autocomplete="one-time-code""#))
        XCTAssertTrue(step.body.contains("Use a backup code instead"))
        XCTAssertFalse(step.all("set-cookie").contains { $0.hasPrefix("wordpress_") })
        let token = try XCTUnwrap(RunningSite.hiddenField("token", in: step.body))
        let csrf = try XCTUnwrap(RunningSite.hiddenField("_pressgate_csrf", in: step.body))
        let done = try running.http.request(
            "POST", "/auth/login/two-factor",
            form: [("token", token), ("authcode", try pyotpCode(enrolled.key)), ("_pressgate_csrf", csrf)],
            cookies: step.setCookies)
        XCTAssertEqual(done.status, 303, done.body)
        XCTAssertEqual(done.header("location"), "/members/")
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: running.loggedInCookie(done)).status, 200)
    }
}

/// E-mailed codes (`Two_Factor_Email`): sent through the outbox when the step starts, stored as the
/// plugin's `wp_hash()`, working once.
final class TwoFactorEmailTests: XCTestCase {
    func testAnEmailedCodeWorksOnce() throws {
        let mail = try MailSink(testCase: self)
        let running = try RunningSite(.installedByWordPress, settings: mail.settings, testCase: self)
        let member = try running.member(email: "em@example.test", login: "em", password: TwoFactorLoginTests.password)
        try running.site.database.run(
            SQL("INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, ?, ?)", tables: running.site.tables),
            [.int(member.id), .text("_two_factor_enabled_providers"), .text(#"a:1:{i:0;s:16:"Two_Factor_Email";}"#)])
        func start() throws -> [String: Any] {
            let response = try running.http.request(
                "POST", "/auth/login", rawBody: #"{"log":"em","pwd":"\#(TwoFactorLoginTests.password)"}"#,
                contentType: "application/json", headers: ["Accept": "application/json"])
            XCTAssertEqual(response.status, 200, response.body)
            let json = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
            return try XCTUnwrap(json?["two_factor"] as? [String: Any], response.body)
        }
        func send(_ body: [String: String]) throws -> HTTPClient.Response {
            try running.http.request(
                "POST", "/auth/login/two-factor",
                rawBody: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self),
                contentType: "application/json", headers: ["Accept": "application/json"])
        }
        let challenge = try start()
        XCTAssertEqual(challenge["provider"] as? String, "Two_Factor_Email")
        let token = try XCTUnwrap(challenge["token"] as? String)
        let message = try mail.waitForMessage(1)
        XCTAssertTrue(message.contains("Login confirmation code"), message)
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let code = try XCTUnwrap(lines.first { $0.count == 8 && $0.allSatisfy(\.isNumber) }, message)

        // Stored as the plugin stores it: WordPress's wp_hash() of the code.
        let stored =
            try running.site.wordpress([
                ["op": "user_meta", "id": Int(member.id), "key": "_two_factor_email_token"]
            ]).first?["value"] as? String
        let expected = try running.site.wordpress([["op": "wp_hash", "data": code]]).first?["hash"] as? String
        XCTAssertEqual(stored, expected)

        XCTAssertEqual(try send(["token": token, "authcode": "00000000"]).status, 401)
        let done = try send(["token": token, "authcode": code])
        XCTAssertEqual(done.status, 200, done.body)
        XCTAssertFalse(running.loggedInCookie(done).isEmpty)
        // Used once: the next login needs a new code, and the old one is refused.
        let again = try XCTUnwrap(try start()["token"] as? String)
        XCTAssertEqual(try send(["token": again, "authcode": code]).status, 401)
        let resent = try send(["token": again, "provider": "Two_Factor_Email", "resend": "1"])
        XCTAssertEqual(resent.body, #"{"sent":true}"#)
        // The second login sent a new code (the first was used), the resend a third.
        XCTAssertTrue(try mail.waitForMessage(3).contains("Login confirmation code"))
    }
}
