import Foundation
import PressGateTestSupport
import XCTest

@testable import MemberStore

/// Issue 15: the throttle's SQL keeps the budgets its rule reads (the rule itself is unit-tested).
final class LoginThrottleTests: XCTestCase {
    func throttle(_ site: TestSite, _ change: (inout LoginThrottle.Policy) -> Void) -> LoginThrottle {
        var policy = LoginThrottle.Policy()
        change(&policy)
        return LoginThrottle(database: site.database, tables: site.tables, policy: policy)
    }

    /// Fresh /64s of one /48 share the /48's budget.
    func testAnIPv6Slash48SharesOneBudget() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let throttle = throttle(site) { $0.networkFailuresPerHour = 3 }
        let now = 1_800_000_000
        for subnet in 1...3 {
            let address = "2001:db8:7:\(subnet)::1"
            XCTAssertEqual(
                try throttle.check(account: "name:x\(subnet)", address: address, now: now),
                .allowed(failuresToClear: false))
            try throttle.recordFailure(account: "name:x\(subnet)", address: address, now: now)
        }
        XCTAssertEqual(
            try throttle.check(account: "name:other", address: "2001:db8:7:ffff::9", now: now),
            .refused(retryAfter: 3600),
            "another /64 of the same /48")
        XCTAssertEqual(
            try throttle.check(account: "name:other", address: "2001:db8:8::1", now: now),
            .allowed(failuresToClear: false),
            "another /48")
        XCTAssertEqual(
            try throttle.check(account: "name:other", address: "192.0.2.1", now: now), .allowed(failuresToClear: false))
    }

    /// Past the account's budget fresh addresses may try only the allowance's number of times.
    func testFreshAddressesSpendTheAllowance() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let throttle = throttle(site) {
            $0.accountFailuresPerHour = 2
            $0.freshAddressFailuresPerHour = 2
        }
        let now = 1_800_000_000
        for host in 1...4 {
            let address = "198.51.100.\(host)"
            XCTAssertEqual(
                try throttle.check(account: "id:7", address: address, now: now), .allowed(failuresToClear: false))
            try throttle.recordFailure(account: "id:7", address: address, now: now)
        }
        XCTAssertEqual(
            try throttle.check(account: "id:7", address: "198.51.100.99", now: now), .refused(retryAfter: 3600))
        XCTAssertEqual(
            try throttle.check(account: "id:7", address: "198.51.100.99", now: now + 3601),
            .allowed(failuresToClear: false),
            "a new window")
    }
}
