internal import CMariaDB

/// `mysql_library_init` is a macro; `mysql_server_init` is the function behind it. It must run once
/// before any thread opens a connection: a Swift global is initialised exactly once, thread-safely.
private let libraryInitialised: Bool = mysql_server_init(0, nil, nil) == 0

/// One MariaDB connection (`MYSQL*`), owned by one thread and never shared, with its prepared
/// statements. This folder is the only place that imports `CMariaDB`.
final class MariaDBConnection {
    private let handle: UnsafeMutablePointer<MYSQL>
    private var statements: [String: PreparedStatement] = [:]

    /// WordPress's connection settings (`wpdb::set_charset`), UTC for anything the server computes,
    /// and a lock wait shorter than the read timeout, so a waiting statement ends with the retryable
    /// 1205 rather than a client-side timeout.
    static let initCommand =
        "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci, time_zone = '+00:00', innodb_lock_wait_timeout = 5"

    init(settings: ConnectionSettings) throws(DatabaseError) {
        precondition(libraryInitialised, "mysql_server_init failed")
        guard let handle = mysql_init(nil) else {
            throw DatabaseError(code: 2008, sqlState: "HY000", statement: "mysql_init", serverMessage: "out of memory")
        }
        self.handle = handle
        var connectTimeout = UInt32(settings.connectTimeout)
        var readTimeout = UInt32(settings.readTimeout)
        var writeTimeout = UInt32(settings.writeTimeout)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        mysql_options(handle, MYSQL_INIT_COMMAND, Self.initCommand)
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout)
        mysql_options(handle, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        mysql_options(handle, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout)

        let host = settings.usesSocket ? "localhost" : settings.host
        let port = settings.usesSocket ? 0 : UInt32(clamping: settings.port ?? 3306)
        let socket = settings.usesSocket ? settings.socket : nil
        guard
            mysql_real_connect(handle, host, settings.user, settings.password, settings.database, port, socket, 0)
                != nil
        else {
            // Every stored property is set, so throwing runs deinit, which closes the handle.
            throw Self.error(of: handle, in: "mysql_real_connect")
        }
    }

    deinit {
        statements.removeAll()
        mysql_close(handle)
    }

    /// Prepares (once per connection) and runs a statement with its values bound.
    func execute(_ sql: String, _ values: [DatabaseValue]) throws(DatabaseError) -> QueryResult {
        let statement: PreparedStatement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try PreparedStatement(connection: handle, sql: sql)
            statements[sql] = statement
        }
        return try statement.run(values)
    }

    /// Runs SQL text without parameters (transaction control, migrations' DDL). Only constant SQL
    /// from the store reaches this; nothing from a request.
    func execute(unsafeSQL sql: String) throws(DatabaseError) {
        let status = sql.withCString { mysql_real_query(handle, $0, UInt(sql.utf8.count)) }
        guard status == 0 else { throw Self.error(of: handle, in: sql) }
        // Drain any result so the connection is ready for the next statement.
        repeat {
            if let result = mysql_store_result(handle) { mysql_free_result(result) }
        } while mysql_next_result(handle) == 0
    }

    static func error(of handle: UnsafeMutablePointer<MYSQL>, in statement: String) -> DatabaseError {
        DatabaseError(
            code: mysql_errno(handle), sqlState: String(cString: mysql_sqlstate(handle)),
            statement: statement, serverMessage: String(cString: mysql_error(handle)))
    }
}
