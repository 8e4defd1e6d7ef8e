import PressGateHTTP
import XCTest

@testable import PressGateApp

/// Issue 15: password hashing never takes every worker thread; the gate keeps its own.
final class CostlyWorkTests: XCTestCase {
    func testTheLimitKeepsThreadsForOthers() {
        XCTAssertEqual(CostlyWork(threads: 8, reservedForOthers: 2).limit, 6)
        XCTAssertEqual(CostlyWork(threads: 2, reservedForOthers: 2).limit, 1, "at least one thread may hash")
        let work = CostlyWork(threads: 3, reservedForOthers: 1)
        let nested = work.ifAvailable { work.ifAvailable { work.ifAvailable { "third" } } }
        XCTAssertEqual(nested, .some(.some(.none)), "two at once, not three")
        XCTAssertEqual(work.inUse, 0, "slots are given back")
    }

    /// With every hashing slot busy, a login is answered 503 (`Retry-After: 1`) at once, while the
    /// gate and the pages are still served.
    func testALoginFloodLeavesTheGateItsThreads() throws {
        let site = try TestApp(settings: ["PRESSGATE_THREADS": "3", "PRESSGATE_RESERVED_THREADS": "1"])
        let csrf = site.csrf()
        func login() -> HTTPResponse {
            site.post("/auth/login", form: [("log", "ann"), ("pwd", "x"), csrf.field], cookies: csrf.cookies)
        }
        let busy = site.app.costlyWork.ifAvailable {
            site.app.costlyWork.ifAvailable {
                (login: login(), gate: site.get("/auth/check"), page: site.get("/auth/login"))
            }
        }
        let answers = try XCTUnwrap(busy.flatMap { $0 })
        XCTAssertEqual(answers.login.status, 503)
        XCTAssertEqual(answers.login.header("Retry-After"), "1")
        XCTAssertTrue(answers.login.text.contains("busy"), answers.login.text)
        XCTAssertEqual(answers.gate.status, 401, "the gate answers")
        XCTAssertEqual(answers.page.status, 200, "the form is served")
        // Slots free again: the login goes on (to the database, which this test site lacks).
        XCTAssertEqual(login().header("Retry-After"), "5")
    }
}
