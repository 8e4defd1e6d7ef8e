import Foundation
import PressGateSchema
import PressGateTestSupport
import XCTest

@testable import MemberStore

/// Issue 17: one grant per order, access until a grant's end, refunds that touch their order only.
final class GrantTests: XCTestCase {
    let now = 1_800_000_000

    func effects(term: Int? = nil) -> PurchaseStore.Effects {
        var effects = PurchaseStore.Effects(
            role: "subscriber", claimLifetime: 600, hashPassword: { _ in "$P$Bnot.a.real.hash.for.tests.only" },
            sealPassword: { Array($0.utf8) }, makeResetKey: { ("key", "1:stored") }, messages: { _ in [] })
        effects.term = { _ in term }
        return effects
    }

    func purchase(
        _ site: TestSite, order: String, email: String = "gil@example.test", until: Int? = nil, term: Int? = nil
    ) throws -> PurchaseOutcome {
        var record = PurchaseRecord(
            provider: "pressgate", eventID: "evt-\(order)", eventType: "purchase.completed", kind: .purchase,
            orderReference: order, email: email, products: ["course"])
        record.accessUntil = until
        return try site.stores.purchases.process(record, effects: effects(term: term), now: now).0
    }

    func refund(_ site: TestSite, order: String) throws -> PurchaseOutcome {
        let record = PurchaseRecord(
            provider: "pressgate", eventID: "refund-\(order)", eventType: "purchase.refunded", kind: .revocation,
            orderReference: order)
        return try site.stores.purchases.process(record, effects: effects(), now: now).0
    }

    /// Two paid orders grant one product; refunding one leaves the other's access.
    func testARefundRevokesItsOrderOnly() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let first = try purchase(site, order: "order-1")
        let member = try XCTUnwrap(first.memberID)
        // The address is proven (as by the set-password link), so the second order attaches at once.
        try site.database.run(SQL("DELETE FROM {pg:unproven_emails}", tables: site.tables))
        _ = try purchase(site, order: "order-2")
        XCTAssertEqual(try refund(site, order: "order-1").status, .revoked)
        XCTAssertEqual(
            try site.stores.memberships.activeUntil(memberID: member, product: "course", now: now), Memberships.forever,
            "order-2 still grants it")
        XCTAssertEqual(try refund(site, order: "order-2").status, .revoked)
        XCTAssertNil(try site.stores.memberships.activeUntil(memberID: member, product: "course", now: now))
        let rows = try site.database.run(
            SQL("SELECT order_ref, status FROM {pg:memberships} ORDER BY order_ref", tables: site.tables)
        ).rows.map { "\($0.string(0) ?? ""):\($0.string(1) ?? "")" }
        XCTAssertEqual(rows, ["order-1:revoked", "order-2:revoked"], "one grant per order, kept as history")
    }

    /// A grant with an end holds until it (an explicit end, or the product's term), and no longer:
    /// the gate's question asked with a later clock says no.
    func testATermEndsAccessAtItsEnd() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let member = try XCTUnwrap(try purchase(site, order: "trial", term: 14 * 86_400).memberID)
        let memberships = site.stores.memberships
        let end = now + 14 * 86_400
        XCTAssertEqual(try memberships.activeUntil(memberID: member, product: "course", now: now), end)
        XCTAssertEqual(try memberships.activeUntil(memberID: member, product: "course", now: end - 1), end)
        XCTAssertNil(try memberships.activeUntil(memberID: member, product: "course", now: end), "over at its end")

        // A later order with an explicit end far beyond 2038 (DATETIME, not TIMESTAMP).
        try site.database.run(SQL("DELETE FROM {pg:unproven_emails}", tables: site.tables))
        _ = try purchase(site, order: "lifetime-ish", until: 4_102_444_800)
        XCTAssertEqual(try memberships.activeUntil(memberID: member, product: "course", now: end), 4_102_444_800)
    }

    /// Migration 5 keeps the rows of one grant per (member, product) as their order's grant.
    func testExistingRowsBecomeTheirOrdersGrants() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        let connection = try site.database.open()
        for migration in PressGateSchema.migrations where migration.version < 5 {
            for statement in SchemaMigrator.statements(in: migration.sql) {
                try connection.execute(unsafeSQL: SQL(statement, tables: site.tables).text)
            }
        }
        try site.database.run(
            SQL(
                """
                INSERT INTO {pg:memberships} (user_id, product, status, source_provider, order_ref, granted_at)
                VALUES (7, 'course', 'active', NULL, NULL, UTC_TIMESTAMP()),
                       (7, 'video', 'revoked', 'stripe', 'pi_1', UTC_TIMESTAMP())
                """, tables: site.tables))
        try site.migrate()
        let rows = try site.database.run(
            SQL(
                "SELECT product, status, source_provider, order_ref FROM {pg:memberships} ORDER BY product",
                tables: site.tables)
        ).rows.map { row in (0..<4).map { row.string($0) ?? "NULL" }.joined(separator: "|") }
        XCTAssertEqual(rows, ["course|active||", "video|revoked|stripe|pi_1"])
        XCTAssertEqual(
            try site.stores.memberships.activeUntil(memberID: 7, product: "course", now: now), Memberships.forever)
    }

    /// Housekeeping marks grants past their end expired, with one notification per member.
    func testEndedGrantsAreMarkedExpiredAndNotified() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        let member = try XCTUnwrap(try purchase(site, order: "old", until: 1_000_000_000).memberID)
        try site.database.run(SQL("DELETE FROM {pg:unproven_emails}", tables: site.tables))
        _ = try purchase(site, order: "current", until: 4_102_444_800)
        var notified: [CRMNotification] = []
        let outbox = OutboxStore(database: site.database, tables: site.tables)
        XCTAssertEqual(
            try outbox.expireEndedGrants {
                notified.append($0)
                return "sealed"
            }, 1)
        XCTAssertEqual(notified.map(\.event), [.expired])
        XCTAssertEqual(notified.first?.memberID, member)
        XCTAssertEqual(notified.first?.products, "course")
        let statuses = try site.database.run(
            SQL("SELECT order_ref, status FROM {pg:memberships} ORDER BY order_ref", tables: site.tables)
        ).rows.map { "\($0.string(0) ?? ""):\($0.string(1) ?? "")" }
        XCTAssertEqual(statuses, ["current:active", "old:expired"])
        XCTAssertEqual(
            try site.database.run(SQL("SELECT COUNT(*) FROM {pg:outbox} WHERE kind = 'crm'", tables: site.tables))
                .first?.int(0), 1)
        XCTAssertEqual(try outbox.expireEndedGrants { _ in nil }, 0, "once")
    }
}
