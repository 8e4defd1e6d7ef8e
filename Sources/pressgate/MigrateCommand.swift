import ArgumentParser
import MemberStore
import PressGateApp

/// `pressgate migrate`: creates or updates PressGate's own tables. WordPress's tables are never altered.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply PressGate's schema migrations that the site's database lacks (idempotent).")

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        let context = try SiteContext(site)
        let migrator = SchemaMigrator(
            database: context.database, tables: context.configuration.tables, logger: context.logger)
        let applied = try migrator.migrate(now: UTCTime.now())
        for migration in applied { print("applied \(migration.version) \(migration.name)") }
        print("schema version \(SchemaMigrator.latestVersion)\(applied.isEmpty ? " (nothing to do)" : "")")
    }
}
