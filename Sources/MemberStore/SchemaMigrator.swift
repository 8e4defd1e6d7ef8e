import Logging
import PressGateSchema

/// Applies PressGate's numbered migrations (`sql/pressgate/`) that a database lacks, and records
/// each in `<prefix>pressgate_schema_migrations`. Idempotent, safe to run concurrently (every
/// statement is `IF NOT EXISTS`, versions are recorded with `INSERT IGNORE`); it never touches
/// WordPress's tables.
public struct SchemaMigrator {
    let database: Database
    let tables: TableNames
    let logger: Logger

    public init(database: Database, tables: TableNames, logger: Logger) {
        self.database = database
        self.tables = tables
        self.logger = logger
    }

    public static var latestVersion: Int { PressGateSchema.migrations.map(\.version).max() ?? 0 }

    private var createVersionTable: SQL {
        SQL(
            """
            CREATE TABLE IF NOT EXISTS {pg:schema_migrations} (
              version int(10) unsigned NOT NULL,
              name varchar(100) NOT NULL,
              applied_at datetime NOT NULL,
              PRIMARY KEY (version)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """, tables: tables)
    }

    /// The versions already applied; empty when PressGate was never installed here.
    public func appliedVersions() throws(DatabaseError) -> Set<Int> {
        do {
            let rows = try database.run(
                SQL("SELECT version FROM {pg:schema_migrations}", tables: tables), idempotent: true
            ).rows
            return Set(rows.compactMap { $0.int(0).map(Int.init) })
        } catch  where error.code == 1146 {  // ER_NO_SUCH_TABLE
            return []
        }
    }

    /// Applies what is missing, in order; returns the migrations it applied.
    @discardableResult
    public func migrate(now: Int) throws(DatabaseError) -> [SchemaMigration] {
        let connection = try database.open()
        try connection.execute(unsafeSQL: createVersionTable.text)
        let applied = try appliedVersions()
        var done: [SchemaMigration] = []
        for migration in PressGateSchema.migrations.sorted(by: { $0.version < $1.version })
        where !applied.contains(migration.version) {
            for statement in Self.statements(in: migration.sql) {
                try connection.execute(unsafeSQL: SQL(statement, tables: tables).text)
            }
            try database.run(
                SQL(
                    "INSERT IGNORE INTO {pg:schema_migrations} (version, name, applied_at) VALUES (?, ?, ?)",
                    tables: tables),
                [.int(migration.version), .text(migration.name), .text(UTCTime.dateTime(now))])
            logger.info(
                "applied schema migration", metadata: ["db.migration": "\(migration.version)_\(migration.name)"])
            done.append(migration)
        }
        return done
    }

    /// Statements of a migration file: `--` comment lines dropped, split at `;` ending a line.
    static func statements(in sql: String) -> [String] {
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingPrefix(while: \.isWhitespace).hasPrefix("--") }
        var statements: [String] = []
        var current = ""
        for line in lines {
            current += line + "\n"
            if line.trimmingSuffix(while: \.isWhitespace).hasSuffix(";") {
                let statement = current.trimmingPrefix(while: \.isWhitespace).trimmingSuffix(while: {
                    $0.isWhitespace || $0 == ";"
                })
                if !statement.isEmpty { statements.append(String(statement)) }
                current = ""
            }
        }
        return statements
    }
}

extension StringProtocol {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> SubSequence { drop(while: predicate) }
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        String(String(self).reversed().drop(while: predicate).reversed())
    }
}
