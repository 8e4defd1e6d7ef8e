/// A PHP value as `serialize()` writes it, limited to what WordPress stores in user meta: no
/// objects and no references (those are refused when reading, see ``PHPUnserializer``).
public indirect enum PHPValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A float kept as the exact text it was read as, so a value read and written back is unchanged.
    case double(String)
    /// PHP strings are bytes; serialized lengths count bytes.
    case string([UInt8])
    case array(PHPArray)

    public static func string(_ text: String) -> PHPValue { .string(Array(text.utf8)) }

    public var arrayValue: PHPArray? { if case .array(let a) = self { a } else { nil } }
    public var intValue: Int? { if case .int(let i) = self { i } else { nil } }
    public var stringValue: [UInt8]? { if case .string(let s) = self { s } else { nil } }
}

/// A PHP array key: an integer, or a string that is not a canonical decimal integer.
public enum PHPArrayKey: Hashable, Sendable {
    case int(Int)
    case string([UInt8])

    /// PHP's key normalisation: `"5"` is the integer key 5, `"05"`, `"5 "` and `"-0"` stay strings.
    public init(_ bytes: [UInt8]) {
        self = Self.canonicalInteger(bytes).map(PHPArrayKey.int) ?? .string(bytes)
    }

    public init(_ text: String) { self.init(Array(text.utf8)) }

    private static func canonicalInteger(_ bytes: [UInt8]) -> Int? {
        let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.count <= 19, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if digits.first == UInt8(ascii: "0") && (digits.count > 1 || bytes.count > 1) { return nil }
        return Int(String(decoding: bytes, as: UTF8.self))
    }
}

/// An ordered PHP array. Assigning to an existing key keeps its position, as PHP does.
public struct PHPArray: Equatable, Sendable {
    public private(set) var entries: [(key: PHPArrayKey, value: PHPValue)] = []
    /// Position of each key in `entries`, so that building a large array stays linear.
    private var positions: [PHPArrayKey: Int] = [:]

    public init() {}

    public init(_ pairs: [(PHPArrayKey, PHPValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { entries.count }

    public subscript(key: PHPArrayKey) -> PHPValue? {
        get { positions[key].map { entries[$0].value } }
        set {
            if let index = positions[key] {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                    reindex()
                }
            } else if let newValue {
                positions[key] = entries.count
                entries.append((key, newValue))
            }
        }
    }

    public subscript(key: String) -> PHPValue? {
        get { self[PHPArrayKey(key)] }
        set { self[PHPArrayKey(key)] = newValue }
    }

    /// Keeps the entries for which `isIncluded` is true, in order.
    public func filter(_ isIncluded: (PHPArrayKey, PHPValue) -> Bool) -> PHPArray {
        var copy = self
        copy.entries = entries.filter { isIncluded($0.key, $0.value) }
        copy.reindex()
        return copy
    }

    private mutating func reindex() {
        positions = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
    }

    public static func == (lhs: PHPArray, rhs: PHPArray) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
