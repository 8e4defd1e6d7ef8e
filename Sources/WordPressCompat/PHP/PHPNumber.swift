/// How PHP 8 turns a string into a number where WordPress does arithmetic on stored text.
enum PHPNumber {
    /// The integer a leading-numeric PHP string evaluates to in arithmetic (`"1795713184"`,
    /// `" 42abc"` → 42 with a warning), or nil where PHP 8 throws a `TypeError` (no digits at all).
    /// Values that do not fit in 64 bits are nil too.
    static func leadingInteger(_ bytes: some Collection<UInt8>) -> Int? {
        var rest = bytes.drop { PHPString.isTrimmed($0) && $0 != 0 }
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        return negative ? -value : value
    }
}
