import Foundation
import PressGateTestSupport
import WordPressCompat
import XCTest

@testable import MemberStore

final class ConcurrencyTests: XCTestCase {
    /// 16 creations of one new member at the same moment — the same e-mail, and e-mails that differ
    /// only in case — find exactly one member; the others get that member back.
    func testConcurrentCreatesMakeExactlyOneMember() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let variants = ["race@example.test", "RACE@example.test", "Race@Example.Test", "race@EXAMPLE.test"]
        let results = concurrently(16) { index -> (UInt64, Bool) in
            let database = site.newDatabase()
            let members = MemberRepository(database: database, tables: site.tables, wordpressVersion: "6.1.9")
            let outcome = try members.create(
                NewMember(email: variants[index % variants.count], passwordHash: "$P$Bplaceholder", role: "subscriber"),
                options: SiteOptions(database: database, tables: site.tables), now: UTCTime.now())
            if case .created = outcome { return (outcome.member.id, true) }
            return (outcome.member.id, false)
        }
        let outcomes = try results.map { try $0.get() }
        XCTAssertEqual(Set(outcomes.map(\.0)).count, 1, "every caller sees the same member")
        XCTAssertEqual(outcomes.filter(\.1).count, 1, "exactly one creation")
        let counts = try site.database.run(
            SQL(
                """
                SELECT (SELECT COUNT(*) FROM {users}), (SELECT COUNT(*) FROM {usermeta}), (SELECT COUNT(*) FROM {users} WHERE user_email = ?)
                """, tables: site.tables), ["race@example.test"]
        ).first
        XCTAssertEqual(counts?.int(0), 1)
        XCTAssertEqual(counts?.int(1), 13, "one member's meta rows, once")
        XCTAssertEqual(counts?.int(2), 1)
    }

    /// Different e-mails whose local parts derive the same login: all created, all logins distinct.
    func testConcurrentCreatesDeriveDistinctLogins() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let results = concurrently(16) { index -> String in
            let database = site.newDatabase()
            return try MemberRepository(database: database, tables: site.tables, wordpressVersion: "6.1.9").create(
                NewMember(email: "sam@host\(index).test", passwordHash: "$P$Bplaceholder", role: "subscriber"),
                options: SiteOptions(database: database, tables: site.tables), now: UTCTime.now()
            ).member.login
        }
        let logins = try results.map { try $0.get() }
        XCTAssertEqual(Set(logins.map { $0.lowercased() }).count, 16, "\(logins)")
    }

    /// 16 logins of one member at the same moment keep 16 sessions (WordPress's own
    /// read-modify-write can lose some).
    func testConcurrentLoginsNeverLoseASession() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let member = try site.members.create(
            NewMember(email: "busy@example.test", passwordHash: "$P$Bx", role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
        let now = UTCTime.now()
        let results = concurrently(16) { index -> String in
            try SessionStore(database: site.newDatabase(), tables: site.tables)
                .create(
                    memberID: member.id, expiration: now + 3600, ip: "192.0.2.\(index)", userAgent: "Browser \(index)",
                    now: now)
        }
        let tokens = try results.map { try $0.get() }
        let sessions = try site.sessions.sessions(memberID: member.id, now: now)
        XCTAssertEqual(sessions.sessions.count, 16)
        for token in tokens { XCTAssertTrue(try site.sessions.verify(memberID: member.id, token: token, now: now)) }
        // And WordPress reads them (one meta row, a serialized map).
        let rows = try site.database.run(
            SQL(
                "SELECT COUNT(*) FROM {usermeta} WHERE user_id = ? AND meta_key = 'session_tokens'", tables: site.tables
            ),
            [.int(member.id)]
        ).first?.int(0)
        XCTAssertEqual(rows, 1)

        try site.sessions.destroy(memberID: member.id, token: tokens[0], now: now)
        XCTAssertFalse(try site.sessions.verify(memberID: member.id, token: tokens[0], now: now))
        try site.sessions.destroyAll(memberID: member.id, now: now)
        let left = try site.database.run(
            SQL(
                "SELECT COUNT(*) FROM {usermeta} WHERE user_id = ? AND meta_key = 'session_tokens'", tables: site.tables
            ),
            [.int(member.id)]
        ).first?.int(0)
        XCTAssertEqual(left, 0, "an empty map deletes the row, as WordPress does")
    }

    /// Two transactions that lock the same rows in opposite order deadlock; the loser is rolled
    /// back by InnoDB and run again whole by `Database.transaction`, so both finish.
    func testDeadlockedTransactionIsRetried() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let insert = SQL(
            "INSERT INTO {pg:login_throttle} (scope, subject, window_start, failures) VALUES ('ip', ?, NOW(), 0)",
            tables: site.tables)
        try site.database.run(insert, ["a"])
        try site.database.run(insert, ["b"])
        let bump = SQL(
            "UPDATE {pg:login_throttle} SET failures = failures + 1 WHERE scope = 'ip' AND subject = ?",
            tables: site.tables)
        let attempts = Counter()
        let results = concurrently(2) { index in
            let database = site.newDatabase()
            let order: [DatabaseValue] = index == 0 ? ["a", "b"] : ["b", "a"]
            try database.transaction { transaction in
                attempts.increment()
                try transaction.run(bump, [order[0]])
                Thread.sleep(forTimeInterval: 0.3)
                try transaction.run(bump, [order[1]])
            }
        }
        for result in results { XCTAssertNoThrow(try result.get()) }
        XCTAssertGreaterThanOrEqual(attempts.value, 3, "one transaction ran again after the deadlock")
        let failures = try site.database.run(SQL("SELECT SUM(failures) FROM {pg:login_throttle}", tables: site.tables))
            .first?.int(0)
        XCTAssertEqual(failures, 4, "each committed transaction counted once")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
