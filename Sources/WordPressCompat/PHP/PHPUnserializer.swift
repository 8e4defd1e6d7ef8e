/// PHP's `unserialize()` for values read from the database, safe on hostile input: every
/// malformed, truncated, oversized or deeply nested value is an error, never a crash, and memory
/// stays proportional to the input.
///
/// Deliberately stricter than PHP: objects (`O:`, `C:`), references (`R:`, `r:`) and escaped
/// strings (`S:`) are refused (WordPress's own session and capability data never contain them, and
/// objects are how PHP unserialize is attacked), and nesting stops at ``Limits/maximumDepth``
/// (PHP's `unserialize_max_depth` is 4096). Like PHP 8.2, bytes after the value are ignored.
public struct PHPUnserializer {
    public struct Limits: Sendable {
        public var maximumInputBytes = 16 << 20
        public var maximumDepth = 64
        public var maximumElements = 1 << 20

        public init() {}
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case tooLarge
        case tooDeep
        case tooManyElements
        /// Unsupported or malformed at this byte offset.
        case malformed(offset: Int)
        case unsupported(kind: Character, offset: Int)
        /// An `i:` value outside 64 bits (PHP clamps it; PressGate refuses it).
        case integerOutOfRange(offset: Int)

        public var description: String {
            switch self {
            case .tooLarge: "serialized value is larger than the limit"
            case .tooDeep: "serialized value is nested too deeply"
            case .tooManyElements: "serialized value has too many elements"
            case .malformed(let offset): "serialized value is malformed at byte \(offset)"
            case .unsupported(let kind, let offset): "serialized value has an unsupported '\(kind)' at byte \(offset)"
            case .integerOutOfRange(let offset): "serialized integer out of range at byte \(offset)"
            }
        }
    }

    /// Mirrors `maybe_unserialize()`, how WordPress reads every meta and option value: a value that
    /// `is_serialized()` (strict) recognises is trimmed and unserialized; anything else is the string itself.
    public static func maybeUnserialize(_ bytes: [UInt8], limits: Limits = Limits()) throws(Failure) -> PHPValue {
        guard isSerialized(bytes) else { return .string(bytes) }
        return try unserialize(PHPString.trim(bytes), limits: limits)
    }

    /// Mirrors `is_serialized($data, true)`: the shape of a serialized scalar, string or array after trimming.
    public static func isSerialized(_ bytes: [UInt8]) -> Bool {
        let data = PHPString.trim(bytes)
        if data == Array("N;".utf8) { return true }
        guard data.count >= 4, data[1] == UInt8(ascii: ":"), let last = data.last,
            last == UInt8(ascii: ";") || last == UInt8(ascii: "}")
        else { return false }
        let afterToken = data.dropFirst(2)
        switch data[0] {
        case UInt8(ascii: "s"):
            guard data[data.count - 2] == UInt8(ascii: "\"") else { return false }
            fallthrough
        case UInt8(ascii: "a"), UInt8(ascii: "O"), UInt8(ascii: "E"):
            // preg_match("/^{$token}:[0-9]+:/s")
            let digits = afterToken.prefix { $0 >= 0x30 && $0 <= 0x39 }
            return !digits.isEmpty && afterToken.dropFirst(digits.count).first == UInt8(ascii: ":")
        case UInt8(ascii: "b"), UInt8(ascii: "i"), UInt8(ascii: "d"):
            // preg_match("/^{$token}:[0-9.E+-]+;$/")
            let body = afterToken.dropLast()
            return !body.isEmpty && body.allSatisfy { Set("0123456789.E+-".utf8).contains($0) }
        default:
            return false
        }
    }

    public static func unserialize(_ bytes: [UInt8], limits: Limits = Limits()) throws(Failure) -> PHPValue {
        guard bytes.count <= limits.maximumInputBytes else { throw .tooLarge }
        var parser = PHPUnserializer(bytes: bytes, limits: limits)
        return try parser.value(depth: 0)
    }

