import Foundation
import PressGateTestSupport
import XCTest

/// nginx keeps its FastCGI connections to PressGate open (`fastcgi_keep_conn on` with an upstream
/// `keepalive`, as in nginx/) for the requests of `location /auth/`. (Not for auth_request
/// subrequests: nginx stops reading a subrequest's answer after its header and closes.) A PressGate
/// thread waits on a kept connection for the next request, so these check that it lets go in time:
/// more clients than threads are all answered, and a stop does not wait for nginx's idle connections.
final class KeptConnectionTests: XCTestCase {
    /// Connected (state 03) unix sockets bound to `path`: the connections PressGate accepted there
    /// and still holds (an accepted socket carries the listener's path in /proc/net/unix).
    func heldConnections(_ path: String) throws -> Int {
        let table = try String(contentsOfFile: "/proc/net/unix", encoding: .utf8)
        return table.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count >= 8 && fields[5] == "03" && fields.last.map(String.init) == path
        }.count
    }

    func testConnectionsAreKeptYetMoreClientsThanThreadsAreAllAnswered() throws {
        let running = try RunningSite(threads: 2, testCase: self)
        try running.member(email: "kai@example.test", login: "kai", password: "pw kai")
        let cookie = running.loggedInCookie(try running.login("kai", "pw kai"))
        for _ in 0..<3 { XCTAssertEqual(try running.http.request("GET", "/auth/check", cookies: cookie).status, 204) }
        XCTAssertGreaterThan(try heldConnections(running.socket), 0, "nginx's connection stays open between requests")

        // 12 clients at once against 2 threads and nginx's 2 kept connections: a thread waiting on
        // a kept connection must let it go for the connections queued at the listener. Each
        // request gets 5 s (nginx keeps idle connections 5 s, so a stall would show).
        let http = running.http
        let lock = NSLock()
        nonisolated(unsafe) var statuses: [Int] = []
        let done = DispatchGroup()
        for _ in 0..<12 {
            done.enter()
            Thread {
                var mine: [Int] = []
                for _ in 0..<8 {
                    mine.append((try? http.request("GET", "/auth/check", cookies: cookie, maxSeconds: 5).status) ?? -1)
                }
                lock.lock(); statuses += mine; lock.unlock()
                done.leave()
            }.start()
        }
        done.wait()
        XCTAssertEqual(statuses.count, 96)
        XCTAssertEqual(statuses.filter { $0 != 204 }, [], running.server.log)
    }

    func testAStopDoesNotWaitForNginxsIdleConnections() throws {
        let running = try RunningSite(threads: 2, testCase: self)
        try running.member(email: "lea@example.test", login: "lea", password: "pw lea")
        let cookie = running.loggedInCookie(try running.login("lea", "pw lea"))
        XCTAssertEqual(try running.http.request("GET", "/auth/check", cookies: cookie).status, 204)
        XCTAssertGreaterThan(try heldConnections(running.socket), 0)
        // nginx would keep the connection 5 s more; PressGate lets it go and exits well before.
        XCTAssertEqual(running.server.stop(signal: SIGTERM, timeout: 3), 0, running.server.log)
    }
}
