/// `wp_generate_password()` without its modulo-free `wp_rand` fallback chain: every character is
/// drawn uniformly from WordPress's alphabet by rejection sampling over CSPRNG bytes.
public struct PasswordGenerator: Sendable {
    /// WordPress's three alphabets (`$special_chars`, `$extra_special_chars`).
    public enum Alphabet: Sendable {
        /// `[a-zA-Z0-9]`, 62 characters: reset keys, session tokens.
        case alphanumeric
        /// Plus `!@#$%^&*()`, 72 characters: WordPress's default and PressGate's generated passwords.
        case special
        /// Plus `` -_ []{}<>~`+=,.;:/?| `` (with a space), 92 characters: WordPress's missing salts.
        case extraSpecial

        var characters: [UInt8] {
            let base = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
            let special = Array("!@#$%^&*()".utf8)
            let extra = Array("-_ []{}<>~`+=,.;:/?|".utf8)
            switch self {
            case .alphanumeric: return base
            case .special: return base + special
            case .extraSpecial: return base + special + extra
            }
        }
    }

    /// PressGate's default for generated member passwords (WordPress's own default is 12).
    public static let defaultLength = 16

    public let length: Int
    public let alphabet: Alphabet

    public init(length: Int = defaultLength, alphabet: Alphabet = .special) {
        precondition(length > 0, "a password needs at least one character")
        self.length = length
        self.alphabet = alphabet
    }

    public func generate() -> String {
        var random = SystemRandom()
        return generate(using: &random)
    }

    /// Rejection sampling: a byte is used only below the largest multiple of the alphabet size
    /// that fits in 256, so every character is equally likely (no modulo bias).
    public func generate(using random: inout some RandomByteSource) -> String {
        let characters = alphabet.characters
        let limit = 256 - 256 % characters.count
        var output: [UInt8] = []
        output.reserveCapacity(length)
        while output.count < length {
            for byte in random.nextBytes(length - output.count) where Int(byte) < limit {
                output.append(characters[Int(byte) % characters.count])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
