/// Where serialized values end, found without building them.
///
/// ``PHPUnserializer`` refuses what PHP reads (objects, references, nesting past its limit), and a
/// value PressGate cannot read may still be a member's data that WordPress uses. This walks the
/// bytes iteratively (so no nesting depth is a stack risk) to find the extent of each value, which
/// lets a caller keep an unreadable part as it is while it reads and rewrites the rest.
extension PHPUnserializer {
    /// The top-level array's entries, each key decoded and each value as its serialized bytes;
    /// nil when `bytes` is not a well-formed serialized array.
    public static func arrayEntries(_ bytes: [UInt8]) -> [(key: PHPArrayKey, value: ArraySlice<UInt8>)]? {
        var scanner = ExtentScanner(bytes: bytes)
        guard let count = scanner.containerHeader(kind: UInt8(ascii: "a")) else { return nil }
        var entries: [(key: PHPArrayKey, value: ArraySlice<UInt8>)] = []
        for _ in 0..<count {
            let keyStart = scanner.position
            guard let keyEnd = scanner.skipValue(),
                let key = try? unserialize(Array(bytes[keyStart..<keyEnd]), limits: Limits())
            else { return nil }
            let valueStart = scanner.position
            guard let valueEnd = scanner.skipValue() else { return nil }
            switch key {
            case .int(let number): entries.append((.int(number), bytes[valueStart..<valueEnd]))
            case .string(let text): entries.append((PHPArrayKey(text), bytes[valueStart..<valueEnd]))
            default: return nil
            }
        }
        guard scanner.take(UInt8(ascii: "}")) else { return nil }
        return entries
    }
}

/// One pass over serialized bytes: each step advances, so the work is linear in the input.
private struct ExtentScanner {
    let bytes: [UInt8]
    var position = 0

    /// `a:<n>:{` (or `O:<len>:"<name>":<n>:{`): the number of key/value pairs.
    mutating func containerHeader(kind: UInt8) -> Int? {
        guard take(kind), take(UInt8(ascii: ":")) else { return nil }
        if kind == UInt8(ascii: "O") {
            guard quotedName() != nil, take(UInt8(ascii: ":")) else { return nil }
        }
        guard let count = number(until: UInt8(ascii: ":")), take(UInt8(ascii: "{")) else { return nil }
        // Every pair needs at least four bytes: a count the rest cannot hold is malformed.
        guard count <= (bytes.count - position) / 4 else { return nil }
        return count
    }

    /// Skips one value (containers included, iteratively); the offset just past it.
    mutating func skipValue() -> Int? {
        var open: [Int] = []  // values still to read in each open container
        while true {
            // Close every container that has all its values.
            while let remaining = open.last, remaining == 0 {
                guard take(UInt8(ascii: "}")) else { return nil }
                open.removeLast()
                if open.isEmpty { return position }
                open[open.count - 1] -= 1
            }
            guard position < bytes.count else { return nil }
            let kind = bytes[position]
            switch kind {
            case UInt8(ascii: "a"), UInt8(ascii: "O"):
                guard let pairs = containerHeader(kind: kind) else { return nil }
                open.append(pairs * 2)
                continue
            case UInt8(ascii: "N"):
                guard take(kind), take(UInt8(ascii: ";")) else { return nil }
            case UInt8(ascii: "b"), UInt8(ascii: "i"), UInt8(ascii: "d"), UInt8(ascii: "r"), UInt8(ascii: "R"):
                guard take(kind), take(UInt8(ascii: ":")), skip(past: UInt8(ascii: ";")) else { return nil }
            case UInt8(ascii: "s"), UInt8(ascii: "E"):
                guard take(kind), take(UInt8(ascii: ":")), quotedName() != nil, take(UInt8(ascii: ";")) else {
                    return nil
                }
            case UInt8(ascii: "C"):
                // C:<len>:"<class>":<len>:{<len bytes>}
                guard take(kind), take(UInt8(ascii: ":")), quotedName() != nil, take(UInt8(ascii: ":")),
                    let length = number(until: UInt8(ascii: ":")), take(UInt8(ascii: "{")),
                    length <= bytes.count - position
                else { return nil }
                position += length
                guard take(UInt8(ascii: "}")) else { return nil }
            default:
                return nil
            }
            if open.isEmpty { return position }
            open[open.count - 1] -= 1
        }
    }

    /// `<len>:"<len bytes>"`.
    mutating func quotedName() -> ArraySlice<UInt8>? {
        guard let length = number(until: UInt8(ascii: ":")), take(UInt8(ascii: "\"")),
            length <= bytes.count - position
        else { return nil }
        let name = bytes[position..<position + length]
        position += length
        return take(UInt8(ascii: "\"")) ? name : nil
    }

    /// Unsigned decimal digits (at most 18), then `terminator`.
    mutating func number(until terminator: UInt8) -> Int? {
        let start = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        guard position > start, position - start <= 18,
            let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)), take(terminator)
        else { return nil }
        return value
    }

    mutating func skip(past terminator: UInt8) -> Bool {
        while position < bytes.count, bytes[position] != terminator { position += 1 }
        return take(terminator)
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }
}
