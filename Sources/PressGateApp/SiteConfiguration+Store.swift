import MemberStore
import PressGateConfiguration

/// The one place the configuration's plain values become the store's types (the configuration
/// module does not know the store).
extension SiteConfiguration {
    /// wp-config.php's `DB_*` with PressGate's `db_*` timeouts.
    public var connection: ConnectionSettings {
        let address = databaseAddress
        let options = settings.database
        var connection = ConnectionSettings(
            host: address.host, port: address.port, socket: address.socket,
            user: address.user, password: address.password, database: address.name)
        connection.connectTimeout = options.connectTimeout
        connection.readTimeout = options.readTimeout
        connection.writeTimeout = options.writeTimeout
        return connection
    }

    /// The site's tables under `$table_prefix`.
    public var tables: TableNames {
        // `load` refuses a prefix outside `[A-Za-z0-9_]+`, the rule TableNames applies.
        guard let tables = TableNames(prefix: tablePrefix) else {
            preconditionFailure("SiteConfiguration.load accepted a table prefix TableNames refuses")
        }
        return tables
    }
}

extension SiteStores {
    /// Every store of the configured site on `database`.
    public init(database: Database, configuration: SiteConfiguration, throttlePolicy: LoginThrottle.Policy = .init()) {
        self.init(
            database: database, tables: configuration.tables, wordpressVersion: configuration.wordpressVersionString,
            throttlePolicy: throttlePolicy)
    }
}
