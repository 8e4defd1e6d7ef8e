import Foundation
import PressGateTestSupport
import XCTest

/// Issue 18 (in part): JSON logs, one access line per request, and the fail2ban filter shipped in
/// `fail2ban/filter.d/pressgate.conf`, checked by fail2ban's own `fail2ban-regex` on a real log.
final class Fail2banFilterTests: XCTestCase {
    func testTheShippedFilterMatchesFailedAndThrottledLoginsInTheJSONLog() throws {
        let running = try RunningSite(settings: ["PRESSGATE_LOG_FORMAT": "json"], testCase: self)
        try running.member(email: "fay@example.test", login: "fay", password: "right password")
        let statuses = try (0..<5).map { _ in try running.login("fay", "wrong password 12345").status }
        XCTAssertEqual(statuses, [401, 401, 401, 401, 429])
        XCTAssertEqual(try running.login("nobody", "wrong password 12345").status, 401)
        XCTAssertEqual(try running.http.request("GET", "/auth/link?t=SECRETTOKEN").status, 200)

        let log = running.server.log
        let lines = log.split(separator: "\n").filter { $0.hasPrefix("{") }
        XCTAssertFalse(lines.isEmpty, log)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            XCTAssertNotNil(object?["time"] as? String, String(line))
            XCTAssertNotNil(object?["level"] as? String, String(line))
        }
        XCTAssertFalse(log.contains("wrong password"), "no password in the log")
        XCTAssertFalse(log.contains("SECRETTOKEN"), "no query string in the access lines")
        let access = lines.filter { $0.contains(#""message":"request""#) && $0.contains(#""http.path":"/auth/login""#) }
        XCTAssertGreaterThanOrEqual(access.count, 12, "one access line per request (form and post of each login)")

        let file = running.runDirectory + "/pressgate-json.log"
        try log.write(toFile: file, atomically: true, encoding: .utf8)
        let filter = TestSite.repositoryRoot.appendingPathComponent("fail2ban/filter.d/pressgate.conf").path
        let result = try TestSite.run("/usr/bin/fail2ban-regex", [file, filter])
        XCTAssertEqual(result.status, 0, result.stderr)
        let matched = result.stdout.split(separator: "\n").first { $0.hasPrefix("Lines:") }
        XCTAssertTrue(matched?.contains(" 6 matched") ?? false, result.stdout)
        XCTAssertEqual(log.components(separatedBy: #""client.address":"127.0.0.1""#).count - 1, 6, "the address banned")
    }
}
