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
