import Foundation
import PressGateTestSupport
import WordPressCompat
import XCTest

@testable import MemberStore

/// Cases a review found: claims of deleted members, empty salt options, sessions PressGate cannot read.
final class ReviewRegressionTests: XCTestCase {
    func testAMemberDeletedInWordPressCanBeCreatedAgain() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let first = try site.members.create(
            NewMember(email: "gone@example.test", login: "gone", passwordHash: "$P$Bx", role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
        // WordPress deletes the member (wp_delete_user removes the rows; PressGate's claims stay).
        try site.database.run(SQL("DELETE FROM {usermeta} WHERE user_id = ?", tables: site.tables), [.int(first.id)])
        try site.database.run(SQL("DELETE FROM {users} WHERE ID = ?", tables: site.tables), [.int(first.id)])
        let again = try site.members.create(
            NewMember(email: "GONE@example.test", login: "gone", passwordHash: "$P$Bx", role: "subscriber"),
            options: site.options, now: UTCTime.now())
        guard case .created(let member) = again else { return XCTFail("not created: \(again)") }
        XCTAssertNotEqual(member.id, first.id)
        XCTAssertEqual(member.login, "gone")
    }

    func testAnEmptySaltOptionIsReplacedNotFatal() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.database.run(
            SQL(
                "INSERT INTO {options} (option_name, option_value, autoload) VALUES ('logged_in_salt', '', 'no')",
                tables: site.tables))
        let salts = try site.options.salts(constants: ["LOGGED_IN_KEY": "k"], schemes: ["logged_in"])
        let salt = try salts.salt(for: "logged_in")
        XCTAssertEqual(salt.count, 1 + 64)
        XCTAssertEqual(try site.options.value("logged_in_salt")?.count, 64)
        // The next reader gets the same value.
        XCTAssertEqual(
            try site.options.salts(constants: ["LOGGED_IN_KEY": "k"], schemes: ["logged_in"]).salt(for: "logged_in"),
            salt)
    }

    /// An entry PressGate cannot read (an object a plugin stored) is kept byte for byte beside the
    /// new session (it used to make the login fail; issue 15).
    func testSessionsPressGateCannotReadAreKeptBesideNewOnes() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let member = try site.members.create(
            NewMember(email: "obj@example.test", passwordHash: "$P$Bx", role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
        let pluginValue =
            #"a:1:{s:64:"0000000000000000000000000000000000000000000000000000000000000000";O:8:"stdClass":0:{}}"#
        try site.database.run(
            SQL(
                "INSERT INTO {usermeta} (user_id, meta_key, meta_value) VALUES (?, 'session_tokens', ?)",
                tables: site.tables),
            [.int(member.id), .text(pluginValue)])
        let token = try site.sessions.create(
            memberID: member.id, expiration: UTCTime.now() + 60, ip: nil, userAgent: nil, now: UTCTime.now())
        let stored = try site.database.run(
            SQL(
                "SELECT meta_value FROM {usermeta} WHERE user_id = ? AND meta_key = 'session_tokens'",
                tables: site.tables), [.int(member.id)]
        ).first?.string(0)
        let kept = #"s:64:"0000000000000000000000000000000000000000000000000000000000000000";O:8:"stdClass":0:{}"#
        XCTAssertEqual(stored?.hasPrefix("a:2:{" + kept), true, stored ?? "")
        XCTAssertTrue(try site.sessions.verify(memberID: member.id, token: token, now: UTCTime.now()))
    }
}
