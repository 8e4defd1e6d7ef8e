import Foundation
import MemberStore
import PressGateTestSupport
import Synchronization
import WordPressCompat
import XCTest

final class ServerLifecycleTests: XCTestCase {
    /// A stopped database is a quick 503 with Retry-After, never a hang; PressGate recovers by itself.
    func testDatabaseDownIs503ThenRecovers() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "ivy@example.test", login: "ivy", password: "pw ivy")
        XCTAssertEqual(try running.http.request("GET", "/auth/readyz").status, 200)
        let login = try running.login("ivy", "pw ivy")
        let cookie = running.loggedInCookie(login)

        try TestSite.script(["db-stop", running.site.databaseDirectory])
        defer { _ = try? TestSite.script(["db-start", running.site.databaseDirectory]) }
        let started = Date()
        let ready = try running.http.request("GET", "/auth/readyz")
        XCTAssertEqual(ready.status, 503)
        XCTAssertEqual(ready.header("retry-after"), "5")
        let attempt = try running.http.request(
            "POST", "/auth/login", form: [("log", "ivy"), ("pwd", "pw ivy")],
            headers: ["Origin": "http://127.0.0.1:8080"])
        XCTAssertEqual(attempt.status, 503)
        XCTAssertEqual(try running.http.request("GET", "/auth/check", cookies: cookie).status, 503)
        XCTAssertEqual(try running.http.request("GET", "/auth/healthz").status, 200, "the process itself is alive")
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "bounded by the connect timeout")

        try TestSite.script(["db-start", running.site.databaseDirectory])
        XCTAssertEqual(try running.http.request("GET", "/auth/readyz").status, 200)
        XCTAssertEqual(try running.http.request("GET", "/auth/check", cookies: cookie).status, 204)
        XCTAssertEqual(try running.login("ivy", "pw ivy").status, 303)
    }

    /// A 6.8 site whose every worker thread may be busy hashing (`reserved_threads = 0`), so that
    /// each thread can hold a slow login in flight.
    static let everyThreadMayHash = ["PRESSGATE_WORDPRESS_VERSION": "6.8.1", "PRESSGATE_RESERVED_THREADS": "0"]

    /// SIGTERM while slow logins (bcrypt cost 12) are in flight: every one of them completes, then
    /// the process exits 0.
    func testSIGTERMFinishesRequestsInFlight() throws {
        let running = try RunningSite(settings: Self.everyThreadMayHash, threads: 4, testCase: self)
        try running.member(
            email: "jo@example.test", login: "jo", password: "pw jo", wordpress: .v6_8,
            target: .wordPressBcrypt(cost: 12))
        let logins = slowLoginsInFlight(running, count: 4)
        Thread.sleep(forTimeInterval: 0.1)
        let exitCode = running.server.stop(signal: SIGTERM, timeout: 30)
        logins.inFlight.wait()
        XCTAssertEqual(exitCode, 0, running.server.log)
        XCTAssertEqual(logins.statuses.withLock { $0.sorted() }, [303, 303, 303, 303], running.server.log)
        XCTAssertTrue(running.server.log.contains("stopping: finishing requests in flight"))
    }

    /// The stop signals are blocked before the outbox thread starts: a second SIGINT while requests
    /// drain is ignored instead of killing the process from that thread.
    func testASecondSIGINTDuringTheDrainDoesNotKill() throws {
        let running = try RunningSite(settings: Self.everyThreadMayHash, threads: 2, testCase: self)
        try running.member(
            email: "jo@example.test", login: "jo", password: "pw jo", wordpress: .v6_8,
            target: .wordPressBcrypt(cost: 13))
        let logins = slowLoginsInFlight(running, count: 2)
        Thread.sleep(forTimeInterval: 0.1)
        kill(running.server.pid, SIGINT)
        Thread.sleep(forTimeInterval: 0.05)
        let exitCode = running.server.stop(signal: SIGINT, timeout: 30)
        logins.inFlight.wait()
        XCTAssertEqual(exitCode, 0, running.server.log)
        XCTAssertEqual(logins.statuses.withLock { $0 }, [303, 303], running.server.log)
    }

    /// Logins started on their own threads and the statuses they got.
    final class LoginsInFlight: Sendable {
        let inFlight = DispatchGroup()
        let statuses = Mutex<[Int]>([])
    }

    /// `count` logins of the bcrypt member "jo" started on their own threads (slow enough to be in
    /// flight when the server is told to stop).
    func slowLoginsInFlight(_ running: RunningSite, count: Int) -> LoginsInFlight {
        let http = running.http
        let logins = LoginsInFlight()
        for _ in 0..<count {
            logins.inFlight.enter()
            Thread {
                let status =
                    (try? http.request(
                        "POST", "/auth/login", form: [("log", "jo"), ("pwd", "pw jo")],
                        headers: ["Origin": "http://127.0.0.1:8080"]
                    ).status) ?? -1
                logins.statuses.withLock { $0.append(status) }
                logins.inFlight.leave()
            }.start()
        }
        return logins
    }

    /// Issue 18 (in part): SIGHUP (`systemctl reload`, logrotate) no longer kills the process; it
    /// says that settings are read at start and goes on serving.
    func testSIGHUPDoesNotStopTheServer() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "hup@example.test", login: "hup", password: "right password")
        kill(running.server.pid, SIGHUP)
        XCTAssertTrue(waitUntil { running.server.log.contains("SIGHUP") }, running.server.log)
        XCTAssertTrue(running.server.isRunning)
        XCTAssertEqual(try running.login("hup", "right password").status, 303)
    }

    /// Issue 18 (in part): readiness says so when PressGate's tables are older than the binary (an
    /// upgrade before `pressgate migrate`), instead of failing on the first request that needs them.
    func testReadinessReportsASchemaOlderThanTheBinary() throws {
        let running = try RunningSite(testCase: self)
        XCTAssertEqual(try running.http.request("GET", "/auth/readyz").status, 200)
        let latest = SchemaMigrator.latestVersion
        try running.site.database.run(
            SQL("DELETE FROM {pg:schema_migrations} WHERE version = ?", tables: running.site.tables), [.int(latest)])
        let stale = try running.http.request("GET", "/auth/readyz")
        XCTAssertEqual(stale.status, 503)
        XCTAssertTrue(stale.body.contains("run pressgate migrate"), stale.body)
        XCTAssertEqual(try running.http.request("GET", "/auth/healthz").status, 200, "alive, not ready")
        try running.site.migrate()
        XCTAssertEqual(try running.http.request("GET", "/auth/readyz").status, 200)
    }
}
