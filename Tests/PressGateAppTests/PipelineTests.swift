import Foundation
import PressGateHTTP
import XCTest

@testable import PressGateApp

/// The request pipeline through the in-process client: routing, errors, security headers and the
/// answers that never reach the database.
final class PipelineTests: XCTestCase {
    var site: TestApp!

    override func setUpWithError() throws { site = try TestApp() }

    func assertSecurityHeaders(_ response: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) {
        for (name, value) in SecurityHeadersMiddleware.headers where name != "Referrer-Policy" {
            XCTAssertEqual(response.header(name), value, name, file: file, line: line)
        }
        XCTAssertNotNil(response.header("Referrer-Policy"), file: file, line: line)
    }

    func testEveryAnswerCarriesTheSecurityHeaders() {
        let answers = [
            site.get("/auth/login"), site.get("/auth/nothing-here"), site.get("/elsewhere"), site.get("/auth/logout"),
            site.get("/auth/check"), site.get("/auth/healthz"), site.post("/auth/logout"), site.get("/auth/account"),
            site.get("/auth/link", query: ["t": "abc"]),
        ]
        for response in answers { assertSecurityHeaders(response) }
    }

    func testUnknownPathsWrongMethodsAndLargeBodies() {
        XCTAssertEqual(site.get("/auth/nothing-here").status, 404)
        XCTAssertEqual(site.get("/authx/login").status, 404, "the prefix is a whole path segment")
        XCTAssertEqual(site.get("/auth").status, 404)
        let wrongMethod = site.get("/auth/logout")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertEqual(wrongMethod.header("Allow"), "POST")
        let put = site.execute(HTTPRequest(method: "PUT", path: "/auth/login"))
        XCTAssertEqual(put.status, 405)
        XCTAssertEqual(put.header("Allow"), "GET, POST")
        let large = site.post(
            "/auth/login", body: [UInt8](repeating: 0x61, count: 64 * 1024 + 1), contentType: "text/plain")
        XCTAssertEqual(large.status, 413)
    }

    /// Many requests through one responder on a thread with a small stack: the pipeline must not grow
    /// with the requests served. (A closure stored back into a property on every request gained a
    /// reabstraction thunk each time: each request got slower, and `pressgate serve` died of a stack
    /// overflow after some 30,000 requests under the benchmark.)
    func testTheResponderDoesNotGrowWithTheRequestsItServes() {
        final class Run: @unchecked Sendable {  // used by one thread, then read after it signalled
            let site: TestApp
            var answered = 0
            init(_ site: TestApp) { self.site = site }
        }
        let run = Run(site)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for _ in 0..<20_000 where run.site.get("/auth/healthz").status == 200 { run.answered += 1 }
            done.signal()
        }
        thread.stackSize = 256 * 1024
        thread.start()
        done.wait()
        XCTAssertEqual(run.answered, 20_000)
    }

    func testHeadIsAnsweredAsGet() {
        let head = site.execute(HTTPRequest(method: .head, path: "/auth/healthz"))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.text, #"{"status":"ok"}"#)
    }

    func testErrorsArePagesOrJSONAsTheClientAsks() {
        let page = site.get("/auth/nothing-here")
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertTrue(page.text.contains("<h1>Not Found</h1>"))
        XCTAssertTrue(page.text.contains("<style>"), "error pages use the site's layout")
        let json = site.get("/auth/nothing-here", headers: ["accept": "application/json"])
        XCTAssertEqual(json.header("Content-Type"), "application/json")
        XCTAssertEqual(json.text, #"{"error":"Not found."}"#)
    }

    func testTheGateAnswersErrorsAsJSONWhateverTheClientAsks() {
        let response = site.post("/auth/check")
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.text, #"{"error":"Use GET."}"#)
        let noCookie = site.get("/auth/check", query: ["product": "course"])
        XCTAssertEqual(noCookie.status, 401)
        XCTAssertTrue(noCookie.body.isEmpty)
    }

    func testAnUnreachableDatabaseIs503WithRetryAfterAndNoDetail() {
        let csrf = site.csrf()
        let response = site.post(
            "/auth/login", form: [("log", "alice"), ("pwd", "secret"), csrf.field], cookies: csrf.cookies)
        XCTAssertEqual(response.status, 503)
        XCTAssertEqual(response.header("Retry-After"), "5")
        XCTAssertFalse(response.text.contains("sock"), "no connection detail reaches the client")
        XCTAssertEqual(site.get("/auth/readyz").status, 503)
    }

    func testTheAccountPageSendsStrangersToTheLoginForm() {
        let response = site.get("/auth/account")
        XCTAssertEqual(response.status, 303)
        XCTAssertEqual(response.header("Location"), "/auth/login?redirect_to=%2Fauth%2Faccount")
        let csrf = site.csrf()
        let change = site.post("/auth/account/password", form: [csrf.field], cookies: csrf.cookies)
        XCTAssertEqual(change.status, 401, "a form needs a live session")
        XCTAssertEqual(site.post("/auth/account/sessions", form: [csrf.field], cookies: csrf.cookies).status, 401)
    }

    func testBadBodiesAreClearErrors() {
        XCTAssertEqual(site.post("/auth/login", body: Array("log=a".utf8), contentType: "text/plain").status, 415)
        XCTAssertEqual(
            site.post("/auth/login", body: Array("log=%zz".utf8), contentType: "application/x-www-form-urlencoded")
                .status, 400)
        XCTAssertEqual(site.post("/auth/login", body: Array("[]".utf8), contentType: "application/json").status, 400)
    }

    func testTheRouteTableIsWhatTheREADMESays() {
        let table = Dictionary(
            uniqueKeysWithValues: site.responder.router.table.map { ($0.path, $0.methods.map(\.rawValue)) })
        XCTAssertEqual(table["/login"], ["GET", "POST"])
        XCTAssertEqual(table["/check"], ["GET"])
        XCTAssertEqual(table["/account/password"], ["POST"])
        XCTAssertEqual(table["/hooks/login-link"], ["POST"])
        XCTAssertEqual(table["/login/two-factor"], ["POST"])
        XCTAssertEqual(table["/account/two-factor/totp"], ["POST"])
        XCTAssertEqual(table["/welcome/password"], ["POST"])
        XCTAssertEqual(table["/metrics"], ["GET"])
        XCTAssertEqual(table.count, 24)
    }

    /// Issue 18 (in part): the metrics are for the addresses `metrics_allow` names only.
    func testMetricsAreForAllowedAddressesOnly() {
        XCTAssertEqual(site.get("/auth/metrics").status, 404, "no address")
        let outsider = site.execute(HTTPRequest(method: .get, path: "/auth/metrics", remoteAddress: "192.0.2.10"))
        XCTAssertEqual(outsider.status, 404)
        // Loopback may ask; this test site has no database, so the outbox gauges cannot be read.
        let local = site.execute(HTTPRequest(method: .get, path: "/auth/metrics", remoteAddress: "127.0.0.1"))
        XCTAssertEqual(local.status, 503)
    }
}
