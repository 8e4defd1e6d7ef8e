import ArgumentParser
import Logging
import MemberStore
import PressGateApp
import PressGateConfiguration

#if canImport(Glibc)
import Glibc
#endif

/// `--wp-config` and `--config`, which every command that touches the site takes.
struct SiteOptionsGroup: ParsableArguments {
    @Option(name: .customLong("wp-config"), help: "The site's wp-config.php (default: $PRESSGATE_WP_CONFIG).")
    var wpConfig: String?

    @Option(name: .customLong("config"), help: "PressGate's settings file (default: $PRESSGATE_CONFIG; optional).")
    var config: String?

    /// Reads the configuration, or exits 1 with a message that names what to fix.
    func load() throws -> SiteConfiguration {
        let environment = ProcessEnvironment.current
        guard let path = wpConfig ?? environment["PRESSGATE_WP_CONFIG"] else {
            throw ValidationError("no site given: pass --wp-config PATH or set PRESSGATE_WP_CONFIG")
        }
        do {
            return try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: config ?? environment["PRESSGATE_CONFIG"],
                environment: environment)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}

/// The wiring every site command shares: configuration, one database connection and its stores, a
/// logger.
struct SiteContext {
    let configuration: SiteConfiguration
    let database: Database
    let stores: SiteStores
    let logger: Logger

    /// Loads the configuration; the commands other than `serve` log warnings and worse only.
    init(_ options: SiteOptionsGroup) throws {
        var logger = Logger(label: "pressgate")
        logger.logLevel = .warning
        self.init(configuration: try options.load(), logger: logger)
    }

    init(configuration: SiteConfiguration, logger: Logger) {
        LogOutput.format = configuration.settings.logFormat
        self.configuration = configuration
        self.logger = logger
        database = Database(settings: configuration.connection, logger: logger)
        stores = SiteStores(database: database, configuration: configuration)
    }

    /// A CRM notification sealed as the app seals it, or nil when no CRM is configured.
    func sealedCRM(_ notification: CRMNotification) throws -> String? {
        guard configuration.settings.crm.webhookURL != nil else { return nil }
        var notification = notification
        let home = try configuration.homeURLConstant ?? options.value("home") ?? ""
        notification.loginURL = home + configuration.settings.http.routePrefix + "/login"
        let key = try options.storageKey(constants: try configuration.currentSaltConstants())
        return try OutboxSealing.seal(notification.json, key: key)
    }

    var members: MemberRepository { stores.members }
    var options: SiteOptions { stores.options }
    var sessions: SessionStore { stores.sessions }
}

/// A failure the command reports on standard error before exiting 1 (never with a secret in it).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
