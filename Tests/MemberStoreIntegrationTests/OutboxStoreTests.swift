import Foundation
import PressGateTestSupport
import XCTest

@testable import MemberStore

final class OutboxStoreTests: XCTestCase {
    func testLeaseRetryFailAndHousekeeping() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let outbox = OutboxStore(database: site.database, tables: site.tables)
        for kind in ["email", "crm"] {
            try site.database.run(
                SQL(
                    "INSERT INTO {pg:outbox} (kind, payload, next_attempt_at, created_at) VALUES (?, '{}', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
                    tables: site.tables), [.text(kind)])
        }
        // Only the kinds a worker can send are taken; a taken row is leased (not due again at once).
        let taken = try outbox.take(kinds: ["email"])
        XCTAssertEqual(taken.map(\.kind), ["email"])
        XCTAssertEqual(taken.first?.attempt, 1)
        XCTAssertEqual(try outbox.take(kinds: ["email"]).count, 0)
        // A second worker at the same moment skips locked rows instead of waiting.
        XCTAssertEqual(
            try OutboxStore(database: site.newDatabase(), tables: site.tables).take(kinds: ["email", "crm"]).map(
                \.kind), ["crm"])

        let message = try XCTUnwrap(taken.first)
        try outbox.markFailed(message, error: "connection refused")
        var rows = try outbox.unsent()
        XCTAssertEqual(rows.first { $0.kind == "email" }?.lastError, "connection refused")
        // Issue 17: retried while younger than the window (3 days), however many attempts it took…
        let attempt40 = OutboxStore.Message(id: message.id, kind: "email", payload: "{}", attempt: 40)
        try site.database.run(
            SQL(
                "UPDATE {pg:outbox} SET created_at = UTC_TIMESTAMP(6) - INTERVAL 71 HOUR, payload = 'pgs1:sealed' WHERE id = ?",
                tables: site.tables), [.int(message.id)])
        try outbox.markFailed(attempt40, error: "still down")
        XCTAssertEqual(try outbox.unsent().first { $0.kind == "email" }?.status, "pending")
        // …then failed, its sealed payload kept, and queued again by `outbox retry`.
        try site.database.run(
            SQL(
                "UPDATE {pg:outbox} SET created_at = UTC_TIMESTAMP(6) - INTERVAL 73 HOUR WHERE id = ?",
                tables: site.tables),
            [.int(message.id)])
        try outbox.markFailed(attempt40, error: "gave up")
        rows = try outbox.unsent()
        XCTAssertEqual(rows.first { $0.kind == "email" }?.status, "failed")
        XCTAssertEqual(try outbox.retryFailed(id: message.id), 1)
        XCTAssertEqual(try outbox.unsent().first { $0.kind == "email" }?.status, "pending")
        XCTAssertEqual(try outbox.take(kinds: ["email"]).first?.payload, "pgs1:sealed", "the payload was kept")

        // Housekeeping erases sealed passwords of expired claims only.
        for (hash, expires) in [
            ("a", "UTC_TIMESTAMP() - INTERVAL 1 SECOND"), ("b", "UTC_TIMESTAMP() + INTERVAL 1 HOUR"),
        ] {
            try site.database.run(
                SQL(
                    """
                    INSERT INTO {pg:tokens} (token_hash, purpose, user_id, payload, created_at, expires_at)
                    VALUES (UNHEX(SHA2(?, 256)), 'welcome', 1, 'sealed', UTC_TIMESTAMP(), \(expires))
                    """, tables: site.tables), [.text(hash)])
        }
        XCTAssertEqual(try outbox.eraseExpiredSecrets(), 1)
        XCTAssertEqual(
            try site.database.run(
                SQL("SELECT COUNT(*) FROM {pg:tokens} WHERE payload IS NOT NULL", tables: site.tables)
            ).first?.int(0), 1)
    }
}

final class ThrottleAddressTests: XCTestCase {
    func testIPv6AddressesShareTheirSlash64() {
        XCTAssertEqual(LoginThrottle.budgetAddress("192.0.2.7"), "192.0.2.7")
        XCTAssertEqual(
            LoginThrottle.budgetAddress("2001:db8:1:2::1"),
            LoginThrottle.budgetAddress("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        XCTAssertNotEqual(
            LoginThrottle.budgetAddress("2001:db8:1:2::1"), LoginThrottle.budgetAddress("2001:db8:1:3::1"))
        XCTAssertEqual(LoginThrottle.budgetAddress("not an address"), "not an address")
    }
}
