/// A value bound to a `?` placeholder.
public enum DatabaseValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByNilLiteral
{
    case null
    case int(Int64)
    case text(String)
    /// Raw bytes (PHP-serialized meta values, which need not be valid UTF-8).
    case bytes([UInt8])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(nilLiteral: ()) { self = .null }

    public static func int(_ value: Int) -> DatabaseValue { .int(Int64(value)) }
    public static func int(_ value: UInt64) -> DatabaseValue { .int(Int64(bitPattern: value)) }
}

/// One result row: every column as the bytes the server sent (or nil for NULL), by index and by name.
public struct DatabaseRow: Sendable {
    public let columnNames: [String]
    public let values: [[UInt8]?]

    public subscript(_ index: Int) -> [UInt8]? { values[index] }

    public subscript(_ name: String) -> [UInt8]? {
        guard let index = columnNames.firstIndex(of: name) else { preconditionFailure("no column \(name) in result") }
        return values[index]
    }

    public func string(_ name: String) -> String? { self[name].map { String(decoding: $0, as: UTF8.self) } }
    public func string(_ index: Int) -> String? { self[index].map { String(decoding: $0, as: UTF8.self) } }
    public func int(_ name: String) -> Int64? { string(name).flatMap { Int64($0) } }
    public func int(_ index: Int) -> Int64? { string(index).flatMap { Int64($0) } }
    public func uint(_ name: String) -> UInt64? { string(name).flatMap { UInt64($0) } }
    public func uint(_ index: Int) -> UInt64? { string(index).flatMap { UInt64($0) } }
}

/// What a statement returned.
public struct QueryResult: Sendable {
    public let rows: [DatabaseRow]
    public let affectedRows: UInt64
    public let insertID: UInt64

    public var first: DatabaseRow? { rows.first }
}
