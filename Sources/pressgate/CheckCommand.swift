import ArgumentParser
import MemberStore
import PressGateApp
import PressGateConfiguration
import WordPressCompat

/// `pressgate check`: one line per check, exit 1 if any fails. Reads only; changes nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the configuration, the database, WordPress's tables, PressGate's schema and the salts.")

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        var failed = false
        func report(_ ok: Bool, _ name: String, _ detail: String) {
            print("\(ok ? "ok  " : "FAIL") \(name): \(detail)")
            if !ok { failed = true }
        }

        let context: SiteContext
        do {
            context = try SiteContext(site)
        } catch {
            report(false, "configuration", "\(error)")
            throw ExitCode.failure
        }
        let configuration = context.configuration
        let connection = configuration.connection
        let target =
            connection.usesSocket
            ? "socket \(connection.socket ?? "")" : "\(connection.host ?? ""):\(connection.port ?? 3306)"
        report(
            true, "configuration",
            "database \(connection.database) via \(target), table prefix \(configuration.tables.prefix), "
                + "WordPress \(configuration.wordpressVersionString) (\(configuration.wordpress)), "
                + "writes \(configuration.settings.passwords.hashTarget)")

        do {
            let version =
                try context.database.run(SQL(constant: "SELECT VERSION()"), idempotent: true).first?.string(0) ?? "?"
            report(true, "database", "reachable (MariaDB \(version))")
        } catch {
            report(false, "database", "\(error)")
            throw ExitCode.failure
        }

        for (table, columns) in Self.wordPressColumns(configuration.tables) {
            do {
                let rows = try context.database.run(
                    SQL("SHOW COLUMNS FROM `\(table)`", tables: configuration.tables), idempotent: true
                ).rows
                let names = Set(rows.compactMap { $0.string(0) })
                let missing = columns.filter { !names.contains($0) }
                report(
                    missing.isEmpty, "table \(table)",
                    missing.isEmpty ? "as WordPress creates it" : "missing columns \(missing.joined(separator: ", "))")
            } catch {
                report(false, "table \(table)", "\(error)")
            }
        }

        do {
            let applied = try SchemaMigrator(
                database: context.database, tables: configuration.tables, logger: context.logger
            ).appliedVersions()
            let latest = SchemaMigrator.latestVersion
            report(
                applied.contains(latest), "pressgate schema",
                applied.contains(latest)
                    ? "version \(latest)" : "version \(applied.max() ?? 0) of \(latest): run pressgate migrate")
        } catch {
            report(false, "pressgate schema", "\(error)")
        }

        checkSalts(context, report: report)
        checkGuards(context, report: report)
        if let dropIn = ObjectCacheDropIn.find(wpConfigPath: configuration.wpConfigPath) {
            report(
                false, "object cache",
                "\(dropIn): PressGate does not keep a persistent object cache coherent yet; WordPress would go on "
                    + "seeing old passwords, sessions and reset keys after PressGate changes them")
        } else {
            report(true, "object cache", "no object-cache.php drop-in (WordPress reads the database)")
        }
        if failed { throw ExitCode.failure }
    }

    /// The salts the cookie schemes need, from wp-config.php or the options — without creating any.
    private func checkSalts(_ context: SiteContext, report: (Bool, String, String) -> Void) {
        var options: [String: String] = [:]
        for _ in 0..<16 {
            let salts = WordPressSalts(constants: context.configuration.saltConstants, options: options)
            do {
                for scheme in ["auth", "secure_auth", "logged_in", "nonce"] { _ = try salts.salt(for: scheme) }
                let fromOptions = options.isEmpty ? "all from wp-config.php" : "\(options.count) from the site options"
                report(true, "salts", "usable (\(fromOptions))")
                return
            } catch {
                let name = error.missingOptionName
                guard let value = try? context.options.value(name), !value.isEmpty else {
                    report(
                        false, "salts",
                        "wp-config.php does not set a usable key/salt and the option \(name) is missing "
                            + "(WordPress creates it on first use; define the eight keys and salts in wp-config.php)")
                    return
                }
                options[name] = value
            }
        }
    }

    static func wordPressColumns(_ tables: TableNames) -> [(String, [String])] {
        [
            (
                tables.users,
                [
                    "ID", "user_login", "user_pass", "user_nicename", "user_email", "user_url", "user_registered",
                    "user_activation_key", "user_status", "display_name",
                ]
            ),
            (tables.usermeta, ["umeta_id", "user_id", "meta_key", "meta_value"]),
            (tables.options, ["option_id", "option_name", "option_value", "autoload"]),
        ]
    }
}
