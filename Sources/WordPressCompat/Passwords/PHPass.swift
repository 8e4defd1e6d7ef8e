/// phpass "portable" hashes (`$P$`, and phpBB3's `$H$`): `class-phpass.php`'s `PasswordHash` as
/// WordPress builds it, `new PasswordHash(8, true)`.
public enum PHPass {
    /// `HashPassword`/`CheckPassword` refuse passwords longer than this many bytes.
    public static let maximumPasswordLength = 4096

    /// The count character WordPress writes: `itoa64[min(8 + 5, 30)]`, 2^13 = 8192 rounds.
    static let wordPressCountCharacter = UInt8(ascii: "B")

    /// Mirrors `PasswordHash::HashPassword()` for a portable hash: 6 random bytes of salt through
    /// `encode64`, then ``cryptPrivate(_:setting:)``. Nil where phpass returns `"*"` (too long).
    public static func hash(_ password: [UInt8], using random: inout some RandomByteSource) -> String? {
        guard password.count <= maximumPasswordLength else { return nil }
        var setting = Array("$P$".utf8)
        setting.append(wordPressCountCharacter)
        setting += PHPassEncoding.encode(random.nextBytes(6))
        let hash = cryptPrivate(password, setting: setting)
        return hash.count == 34 ? String(decoding: hash, as: UTF8.self) : nil
    }

    /// Mirrors `PasswordHash::crypt_private()`. On a setting it cannot use it returns `*0`, or `*1`
    /// when the setting itself starts with `*0` (so the failure value never equals a stored `*0`).
    static func cryptPrivate(_ password: [UInt8], setting: some Collection<UInt8>) -> [UInt8] {
        let setting = Array(setting)
        let failure: [UInt8] = setting.starts(with: Array("*0".utf8)) ? Array("*1".utf8) : Array("*0".utf8)
        guard setting.count >= 4,
            setting.starts(with: Array("$P$".utf8)) || setting.starts(with: Array("$H$".utf8)),
            let log2 = PHPassEncoding.index(of: setting[3]), (7...30).contains(log2),
            setting.count >= 12
        else { return failure }
        let salt = Array(setting[4..<12])
        let digest = OpenSSLDigest.phpassChain(salt: salt, password: password, rounds: 1 << log2)
        return Array(setting[0..<12]) + PHPassEncoding.encode(digest)
    }

    /// Mirrors `PasswordHash::CheckPassword()`: phpass first, then PHP's `crypt()` for any other
    /// format (through which WordPress 6.1 also reads bcrypt, `$1$`, `$5$` and `$6$` hashes).
    public static func check(_ password: [UInt8], against stored: String) -> Bool {
        guard password.count <= maximumPasswordLength else { return false }
        let storedBytes = Array(stored.utf8)
        var computed = cryptPrivate(password, setting: storedBytes)
        if computed.first == UInt8(ascii: "*") {
            guard let crypted = PHPCrypt.crypt(password, setting: stored) else { return false }
            computed = Array(crypted.utf8)
        }
        return ConstantTime.equals(computed, storedBytes)
    }
}
