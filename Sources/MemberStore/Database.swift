import Logging

/// A thread's access to MariaDB: one connection (opened lazily, reopened after a loss), statements
/// run with bound values, and transactions retried whole on deadlock or lock-wait timeout.
///
/// Not thread-safe by design: each worker thread owns one `Database` (DESIGN.md's process model).
public final class Database {
    public let settings: ConnectionSettings
    private let logger: Logger
    private var connection: MariaDBConnection?

    /// Bounds of the retry loop (attempts include the first one).
    public var maximumAttempts = 5
    /// Base of the jittered exponential backoff between attempts, in milliseconds.
    public var backoffMilliseconds = 10

    public init(settings: ConnectionSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Opens the connection if needed. A server that is down answers `DatabaseError` of kind `.unavailable`.
    func open() throws(DatabaseError) -> MariaDBConnection {
        if let connection { return connection }
        let opened = try MariaDBConnection(settings: settings)
        connection = opened
        return opened
    }

    /// Forgets the connection and its prepared statements; the next use reconnects and re-prepares.
    /// (Never `MYSQL_OPT_RECONNECT`: it silently loses session state and open transactions.)
    func dropConnection() {
        connection = nil
    }

    /// Runs one statement in autocommit mode. With `idempotent` it is retried once on a fresh
    /// connection when the old one was lost (reads, and writes that are safe to repeat).
    @discardableResult
    public func run(
        _ sql: SQL, _ values: [DatabaseValue] = [], idempotent: Bool = false
    ) throws(DatabaseError) -> QueryResult {
        do {
            return try open().execute(sql.text, values)
        } catch  where error.kind == .unavailable {
            dropConnection()
            guard idempotent else { throw error }
            logger.warning("database connection lost; reconnecting", metadata: ["db.errno": "\(error.code)"])
            return try open().execute(sql.text, values)
        }
    }

    /// Runs `body` in a transaction and commits it. A deadlock or lock-wait timeout rolls back and
    /// runs `body` again (bounded, with jittered backoff). A lost connection is retried only when
    /// `retryOnLostConnection` says the whole transaction is safe to repeat; otherwise it is thrown
    /// as `.unavailable`, since a lost COMMIT may or may not have happened.
    public func transaction<Result>(
        retryOnLostConnection: Bool = false,
        _ body: (Transaction) throws -> Result
    ) throws -> Result {
        var attempt = 1
        while true {
            // Until the body runs nothing was changed, so a connection found dead here is always
            // safe to reopen and retry.
            var started = false
            do {
                let connection = try open()
                try connection.execute(unsafeSQL: "START TRANSACTION")
                started = true
                do {
                    let result = try body(Transaction(connection: connection))
                    try connection.execute(unsafeSQL: "COMMIT")
                    return result
                } catch {
                    try? connection.execute(unsafeSQL: "ROLLBACK")
                    throw error
                }
            } catch let error as DatabaseError where error.kind == .retryableConflict && attempt < maximumAttempts {
                logger.info(
                    "transaction conflict; retrying",
                    metadata: ["db.errno": "\(error.code)", "db.attempt": "\(attempt)"])
            } catch let error as DatabaseError where error.kind == .unavailable {
                dropConnection()
                guard retryOnLostConnection || !started, attempt < maximumAttempts else { throw error }
                logger.warning(
                    "database connection lost; retrying transaction", metadata: ["db.errno": "\(error.code)"])
            }
            backoff(attempt: attempt)
            attempt += 1
        }
    }

    private func backoff(attempt: Int) {
        let ceiling = backoffMilliseconds << min(attempt, 6)
        let milliseconds = Int.random(in: ceiling / 2...ceiling)
        sleepMilliseconds(milliseconds)
    }
}

/// The statements of one open transaction.
public struct Transaction {
    let connection: MariaDBConnection

    @discardableResult
    public func run(_ sql: SQL, _ values: [DatabaseValue] = []) throws(DatabaseError) -> QueryResult {
        try connection.execute(sql.text, values)
    }
}
