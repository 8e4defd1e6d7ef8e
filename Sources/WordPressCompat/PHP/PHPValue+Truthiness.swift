extension PHPValue {
    /// PHP's boolean conversion (`if ($value)`, `empty()` negated): false for `false`, `0`, `0.0`,
    /// `""`, `"0"`, an empty array and null; true for everything else.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let text): (Double(text) ?? 1) != 0
        case .string(let bytes): !(bytes.isEmpty || bytes == [UInt8(ascii: "0")])
        case .array(let array): array.count > 0
        }
    }

    /// The value as PHP would compare it as a string in `array_intersect` (strings and integers).
    public var comparableText: String? {
        switch self {
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        case .int(let number): String(number)
        default: nil
        }
    }
}
