import PressGateTestSupport
import XCTest

@testable import MemberStore

final class SchemaTests: XCTestCase {
    func createStatements(_ site: TestSite, tables: [String]) throws -> [String] {
        try tables.map { table in
            try site.database.run(SQL("SHOW CREATE TABLE `\(table)`", tables: site.tables)).first?.string(1) ?? ""
        }
    }

    func testMigrateIsIdempotentAndNeverAltersWordPressTables() throws {
        let site = try TestSite(.schema(version: "6.1.9"), prefix: "pg7_", testCase: self)
        let wordpressTables = [site.tables.users, site.tables.usermeta, site.tables.options]
        let before = try createStatements(site, tables: wordpressTables)
        let migrator = SchemaMigrator(database: site.database, tables: site.tables, logger: .init(label: "test"))
        XCTAssertEqual(try migrator.appliedVersions(), [])
        XCTAssertEqual(try migrator.migrate(now: 1_800_000_000).map(\.version), Array(1...SchemaMigrator.latestVersion))
        XCTAssertEqual(try migrator.migrate(now: 1_800_000_000).count, 0, "a second run applies nothing")
        XCTAssertEqual(try migrator.appliedVersions().sorted(), Array(1...SchemaMigrator.latestVersion))
        XCTAssertEqual(try createStatements(site, tables: wordpressTables), before)

        let tables = try site.database.run(
            SQL(
                constant:
                    "SELECT table_name, engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'pg7\\_pressgate\\_%'"
            )
        ).rows
        XCTAssertEqual(
            Set(tables.compactMap { $0.string(0) }),
            Set(
                [
                    "schema_migrations", "member_claims", "events", "memberships", "tokens",
                    "login_throttle", "outbox", "audit_log", "unproven_emails",
                ].map { "pg7_pressgate_\($0)" }))
        XCTAssertTrue(tables.allSatisfy { $0.string(1) == "InnoDB" })
        let withoutKey = try site.database.run(
            SQL(
                constant: """
                    SELECT t.table_name FROM information_schema.tables t
                    LEFT JOIN information_schema.table_constraints c
                      ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
                    WHERE t.table_schema = DATABASE() AND c.constraint_name IS NULL
                    """)
        ).rows
        XCTAssertEqual(withoutKey.count, 0, "every table has a primary key")
    }

    /// The hot lookups use an index, not a scan.
    func testHotLookupsUseTheirIndexes() throws {
        let site = try TestSite(.schema(version: "6.1.9"), testCase: self)
        try site.migrate()
        // One row per table, matched by the queries below (a lookup of a missing unique key is
        // answered from the index before EXPLAIN can name it).
        for seed in [
            "INSERT INTO {pg:memberships} (user_id, product, status, granted_at) VALUES (1, 'x', 'active', NOW()), (2, 'y', 'active', NOW())",
            "INSERT INTO {pg:tokens} (token_hash, purpose, user_id, created_at, expires_at) VALUES (UNHEX(SHA2('x', 256)), 'claim', 1, NOW(), NOW()), (UNHEX(SHA2('y', 256)), 'claim', 1, NOW(), NOW())",
            "INSERT INTO {pg:events} (provider, event_id, event_type, status, outcome, received_at) VALUES ('stripe', 'evt_1', 't', 'processed', '', NOW()), ('stripe', 'evt_2', 't', 'processed', '', NOW())",
            "INSERT INTO {pg:login_throttle} (scope, subject, window_start) VALUES ('account', '1', NOW()), ('account', '2', NOW())",
            "INSERT INTO {pg:member_claims} (claim_kind, claim_key, created_at) VALUES ('email', 'x', NOW()), ('email', 'y', NOW())",
        ] {
            try site.database.run(SQL(seed, tables: site.tables))
        }
        let cases: [(String, String)] = [
            ("SELECT ID FROM {users} WHERE user_login = 'x'", "user_login_key"),
            ("SELECT ID FROM {users} WHERE user_email = 'x'", "user_email"),
            ("SELECT meta_value FROM {usermeta} WHERE user_id = 1 AND meta_key = 'session_tokens'", "user_id"),
            (
                "SELECT 1 FROM {pg:memberships} WHERE user_id = 1 AND product = 'x' AND status = 'active' "
                    + "AND (expires_at IS NULL OR expires_at > '2027-01-01 00:00:00')", "access"
            ),
            ("SELECT id FROM {pg:tokens} WHERE token_hash = UNHEX(SHA2('x', 256))", "token_hash"),
            ("SELECT outcome FROM {pg:events} WHERE provider = 'stripe' AND event_id = 'evt_1'", "provider_event"),
            ("SELECT failures FROM {pg:login_throttle} WHERE scope = 'account' AND subject = '1'", "PRIMARY"),
            // The delivery worker's query, one kind at a time (waiting rows of other kinds are not read).
            (
                "SELECT id FROM {pg:outbox} WHERE status = 'pending' AND kind = 'email' AND next_attempt_at <= NOW() ORDER BY next_attempt_at LIMIT 10",
                "kind_due"
            ),
            ("SELECT user_id FROM {pg:member_claims} WHERE claim_kind = 'email' AND claim_key = 'x'", "PRIMARY"),
        ]
        for (query, index) in cases {
            let plan = try site.database.run(SQL("EXPLAIN " + query, tables: site.tables)).rows
            let keys = plan.compactMap { $0.string("key") }
            XCTAssertTrue(keys.contains(index), "\(query) uses \(keys), expected \(index)")
        }
    }
}
