/// Reads the constants a `wp-config.php` defines, without running PHP.
///
/// It understands what real wp-config.php files contain: `define( 'NAME', value );` anywhere
/// (also inside `if ( ! defined( … ) )`), single- and double-quoted strings with their escapes,
/// `'a' . 'b'` concatenation, `true`/`false`/`null`/numbers, the three comment styles, and
/// `$table_prefix = '…';`. A value it cannot evaluate (`getenv('DB_PASSWORD')`, a variable, a
/// function call) is kept as ``PHPConfigValue/unreadable(_:)`` so the caller can name the constant.
/// As in PHP, the first `define` of a name wins.
struct PHPConfigScanner {
    private let source: [UInt8]
    private var position = 0

    private(set) var constants: [String: PHPConfigValue] = [:]
    private(set) var tablePrefix: PHPConfigValue?

    static func scan(_ text: String) -> PHPConfigScanner {
        var scanner = PHPConfigScanner(source: Array(text.utf8))
        scanner.run()
        return scanner
    }

    private init(source: [UInt8]) {
        self.source = source
    }

    private mutating func run() {
        while position < source.count {
            skipTrivia()
            guard position < source.count else { break }
            let byte = source[position]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                _ = stringLiteral()
            } else if byte == UInt8(ascii: "$") {
                assignment()
            } else if isIdentifierStart(byte) {
                let word = identifier()
                if word.lowercased() == "define" { define() }
            } else {
                position += 1
            }
        }
    }

    /// `define ( 'NAME' , <expression> ) ;`
    private mutating func define() {
        skipTrivia()
        guard consume("(") else { return }
        skipTrivia()
        guard case .string(let name)? = literal() else { return }
        skipTrivia()
        guard consume(",") else { return }
        let value = expression(until: UInt8(ascii: ")"))
        if constants[name] == nil { constants[name] = value }
    }

    /// `$table_prefix = <expression> ;` (other assignments are skipped).
    private mutating func assignment() {
        position += 1
        let name = identifier()
        skipTrivia()
        guard name == "table_prefix", consume("=") else { return }
        let value = expression(until: UInt8(ascii: ";"))
        if tablePrefix == nil { tablePrefix = value }
    }

    /// Reads literals joined by `.` up to `terminator` at nesting depth 0; anything else makes the
    /// value unreadable (its source text is kept for the error message).
    private mutating func expression(until terminator: UInt8) -> PHPConfigValue {
        let start = position
        var pieces: [PHPConfigValue] = []
        var readable = true
        var depth = 0
        while position < source.count {
            skipTrivia()
            guard position < source.count else { break }
            let byte = source[position]
            if depth == 0 && (byte == terminator || byte == UInt8(ascii: ";")) { break }
            if byte == UInt8(ascii: "(") {
                depth += 1
                readable = false
                position += 1
                continue
            }
            if byte == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
                position += 1
                continue
            }
            if byte == UInt8(ascii: ".") && depth == 0 && !pieces.isEmpty {
                position += 1
                continue
            }
            if let value = literal() {
                pieces.append(value)
            } else {
                readable = false
                position += 1
            }
        }
        let text = String(decoding: source[start..<position], as: UTF8.self).trimmingWhitespace()
        guard readable, let first = pieces.first else { return .unreadable(text) }
        if pieces.count == 1 { return first }
        var joined = ""
        for piece in pieces {
            guard let string = piece.phpString else { return .unreadable(text) }
            joined += string
        }
        return .string(joined)
    }

    /// A string, number, `true`, `false` or `null` at the current position, or nil.
    private mutating func literal() -> PHPConfigValue? {
        guard position < source.count else { return nil }
        let byte = source[position]
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { return stringLiteral() }
        if byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) {
            let start = position
            position += 1
            while position < source.count,
                (source[position] >= 0x30 && source[position] <= 0x39) || source[position] == UInt8(ascii: ".")
            {
                position += 1
            }
            let text = String(decoding: source[start..<position], as: UTF8.self)
            return Int(text).map(PHPConfigValue.int) ?? .unreadable(text)
        }
        guard isIdentifierStart(byte) else { return nil }
        let saved = position
        switch identifier().lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            position = saved
            return nil
        }
    }

    /// A quoted string with PHP's escapes. Double-quoted strings that interpolate `$variables` are unreadable.
    private mutating func stringLiteral() -> PHPConfigValue {
        let quote = source[position]
        position += 1
        var bytes: [UInt8] = []
        var interpolates = false
        while position < source.count, source[position] != quote {
            var byte = source[position]
            if byte == UInt8(ascii: "\\"), position + 1 < source.count {
                let next = source[position + 1]
                if quote == UInt8(ascii: "'") {
                    if next == quote || next == UInt8(ascii: "\\") {
                        byte = next
                        position += 1
                    }
                } else if let escaped = Self.doubleQuotedEscape(next) {
                    byte = escaped
                    position += 1
                } else if let (value, length) = numericEscape(at: position + 1) {
                    byte = value
                    position += length
                }
            } else if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "$"),
                position + 1 < source.count,
                isIdentifierStart(source[position + 1]) || source[position + 1] == UInt8(ascii: "{")
            {
                interpolates = true
            }
            bytes.append(byte)
            position += 1
        }
        guard position < source.count else { return .unreadable("unterminated string") }
        position += 1
        let text = String(decoding: bytes, as: UTF8.self)
        return interpolates ? .unreadable("\"\(text)\"") : .string(text)
    }

    /// PHP's `\x41` (one or two hex digits) and `\101` (one to three octal digits) escapes: the
    /// byte and how many source bytes after the backslash it used. (`\u{…}` is left literal.)
    private func numericEscape(at start: Int) -> (UInt8, Int)? {
        if source[start] == UInt8(ascii: "x") {
            var value = 0
            var count = 0
            while count < 2, start + 1 + count < source.count,
                let digit = Self.digit(source[start + 1 + count], radix: 16)
            {
                value = value * 16 + digit
                count += 1
            }
            return count > 0 ? (UInt8(value), count + 1) : nil
        }
        var value = 0
        var count = 0
        while count < 3, start + count < source.count, let digit = Self.digit(source[start + count], radix: 8) {
            value = value * 8 + digit
            count += 1
        }
        return count > 0 ? (UInt8(truncatingIfNeeded: value), count) : nil
    }

    private static func digit(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int? =
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
            default: nil
            }
        return value.flatMap { $0 < radix ? $0 : nil }
    }

    private static func doubleQuotedEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "v"): 0x0B
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "e"): 0x1B
        case UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "\""): byte
        default: nil
        }
    }

    private mutating func identifier() -> String {
        let start = position
        while position < source.count,
            isIdentifierStart(source[position]) || (source[position] >= 0x30 && source[position] <= 0x39)
        {
            position += 1
        }
        return String(decoding: source[start..<position], as: UTF8.self)
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    private mutating func consume(_ character: Character) -> Bool {
        guard position < source.count, source[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    /// Whitespace and the three comment styles (`//`, `#`, `/* */`) and the `<?php` / `?>` tags.
    private mutating func skipTrivia() {
        while position < source.count {
            let byte = source[position]
            let next = position + 1 < source.count ? source[position + 1] : 0
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                position += 1
            } else if (byte == UInt8(ascii: "/") && next == UInt8(ascii: "/")) || byte == UInt8(ascii: "#") {
                while position < source.count, source[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                position += 2
                while position + 1 < source.count,
                    !(source[position] == UInt8(ascii: "*") && source[position + 1] == UInt8(ascii: "/"))
                {
                    position += 1
                }
                position = min(source.count, position + 2)
            } else if source[position...].starts(with: "<?php".utf8) {
                position += 5
            } else if byte == UInt8(ascii: "?") && next == UInt8(ascii: ">") {
                position += 2
            } else {
                return
            }
        }
    }
}

/// A constant's value as wp-config.php writes it.
public enum PHPConfigValue: Equatable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    /// An expression PressGate does not evaluate, with its source text (never printed for secrets).
    case unreadable(String)

    /// The value as PHP would turn it into a string (`true` → "1", `false`/`null` → "").
    var phpString: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "1" : ""
        case .null: ""
        case .unreadable: nil
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
