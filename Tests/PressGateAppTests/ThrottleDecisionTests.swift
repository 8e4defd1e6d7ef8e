import MemberStore
import XCTest

/// The login throttle's rule apart from its SQL (``LoginThrottle/decide(_:policy:now:)``).
final class ThrottleDecisionTests: XCTestCase {
    let now = 1_800_000_000
    let policy = LoginThrottle.Policy()

    func decide(_ counters: LoginThrottle.Counters) -> LoginThrottle.Decision {
        LoginThrottle.decide(counters, policy: policy, now: now)
    }

    func testAFreshAttemptIsAllowedWithNothingToClear() {
        XCTAssertEqual(decide(.init()), .allowed(failuresToClear: false))
        XCTAssertEqual(decide(.init(pair: 1, pairRecorded: true)), .allowed(failuresToClear: true))
    }

    func testAnAddressOverItsBudgetIsRefusedForTheWindow() {
        XCTAssertEqual(decide(.init(address: 199)), .allowed(failuresToClear: false))
        XCTAssertEqual(decide(.init(address: 200)), .refused(retryAfter: 3600))
    }

    func testAnAccountOverItsBudgetStillLetsAFreshAddressTry() {
        XCTAssertEqual(
            decide(.init(account: 100, pair: 0)), .allowed(failuresToClear: false), "no lock-out by others' failures")
        XCTAssertEqual(decide(.init(account: 100, pair: 1, pairRecorded: true)), .refused(retryAfter: 3600))
        XCTAssertEqual(decide(.init(account: 99, pair: 50, pairRecorded: true)), .allowed(failuresToClear: true))
    }

    func testAPairWaitsOutItsDelay() {
        XCTAssertEqual(decide(.init(pair: 5, pairBlockedUntil: now + 8, pairRecorded: true)), .refused(retryAfter: 8))
        XCTAssertEqual(
            decide(.init(pair: 5, pairBlockedUntil: now, pairRecorded: true)), .allowed(failuresToClear: true))
    }

    func testIPv6IsBudgetedPerSlash64() {
        let first = LoginThrottle.budgetAddress("2001:db8:1:2::1")
        XCTAssertEqual(first, LoginThrottle.budgetAddress("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        XCTAssertNotEqual(first, LoginThrottle.budgetAddress("2001:db8:1:3::1"))
        XCTAssertEqual(LoginThrottle.budgetAddress("203.0.113.9"), "203.0.113.9")
        XCTAssertEqual(LoginThrottle.budgetAddress("not an address"), "not an address")
    }

    /// Issue 15: fresh addresses past the account's budget are an allowance, not unlimited.
    func testFreshAddressesPastTheAccountBudgetHaveAnAllowance() {
        XCTAssertEqual(decide(.init(account: 199, pair: 0)), .allowed(failuresToClear: false))
        XCTAssertEqual(decide(.init(account: 200, pair: 0)), .refused(retryAfter: 3600))
    }

    /// Issue 15: a /48 (65,536 /64s) has one budget too.
    func testIPv6NetworksHaveABudgetPerSlash48() {
        XCTAssertEqual(decide(.init(network: 999)), .allowed(failuresToClear: false))
        XCTAssertEqual(decide(.init(network: 1000)), .refused(retryAfter: 3600))
        let a = LoginThrottle.budgetAddress("2001:db8:1:2::1")
        let b = LoginThrottle.budgetAddress("2001:db8:1:ffff::1")
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(LoginThrottle.budgetNetwork(a), LoginThrottle.budgetNetwork(b))
        XCTAssertNotEqual(
            LoginThrottle.budgetNetwork(a), LoginThrottle.budgetNetwork(LoginThrottle.budgetAddress("2001:db8:2::1")))
        XCTAssertNil(LoginThrottle.budgetNetwork(LoginThrottle.budgetAddress("203.0.113.9")))
    }

    /// Issue 15: e-mail budgets are hard per account; a fresh address does not reopen them.
    func testMailingsAreAHardLimitPerAccount() {
        let mailings = LoginThrottle.Budget.mailings(perHour: 5)
        XCTAssertEqual(
            LoginThrottle.decide(.init(account: 4), policy: policy, now: now, budget: mailings),
            .allowed(failuresToClear: false))
        XCTAssertEqual(
            LoginThrottle.decide(.init(account: 5, pair: 0), policy: policy, now: now, budget: mailings),
            .refused(retryAfter: 3600))
    }
}
