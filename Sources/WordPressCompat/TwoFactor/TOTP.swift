/// Time-based one-time codes as the Two Factor plugin computes and checks them
/// (`Two_Factor_Totp::calc_totp()` and `get_authcode_valid_ticktime()`, version 0.16.0): RFC 6238
/// with HMAC-SHA1, 30-second steps, the base32 key decoded and padded to 20 bytes by repeating it,
/// and codes accepted within 4 steps either side of now, nearest first.
public enum TOTP {
    public static let timeStep = 30
    public static let allowance = 4
    public static let digits = 6

    /// The code for time step `counter` (`floor(time / 30)`), or nil for a key that is not base32.
    public static func code(base32Key: String, counter: Int, digits: Int = TOTP.digits) -> String? {
        guard var secret = Base32.decode(base32Key), !secret.isEmpty, (1...9).contains(digits) else { return nil }
        // pad_secret(): str_pad($secret, 20, $secret) repeats the key up to 20 bytes (never cuts it).
        let original = secret
        while secret.count < 20 { secret.append(original[(secret.count - original.count) % original.count]) }
        var message = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { message[index] = UInt8(truncatingIfNeeded: counter >> (56 - 8 * index)) }
        let mac = OpenSSLDigest.hmac(.sha1, key: secret, message: message)
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value =
            (Int(mac[offset] & 0x7F) << 24) | (Int(mac[offset + 1]) << 16) | (Int(mac[offset + 2]) << 8)
            | Int(mac[offset + 3])
        var modulus = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(value % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The tick timestamp (step × 30) at which `authcode` is valid for the key, trying now, then 1, 2,
    /// 3, 4 steps earlier and later (the plugin's order); nil when none matches. The code's length
    /// sets the digits compared, as in the plugin (the login form accepts 6 only).
    public static func validTickTime(base32Key: String, authcode: String, now: Int) -> Int? {
        guard !authcode.isEmpty, authcode.utf8.count <= 9, authcode.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        let current = Int((Double(now) / Double(timeStep)).rounded(.down))
        var offsets = [0]
        for step in 1...allowance { offsets += [-step, step] }
        for offset in offsets {
            let counter = current + offset
            guard let expected = code(base32Key: base32Key, counter: counter, digits: authcode.utf8.count) else {
                return nil
            }
            if ConstantTime.equals(Array(expected.utf8), Array(authcode.utf8)) { return counter * timeStep }
        }
        return nil
    }

    /// A new key: 160 random bits in base32 (`Two_Factor_Totp::generate_key()`).
    public static func generateKey() -> String {
        var random = SystemRandom()
        return Base32.encode(random.nextBytes(20))
    }

    /// `sanitize_code_from_request()`: whitespace removed; a code of another length is no code.
    public static func sanitize(_ submitted: String, length: Int = TOTP.digits) -> String? {
        let code = String(submitted.unicodeScalars.filter { !$0.properties.isWhitespace })
        guard !code.isEmpty, length == 0 || code.utf8.count == length else { return nil }
        return code
    }
}

/// RFC 4648 base32 as the Two Factor plugin writes and reads keys: upper-case alphabet, no padding;
/// decoding is case-insensitive and refuses any other character.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[(buffer >> bits) & 0x1F])
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 0x1F]) }
        return String(decoding: output, as: UTF8.self)
    }

    /// `base32_decode()`: bits beyond the last whole byte are dropped.
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in text.uppercased().utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            buffer = ((buffer << 5) | value) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return text.isEmpty ? nil : output
    }
}
