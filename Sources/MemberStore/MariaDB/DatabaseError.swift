/// An error from MariaDB, with the code, SQLSTATE and the statement that failed.
///
/// `description` never contains bound values or the server's message (which can quote them, as
/// in "Duplicate entry 'jane@example.test'"); the message is kept for `debugDescription` only.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server cannot be reached or the connection was lost (2002, 2003, 2006, 2013, 1927, …).
        case unavailable
        /// Deadlock or lock-wait timeout (1213, 1205): the transaction was rolled back; retry it whole.
        case retryableConflict
        /// A UNIQUE or PRIMARY key already holds the value (1062).
        case duplicateKey
        /// Anything else: a bug, a schema problem, a permission.
        case other
    }

    /// `ER_NO_SUCH_TABLE`: a table another plugin creates is not there.
    public static let noSuchTable: UInt32 = 1146

    public let code: UInt32
    public let sqlState: String
    /// The SQL text as written in the store (placeholders, never values), or the C function's name.
    public let statement: String
    let serverMessage: String

    public init(code: UInt32, sqlState: String, statement: String, serverMessage: String) {
        self.code = code
        self.sqlState = sqlState
        self.statement = statement
        self.serverMessage = serverMessage
    }

    public var kind: Kind {
        switch code {
        case 2002, 2003, 2005, 2006, 2013, 2026, 2055, 1927, 1053, 1077, 1078, 1079, 1080: .unavailable
        case 1205, 1213: .retryableConflict
        case 1062: .duplicateKey
        default: .other
        }
    }

    public var description: String {
        kind == .unavailable
            ? "database unavailable (MariaDB error \(code), SQLSTATE \(sqlState))"
            : "database error \(code) (SQLSTATE \(sqlState)) in: \(Self.shortened(statement))"
    }

    public var debugDescription: String { "\(description): \(serverMessage)" }

    private static func shortened(_ statement: String) -> String {
        let flat = statement.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }
}
