/// The PHP string functions whose exact behaviour WordPress's credential code depends on, on raw
/// bytes (PHP strings are byte strings: passwords may hold NUL and invalid UTF-8).
public enum PHPString {
    /// The bytes PHP's `trim()` strips by default: space, `\t`, `\n`, `\r`, `\0`, `\x0B`.
    static func isTrimmed(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x00 || byte == 0x0B
    }

    /// PHP's `trim($s)`.
    public static func trim(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { !isTrimmed($0) }),
            let last = bytes.lastIndex(where: { !isTrimmed($0) })
        else { return [] }
        return Array(bytes[first...last])
    }

    /// PHP's `addslashes($s)`: a backslash before `'`, `"` and `\`; NUL becomes `\0`.
    /// `wp_magic_quotes()` applies it to every request field before wp-login.php sees it.
    public static func addslashes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0:
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "0"))
            default:
                out.append(byte)
            }
        }
        return out
    }

    /// PHP's `stripslashes($s)`: `\0` becomes NUL, `\x` becomes `x`, a trailing lone backslash is dropped.
    /// `update_metadata()` runs it (through `wp_unslash`) over every value it stores.
    public static func stripslashes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 1
                if i < bytes.count { out.append(bytes[i] == UInt8(ascii: "0") ? 0 : bytes[i]) }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    /// PHP's `empty($s)` for a string: true for `""` and `"0"`.
    public static func isEmpty(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.isEmpty || (bytes.count == 1 && bytes.first == UInt8(ascii: "0"))
    }

    /// PHP's `substr($s, $offset, $length)` on bytes for a non-negative offset, and `substr($s, -n)`
    /// for a negative one (PHP 8 clamps both to the string; out of range gives `""`).
    static func substr(_ bytes: [UInt8], _ offset: Int, _ length: Int? = nil) -> [UInt8] {
        let start = offset >= 0 ? min(offset, bytes.count) : max(0, bytes.count + offset)
        let end = length.map { min(bytes.count, start + max(0, $0)) } ?? bytes.count
        return Array(bytes[start..<end])
    }

    /// True when every byte is an ASCII letter or digit (`[A-Za-z0-9]`).
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
