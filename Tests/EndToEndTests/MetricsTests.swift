import Foundation
import PressGateTestSupport
import XCTest

/// Issue 18 (in part): `GET /auth/metrics` in the Prometheus text format, read by the Python
/// client's own parser (`prometheus_client`), with counters that move.
final class MetricsTests: XCTestCase {
    /// The samples of the exposition as `name{label="value",…}` → value, parsed by prometheus_client.
    func samples(_ running: RunningSite) throws -> [String: Double] {
        let response = try running.http.request("GET", "/auth/metrics")
        XCTAssertEqual(response.status, 200, response.body)
        XCTAssertTrue(response.header("content-type")?.hasPrefix("text/plain; version=0.0.4") ?? false)
        let file = running.runDirectory + "/metrics.txt"
        try response.body.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                for s in family.samples:
                    labels = ",".join(f'{k}="{v}"' for k, v in sorted(s.labels.items()))
                    out[f"{s.name}{{{labels}}}"] = s.value
            print(json.dumps(out))
            """
        let result = try TestSite.run("/usr/bin/python3", ["-c", script, file])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONDecoder().decode([String: Double].self, from: Data(result.stdout.utf8))
    }

    func testThePrometheusParserReadsTheMetricsAndALoginMovesItsCounter() throws {
        let running = try RunningSite(testCase: self)
        try running.member(email: "mo@example.test", login: "mo", password: "right password")
        let cookie = running.loggedInCookie(try running.login("mo", "right password"))
        XCTAssertEqual(try running.login("mo", "wrong password").status, 401)
        XCTAssertEqual(try running.http.request("GET", "/members/", cookies: cookie).status, 200)
        XCTAssertEqual(try running.http.request("GET", "/members/").status, 302)

        var metrics = try samples(running)
        XCTAssertEqual(metrics[#"pressgate_logins_total{outcome="ok"}"#], 1, "\(metrics.keys.sorted())")
        XCTAssertEqual(metrics[#"pressgate_logins_total{outcome="failed"}"#], 1)
        // nginx asks the gate again after /members/ becomes /members/index.html.
        XCTAssertGreaterThanOrEqual(metrics[#"pressgate_gate_decisions_total{decision="allowed"}"#] ?? 0, 1)
        XCTAssertGreaterThanOrEqual(metrics[#"pressgate_gate_decisions_total{decision="denied"}"#] ?? 0, 1)
        XCTAssertEqual(metrics[#"pressgate_requests_total{route="/auth/login",status="303"}"#], 1)
        XCTAssertNotNil(metrics[#"pressgate_request_duration_seconds_count{route="/auth/login"}"#])
        XCTAssertEqual(metrics[#"pressgate_outbox_messages{status="pending"}"#], 0)

        _ = try running.login("mo", "right password")
        metrics = try samples(running)
        XCTAssertEqual(metrics[#"pressgate_logins_total{outcome="ok"}"#], 2, "the counter moved")
    }
}
