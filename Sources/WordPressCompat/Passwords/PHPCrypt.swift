/// PHP's `crypt()` and `password_verify()` for the hash formats PHP knows, through libxcrypt and
/// libargon2. WordPress reaches these through phpass's fallback (6.1) or `password_verify` (6.8+).
enum PHPCrypt {
    /// The `crypt()` formats PHP implements and libxcrypt reads identically. Anything else (for
    /// example `$y$` yescrypt, which libxcrypt knows and PHP does not) must fail as it does in PHP.
    static let cryptPrefixes = ["$2y$", "$2a$", "$2b$", "$2x$", "$1$", "$5$", "$6$"]

    /// bcrypt reads at most this many bytes of the password; PHP and libxcrypt both ignore the rest.
    static let bcryptPasswordLimit = 72

    /// PHP's `crypt($password, $setting)` for the formats above; nil for any other setting.
    ///
    /// The password ends at its first NUL byte, as in PHP (C strings). bcrypt only reads 72 bytes, so
    /// only those are passed: libxcrypt refuses phrases of 512 bytes or more (`CRYPT_MAX_PASSPHRASE_SIZE`),
    /// which PHP's own bcrypt accepts. For `$1$`, `$5$` and `$6$` that limit remains, and such a
    /// check is reported as ``PasswordCheckResult/Reason/passwordTooLong``.
    static func crypt(_ password: [UInt8], setting: String) -> String? {
        guard cryptPrefixes.contains(where: { setting.hasPrefix($0) }) else { return nil }
        var phrase = Array(password.prefix { $0 != 0 })
        if setting.hasPrefix("$2") { phrase = Array(phrase.prefix(bcryptPasswordLimit)) }
        guard phrase.count < XCrypt.maximumPhraseLength else { return nil }
        return XCrypt.crypt(phrase, setting: setting)
    }

    /// True when ``crypt(_:setting:)`` would refuse the password for its length alone.
    static func exceedsCryptLimit(_ password: [UInt8], setting: String) -> Bool {
        !setting.hasPrefix("$2") && password.prefix { $0 != 0 }.count >= XCrypt.maximumPhraseLength
    }

    /// PHP's `password_verify($password, $hash)`: argon2 through libargon2, everything else through
    /// `crypt()`, compared in constant time.
    static func passwordVerify(_ password: [UInt8], hash: String) -> PasswordCheckResult {
        switch PasswordHashFormat(hash) {
        case .argon2i, .argon2id:
            guard let parameters = Argon2Parameters(hash), parameters.isWithinLimits else {
                return .uncheckable(.unsupportedParameters)
            }
            return Argon2.verify(password, encoded: hash, variant: parameters.variant) ? .match : .mismatch
        default:
            guard let computed = crypt(password, setting: hash) else {
                return .uncheckable(exceedsCryptLimit(password, setting: hash) ? .passwordTooLong : .unreadableFormat)
            }
            return ConstantTime.equals(computed, hash) ? .match : .mismatch
        }
    }
}

/// The cost parameters of an encoded argon2 hash (`$argon2id$v=19$m=65536,t=4,p=1$salt$hash`).
///
/// A hash can ask for any amount of memory; checking one that asks for more than
/// ``maximumMemoryKiB`` would let a single stored value exhaust the process, so it is refused with a
/// reason instead. PHP's defaults are m=65536 (64 MiB), t=4, p=1.
struct Argon2Parameters {
    static let maximumMemoryKiB = 1 << 20
    static let maximumIterations = 64
    static let maximumParallelism = 16

    let variant: Argon2.Variant
    let memoryKiB: Int
    let iterations: Int
    let parallelism: Int

    init?(_ hash: String) {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty else { return nil }
        switch parts[1] {
        case "argon2i": variant = .argon2i
        case "argon2id": variant = .argon2id
        default: return nil
        }
        var values: [Substring: Int] = [:]
        for pair in parts[3].split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let value = Int(kv[1]) else { return nil }
            values[kv[0]] = value
        }
        guard let m = values["m"], let t = values["t"], let p = values["p"] else { return nil }
        memoryKiB = m
        iterations = t
        parallelism = p
    }

    var isWithinLimits: Bool {
        (1...Self.maximumMemoryKiB).contains(memoryKiB)
            && (1...Self.maximumIterations).contains(iterations)
            && (1...Self.maximumParallelism).contains(parallelism)
    }
}