    private let bytes: [UInt8]
    private let limits: Limits
    private var position = 0
    private var elements = 0

    private init(bytes: [UInt8], limits: Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    private mutating func value(depth: Int) throws(Failure) -> PHPValue {
        guard position < bytes.count else { throw .malformed(offset: position) }
        let kind = bytes[position]
        switch kind {
        case UInt8(ascii: "N"):
            try expect("N;")
            return .null
        case UInt8(ascii: "b"):
            // Only `b:0;` and `b:1;`, as PHP's grammar.
            try expect("b:")
            let flag = position < bytes.count ? bytes[position] : 0
            guard flag == UInt8(ascii: "0") || flag == UInt8(ascii: "1") else { throw .malformed(offset: position) }
            position += 1
            try expect(";")
            return .bool(flag == UInt8(ascii: "1"))
        case UInt8(ascii: "i"):
            try expect("i:")
            return .int(try integer(until: ";", signed: true))
        case UInt8(ascii: "d"):
            try expect("d:")
            return .double(try doubleText())
        case UInt8(ascii: "s"):
            return .string(try string())
        case UInt8(ascii: "a"):
            guard depth < limits.maximumDepth else { throw .tooDeep }
            return .array(try array(depth: depth + 1))
        default:
            throw .unsupported(kind: Character(Unicode.Scalar(kind)), offset: position)
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> PHPArray {
        try expect("a:")
        let count = try integer(until: ":", signed: false)
        // Every element needs at least four bytes ("i:0;N;" is six): a count the rest of the input
        // cannot hold is refused before anything is built.
        guard count >= 0, count <= (bytes.count - position) / 4 else { throw .malformed(offset: position) }
        elements += count
        guard elements <= limits.maximumElements else { throw .tooManyElements }
        try expect("{")
        var array = PHPArray()
        for _ in 0..<count {
            let keyOffset = position
            let key: PHPArrayKey =
                switch try value(depth: depth) {
                case .int(let number): .int(number)
                case .string(let text): PHPArrayKey(text)
                default: throw .malformed(offset: keyOffset)
                }
            array[key] = try value(depth: depth)
        }
        try expect("}")
        return array
    }

    /// `s:<length>:"<length bytes>";`
    private mutating func string() throws(Failure) -> [UInt8] {
        try expect("s:")
        let length = try integer(until: ":", signed: false)
        try expect("\"")
        guard length >= 0, length <= bytes.count - position else { throw .malformed(offset: position) }
        let text = Array(bytes[position..<position + length])
        position += length
        try expect("\";")
        return text
    }

    /// Decimal digits (at most 18, so the value fits), with an optional sign where PHP allows one
    /// (`i:` values; lengths and counts are unsigned), then `terminator`.
    private mutating func integer(until terminator: Character, signed: Bool) throws(Failure) -> Int {
        let start = position
        if signed, position < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+")
        {
            position += 1
        }
        let digitsStart = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        let digitCount = position - digitsStart
        guard digitCount > 0 else { throw .malformed(offset: start) }
        guard digitCount <= 18, let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            throw .integerOutOfRange(offset: start)
        }
        try expect(String(terminator))
        return value
    }

    /// The text of a `d:` value up to `;`: digits, sign, `.`, `e`/`E`, or `INF`, `-INF`, `NAN`.
    private mutating func doubleText() throws(Failure) -> String {
        let start = position
        let allowed = Set("0123456789+-.eEINFA".utf8)
        while position < bytes.count, allowed.contains(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !text.isEmpty, ["INF", "-INF", "NAN"].contains(text) || Double(text) != nil else {
            throw .malformed(offset: start)
        }
        try expect(";")
        return text
    }

    private mutating func expect(_ literal: String) throws(Failure) {
        for byte in literal.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw .malformed(offset: position) }
            position += 1
        }
    }
}
