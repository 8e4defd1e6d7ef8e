/// phpass's own 6-bit encoding (`PasswordHash::encode64`): alphabet `./0-9A-Za-z`, bytes taken in
/// little-endian groups of three. It is not base64: both the alphabet and the bit order differ.
enum PHPassEncoding {
    /// `itoa64` from `class-phpass.php`.
    static let alphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Index of `character` in ``alphabet``, or nil.
    static func index(of character: UInt8) -> Int? {
        switch character {
        case UInt8(ascii: "."): 0
        case UInt8(ascii: "/"): 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(character - UInt8(ascii: "0")) + 2
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(character - UInt8(ascii: "A")) + 12
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(character - UInt8(ascii: "a")) + 38
        default: nil
        }
    }

    /// Mirrors `PasswordHash::encode64($input, $count)`: a short final group emits only the
    /// characters whose bits exist (1 byte → 2 chars, 2 bytes → 3 chars).
    static func encode(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var i = 0
        while i < input.count {
            var value = UInt32(input[i])
            i += 1
            output.append(alphabet[Int(value & 0x3F)])
            if i < input.count { value |= UInt32(input[i]) << 8 }
            output.append(alphabet[Int((value >> 6) & 0x3F)])
            if i >= input.count { break }
            i += 1
            if i < input.count { value |= UInt32(input[i]) << 16 }
            output.append(alphabet[Int((value >> 12) & 0x3F)])
            if i >= input.count { break }
            i += 1
            output.append(alphabet[Int((value >> 18) & 0x3F)])
        }
        return output
    }
}
