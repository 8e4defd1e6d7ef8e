import PressGateTestSupport
import WordPressCompat
import XCTest

@testable import MemberStore

/// WordPress (6.1, loaded in php-cli against the same database) is the oracle for what the store writes.
final class MemberOracleTests: XCTestCase {
    struct Input { let login: String?, email: String, first: String, last: String }

    static let inputs = [
        Input(login: "Sub.Scriber One", email: "Sub1@Example.test", first: "Mary & Ann", last: "O'Brien"),
        Input(login: "Sub.Scriber.One", email: "sub2@example.test", first: "", last: "Solo"),
        Input(login: "jane doe@example.test", email: "jane@example.test", first: "Jane", last: ""),
    ]

    /// The same input gives the same rows, column by column and meta row by meta row, apart from
    /// ID, user_registered and the hash's salt.
    func testNewMembersAreWrittenExactlyAsWPInsertUserWritesThem() throws {
        let pressgate = try TestSite(.installedByWordPress, testCase: self)
        let wordpress = try TestSite(.installedByWordPress, testCase: self)
        try pressgate.migrate()
        let hasher = try PasswordHasher(wordpress: .v6_1)
        var ours: [UInt64] = []
        var theirs: [Int] = []
        for input in Self.inputs {
            let hash = try hasher.hash(Array("pw".utf8))
            let created = try pressgate.members.create(
                NewMember(
                    email: input.email, login: input.login, firstName: input.first, lastName: input.last,
                    passwordHash: hash, role: "subscriber"),
                options: pressgate.options, now: UTCTime.now())
            guard case .created(let member) = created else { return XCTFail("not created: \(input.email)") }
            ours.append(member.id)
            var command: [String: Any] = [
                "op": "insert_user", "user_email": input.email, "first_name": input.first,
                "last_name": input.last, "user_pass": "pw",
            ]
            command["user_login"] = input.login
            let result = try XCTUnwrap(try wordpress.wordpress([command]).first)
            theirs.append(try XCTUnwrap(result["id"] as? Int, "\(result)"))
        }
        let ourDumps = try pressgate.wordpress(ours.map { ["op": "dump_user", "id": Int($0)] })
        let theirDumps = try wordpress.wordpress(theirs.map { ["op": "dump_user", "id": $0] })
        for (mine, reference) in zip(ourDumps, theirDumps) {
            var myUser = try XCTUnwrap(mine["user"] as? [String: String])
            var theirUser = try XCTUnwrap(reference["user"] as? [String: String])
            for column in ["ID", "user_registered", "user_pass"] {
                myUser[column] = nil
                theirUser[column] = nil
            }
            XCTAssertEqual(myUser, theirUser)
            XCTAssertEqual(mine["meta"] as? [[String]], reference["meta"] as? [[String]])
        }
        // The second login shares the first one's nicename and got WordPress's suffix.
        XCTAssertEqual((ourDumps[1]["user"] as? [String: String])?["user_nicename"], "sub-scriber-one-2")
    }

    func testMembersWordPressCreatesAreFoundAsWordPressFindsThem() throws {
        let site = try TestSite(.installedByWordPress, testCase: self)
        let id = try XCTUnwrap(
            try site.wordpress([
                [
                    "op": "insert_user", "user_login": "Sub.Scriber One", "user_email": "Sub1@Example.test",
                    "user_pass": "pw",
                ]
            ]).first?["id"] as? Int)
        for login in [
            "Sub.Scriber One", "SUB.SCRIBER ONE", " sub.scriber one", "Sub.Scriber One   ", "Sûb.Scriber One",
        ] {
            XCTAssertEqual(try site.members.find(login: login)?.id, UInt64(id), login)
        }
        XCTAssertEqual(
            try site.members.find(email: "sub1@example.TEST")?.email, "Sub1@Example.test", "the stored case is kept")
        XCTAssertEqual(try site.members.find(loginOrEmail: "SUB1@example.test")?.id, UInt64(id))
        XCTAssertNil(try site.members.find(login: "Sub.Scriber"))
        XCTAssertNil(try site.members.find(login: "' OR '1'='1"))
        XCTAssertNil(try site.members.find(email: ""))
    }

