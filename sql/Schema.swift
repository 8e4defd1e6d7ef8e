// Makes the SQL files in this folder part of the `pressgate` binary (SwiftPM's `embedInCode`), so
// `pressgate migrate` needs no files at run time. This is the only Swift file in sql/.

/// One numbered PressGate migration.
public struct SchemaMigration: Sendable {
    public let version: Int
    public let name: String
    /// SQL statements separated by `;` at the end of a line; `{pg:name}` names PressGate's tables.
    public let sql: String
}

public enum PressGateSchema {
    /// Every migration, in order. Add a file `pressgate/vNNN_name.sql` and a line here.
    public static let migrations: [SchemaMigration] = [
        SchemaMigration(version: 1, name: "core", sql: String(decoding: PackageResources.v001_core_sql, as: UTF8.self)),
        SchemaMigration(version: 2, name: "outbox_kind_due", sql: String(decoding: PackageResources.v002_outbox_kind_due_sql, as: UTF8.self)),
        SchemaMigration(version: 3, name: "audit_repeats", sql: String(decoding: PackageResources.v003_audit_repeats_sql, as: UTF8.self)),
        SchemaMigration(version: 4, name: "unproven_emails", sql: String(decoding: PackageResources.v004_unproven_emails_sql, as: UTF8.self)),
        SchemaMigration(version: 5, name: "grants_per_order", sql: String(decoding: PackageResources.v005_grants_per_order_sql, as: UTF8.self)),
    ]
}
