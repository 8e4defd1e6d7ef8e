/// `wp_hash_password`, `wp_check_password` and `wp_password_needs_rehash` for one site: its
/// WordPress version decides what can be read, the configured target what is written.
public struct PasswordHasher: Sendable {
    public let wordpress: WordPressVersion
    public let target: PasswordHashTarget

    /// The HMAC key of WordPress 6.8's bcrypt pre-hash.
    static let preHashKey = Array("wp-sha384".utf8)

    /// Refuses a target the site's WordPress cannot read (wp-bcrypt on 6.1–6.7) and a bad cost.
    public init(wordpress: WordPressVersion, target: PasswordHashTarget = .phpass) throws(PasswordHashingError) {
        if case .wordPressBcrypt(let cost) = target {
            guard PasswordHashTarget.bcryptCostRange.contains(cost) else { throw .invalidBcryptCost(cost) }
            guard wordpress == .v6_8 else { throw .targetUnreadable(target, by: wordpress) }
        }
        self.wordpress = wordpress
        self.target = target
    }

    // MARK: Hashing

    /// Mirrors `wp_hash_password()`: the password is trimmed first (both versions).
    public func hash(_ password: [UInt8]) throws(PasswordHashingError) -> String {
        var random = SystemRandom()
        return try hash(password, using: &random)
    }

    /// ``hash(_:)`` with a chosen source of salt bytes (seeded in unit tests).
    public func hash(
        _ password: [UInt8], using random: inout some RandomByteSource
    ) throws(PasswordHashingError) -> String {
        switch target {
        case .phpass:
            // 6.1: PasswordHash(8, true)->HashPassword(trim($password)); "*" past 4096 bytes.
            guard let hash = PHPass.hash(PHPString.trim(password), using: &random) else { throw .passwordTooLong }
            return hash
        case .wordPressBcrypt(let cost):
            // 6.8: the 4096-byte limit applies to the untrimmed password, the pre-hash to the trimmed one.
            guard password.count <= PHPass.maximumPasswordLength else { throw .passwordTooLong }
            let preHash = Self.preHash(PHPString.trim(password))
            guard let setting = XCrypt.bcryptSetting(cost: cost, randomBytes: random.nextBytes(16)),
                let bcrypt = XCrypt.crypt(Array(preHash.utf8), setting: setting)
            else { throw .bcryptFailed }
            return "$wp" + bcrypt
        }
    }

    /// `base64_encode(hash_hmac('sha384', $password, 'wp-sha384', true))`: 64 characters, never a
    /// NUL, well under bcrypt's 72-byte limit.
    static func preHash(_ password: [UInt8]) -> String {
        Base64.standard(OpenSSLDigest.hmac(.sha384, key: preHashKey, message: password))
    }

    // MARK: Checking

    /// Mirrors `wp_check_password()` of the site's version: no trimming here (wp-login.php's own
    /// trimming and slashing are ``LoginFormPassword``'s job).
    public func check(_ password: [UInt8], against hash: String) -> PasswordCheckResult {
        Self.check(password, against: hash, wordpress: wordpress)
    }

    public static func check(
        _ password: [UInt8], against hash: String, wordpress: WordPressVersion
    ) -> PasswordCheckResult {
        let format = PasswordHashFormat(hash)
        if format == .legacyMD5 {
            // hash_equals($hash, md5($password)): lowercase hex only, and no length limit.
            let md5 = Hex.lowercase(OpenSSLDigest.md5(password))
            return ConstantTime.equals(hash, md5) ? .match : .mismatch
        }
        guard password.count <= PHPass.maximumPasswordLength else { return .uncheckable(.passwordTooLong) }
        switch wordpress {
        case .v6_1:
            // Everything goes through PasswordHash::CheckPassword, whose crypt() fallback reads
            // bcrypt and the crypt formats but not `$wp$` or argon2.
            if PHPass.check(password, against: hash) { return .match }
            switch format {
            case .wordPressBcrypt, .argon2i, .argon2id, .unknown: return .uncheckable(.unreadableFormat)
            default: return .mismatch
            }
        case .v6_8:
            switch format {
            case .wordPressBcrypt:
                let preHash = Array(Self.preHash(password).utf8)
                return PHPCrypt.passwordVerify(preHash, hash: String(hash.dropFirst(3)))
            case .phpass:
                return PHPass.check(password, against: hash) ? .match : .mismatch
            default:
                // password_verify(): bcrypt, crypt formats, argon2. `$H$` is no longer read.
                return PHPCrypt.passwordVerify(password, hash: hash)
            }
        }
    }

    // MARK: Rehash policy

    /// Whether a hash that just matched should be replaced by one in the target format.
    ///
    /// For `wp-bcrypt` this mirrors `wp_password_needs_rehash()` exactly: anything not `$wp`-prefixed,
    /// and any `$wp$` hash whose inner bcrypt is not `$2y$` at the configured cost (up or down).
    /// For `phpass` (WordPress 6.1–6.7 has no such function, only the inline MD5 upgrade in
    /// `wp_check_password`), formats weaker than `$P$B` are upgraded — MD5, `$H$`, `$1$`, `$P$` with
    /// fewer rounds — and so is anything the site's WordPress cannot read; stronger formats
    /// (bcrypt, `$wp$`, argon2, SHA-crypt) are kept rather than downgraded.
    public func needsRehash(_ hash: String) -> Bool {
        let format = PasswordHashFormat(hash)
        switch target {
        case .wordPressBcrypt(let cost):
            guard format == .wordPressBcrypt else { return true }
            let inner = hash.utf8.dropFirst(3)
            guard inner.count == 60, inner.starts(with: "$2y$".utf8),
                let innerCost = Int(String(decoding: inner.dropFirst(4).prefix(2), as: UTF8.self))
            else { return true }
            return innerCost != cost
        case .phpass:
            switch format {
            case .legacyMD5, .phpassPHPBB, .md5Crypt, .unknown:
                return true
            case .phpass:
                let countCharacter = hash.utf8.dropFirst(3).first.flatMap(PHPassEncoding.index(of:)) ?? 0
                return countCharacter < PHPassEncoding.index(of: PHPass.wordPressCountCharacter)!
            case .wordPressBcrypt, .argon2i, .argon2id:
                return wordpress == .v6_1
            case .bcrypt, .sha256Crypt, .sha512Crypt:
                return false
            }
        }
    }
}