    func testPasswordsAgreeBothWays() throws {
        let site = try TestSite(.installedByWordPress, testCase: self)
        try site.migrate()
        let created = try site.members.create(
            NewMember(email: "both@example.test", passwordHash: "$P$Bnothing", role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
        // PressGate sets a password with quotes and a backslash: wp-login.php accepts it.
        let chosen = Array("it's \"quoted\" back\\slash".utf8)
        try site.members.setPassword(
            memberID: created.id, hash: try PasswordHasher(wordpress: .v6_1).hash(LoginFormPassword.storable(chosen)))
        let results = try site.wordpress([
            ["op": "authenticate", "log": created.login, "pwd": String(decoding: chosen, as: UTF8.self), "form": true],
            ["op": "authenticate", "log": created.login, "pwd": "wrong", "form": true],
            ["op": "set_password", "id": Int(created.id), "pwd": "plain-Passw0rd"],
        ])
        XCTAssertEqual(results[0]["id"] as? Int, Int(created.id))
        XCTAssertEqual(results[1]["error"] as? String, "incorrect_password")
        // WordPress set a password: PressGate's form check accepts it and the reset key is cleared.
        let member = try XCTUnwrap(try site.members.find(id: created.id))
        let candidate = try XCTUnwrap(LoginFormPassword.candidate(submitted: Array("plain-Passw0rd".utf8)))
        XCTAssertEqual(PasswordHasher.check(candidate, against: member.passwordHash, wordpress: .v6_1), .match)
    }

    func testResetKeysAgreeBothWays() throws {
        let site = try TestSite(.installedByWordPress, testCase: self)
        try site.migrate()
        let member = try site.members.create(
            NewMember(email: "reset@example.test", passwordHash: "$P$Bnothing", role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
        let key = ResetKey.generate()
        let wrongKey = (key.first == "x" ? "y" : "x") + key.dropFirst()
        try site.members.setActivationKey(
            memberID: member.id, value: ResetKey.storedValue(for: key, issuedAt: UTCTime.now(), wordpress: .v6_1))
        var results = try site.wordpress([
            ["op": "check_password_reset_key", "key": key, "login": member.login],
            ["op": "check_password_reset_key", "key": wrongKey, "login": member.login],
            ["op": "get_password_reset_key", "login": member.login],
        ])
        XCTAssertEqual(results[0]["result"] as? String, "valid")
        XCTAssertEqual(results[1]["result"] as? String, "invalid_key")
        let wordpressKey = try XCTUnwrap(results[2]["key"] as? String)
        let stored = try XCTUnwrap(try site.members.find(id: member.id)).activationKey
        XCTAssertEqual(
            ResetKey.check(submitted: wordpressKey, stored: stored, now: UTCTime.now(), wordpress: .v6_1), .valid)
        XCTAssertEqual(ResetKey.check(submitted: key, stored: stored, now: UTCTime.now(), wordpress: .v6_1), .invalid)

        // Setting a password clears the key, as wp_set_password does.
        try site.members.setPassword(
            memberID: member.id, hash: try PasswordHasher(wordpress: .v6_1).hash(Array("new".utf8)))
        results = try site.wordpress([["op": "check_password_reset_key", "key": wordpressKey, "login": member.login]])
        XCTAssertEqual(results[0]["result"] as? String, "invalid_key")
    }

    func testBadInputChangesNothing() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let bad: [NewMember] = [
            NewMember(email: "a@example.test\r\nBcc: x@example.test", passwordHash: "h", role: "subscriber"),
            NewMember(email: "not-an-email", passwordHash: "h", role: "subscriber"),
            NewMember(email: "ok@example.test", login: "日本語", passwordHash: "h", role: "subscriber"),
            NewMember(
                email: "ok@example.test", login: String(repeating: "a", count: 61), passwordHash: "h",
                role: "subscriber"),
            NewMember(email: "ok@example.test", firstName: "<script>", passwordHash: "h", role: "subscriber"),
            NewMember(email: "ok@example.test", passwordHash: "h", role: "emperor"),
        ]
        for member in bad {
            XCTAssertThrowsError(try site.members.create(member, options: site.options, now: UTCTime.now()))
        }
        let counts = try site.database.run(
            SQL(
                "SELECT (SELECT COUNT(*) FROM {users}), (SELECT COUNT(*) FROM {usermeta}), (SELECT COUNT(*) FROM {pg:member_claims})",
                tables: site.tables)
        ).first
        XCTAssertEqual(counts?.int(0), 0)
        XCTAssertEqual(counts?.int(1), 0)
        XCTAssertEqual(counts?.int(2), 0)
    }

    func testLoginsDerivedFromEmailsAreUniqueAndMetaFollowsTheVersion() throws {
        let site = try TestSite(.schema(version: "7.1"), testCase: self)
        try site.migrate()
        let first = try site.members.create(
            NewMember(email: "sam@one.test", passwordHash: "h", role: "subscriber"), options: site.options, now: 0
        ).member
        let second = try site.members.create(
            NewMember(email: "Sam@two.test", passwordHash: "h", role: "subscriber"), options: site.options, now: 0
        ).member
        XCTAssertEqual(first.login, "sam")
        XCTAssertEqual(second.login, "Sam2")
        XCTAssertEqual(second.registered, "1970-01-01 00:00:00")
        let meta = try site.database.run(
            SQL("SELECT meta_key, meta_value FROM {usermeta} WHERE user_id = ? ORDER BY umeta_id", tables: site.tables),
            [.int(first.id)]
        ).rows.map { [$0.string(0) ?? "", $0.string(1) ?? ""] }
        XCTAssertEqual(meta[6], ["infinite_scrolling", "true"])
        XCTAssertEqual(meta[8], ["admin_color", "modern"])
        XCTAssertEqual(meta.count, 14)
    }
}
