import XCTest

@testable import MemberStore

/// The ledger's outcome: a typed status, written and read as `Codable` JSON, and rows written by
/// earlier versions (hand-built JSON) still read the same.
final class PurchaseOutcomeLedgerTests: XCTestCase {
    func testRoundTrip() {
        for status in [PurchaseOutcome.Status.processed, .ignored, .revoked, .nothingToRevoke] {
            let outcome = PurchaseOutcome(status: status, memberID: 42, created: true)
            var duplicate = outcome
            duplicate.duplicate = true
            XCTAssertEqual(PurchaseOutcome.parse(ledger: outcome.ledgerJSON), duplicate)
        }
        XCTAssertEqual(
            PurchaseOutcome(status: .ignored).ledgerJSON, #"{"created":false,"status":"ignored"}"#,
            "no member: no member_id key")
        let pending = PurchaseOutcome(status: .processed, memberID: 3, pending: true)
        XCTAssertEqual(pending.ledgerJSON, #"{"created":false,"member_id":3,"pending":true,"status":"processed"}"#)
        XCTAssertTrue(PurchaseOutcome.parse(ledger: pending.ledgerJSON).pending, "a duplicate learns it too")
    }

    func testRowsOfEarlierVersionsReadTheSame() {
        XCTAssertEqual(
            PurchaseOutcome.parse(ledger: #"{"status":"processed","member_id":7,"created":true}"#),
            PurchaseOutcome(status: .processed, memberID: 7, created: true, duplicate: true))
        XCTAssertEqual(
            PurchaseOutcome.parse(ledger: #"{"status":"nothing to revoke","member_id":null,"created":false}"#),
            PurchaseOutcome(status: .nothingToRevoke, duplicate: true))
        XCTAssertEqual(PurchaseOutcome.parse(ledger: "garbage"), PurchaseOutcome(status: .processed, duplicate: true))
    }
}

/// Times read back from the database can be anything: formatting one never traps.
final class UTCTimeTests: XCTestCase {
    func testHugeTimesDoNotTrap() {
        // A year past Int32.max: `tm_year + 1900` in Int32 trapped.
        let far = 67_767_046_190_304_000
        XCTAssertTrue(UTCTime.dateTime(far).hasPrefix("21474"), UTCTime.dateTime(far))
        XCTAssertTrue(UTCTime.rfc1123(far, zone: "GMT").contains(" 21474"))
        _ = UTCTime.dateTime(Int.max)
        _ = UTCTime.dateTime(Int.min)
        XCTAssertEqual(UTCTime.dateTime(0), "1970-01-01 00:00:00")
    }
}
