import PressGateTestSupport
import XCTest

@testable import MemberStore

/// The private mariadbd is restarted (and stopped) in the middle of work.
final class ReconnectTests: XCTestCase {
    func testWorkContinuesAfterTheServerRestarts() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let member = try site.members.create(
            NewMember(email: "steady@example.test", passwordHash: "$P$Bx", role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
        XCTAssertEqual(try site.members.find(id: member.id)?.login, "steady")

        try TestSite.script(["db-restart", site.databaseDirectory])
        // The old connection is gone (2006); an idempotent read reconnects, re-prepares and succeeds.
        XCTAssertEqual(try site.members.find(id: member.id)?.login, "steady")
        // Transactions work on the new connection too.
        try site.sessions.destroyAll(memberID: member.id, now: UTCTime.now())
    }

    func testStoppedServerIsAClearUnavailableErrorThenRecovers() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        try TestSite.script(["db-stop", site.databaseDirectory])
        defer { _ = try? TestSite.script(["db-start", site.databaseDirectory]) }
        let started = UTCTime.now()
        XCTAssertThrowsError(try site.members.find(email: "anyone@example.test")) { error in
            let databaseError = error as? DatabaseError
            XCTAssertEqual(databaseError?.kind, .unavailable)
            XCTAssertTrue("\(error)".hasPrefix("database unavailable"), "\(error)")
        }
        XCTAssertThrowsError(try site.sessions.destroyAll(memberID: 1, now: UTCTime.now()))
        XCTAssertLessThanOrEqual(UTCTime.now() - started, 10, "bounded by the connect timeout, never a hang")

        try TestSite.script(["db-start", site.databaseDirectory])
        XCTAssertNil(try site.members.find(email: "anyone@example.test"))
    }
}
