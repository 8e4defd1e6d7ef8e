/// Values PressGate must keep in the database for a while but not in clear (a live reset key's
/// copy, queued e-mails carrying links and codes): AES-256-GCM under a key derived from the site's
/// salts, so a copy of the database alone (a backup, a read-only SQL injection) does not open them.
/// The key lives where the salts live (wp-config.php on a well-configured site); rotating the
/// salts makes sealed values unreadable, which is what "log everyone out" means for them too.
///
/// Stored form: `pgs1:` + base64(nonce ‖ ciphertext ‖ tag); the purpose is the associated data,
/// so a value sealed for one use does not open as another.
public enum StorageSeal {
    static let prefix = "pgs1:"

    /// The key for a secret (HMAC-SHA256, so the secret's length and alphabet do not matter).
    public static func key(secret: [UInt8]) -> [UInt8] {
        OpenSSLDigest.hmac(.sha256, key: secret, message: Array("pressgate storage seal v1".utf8))
    }

    /// The site's key: from `wp_salt('auth')` and `wp_salt('nonce')`.
    public static func key(salts: WordPressSalts) throws(WordPressSalts.Failure) -> [UInt8] {
        key(secret: Array(try salts.salt(for: "auth").utf8) + [0] + Array(try salts.salt(for: "nonce").utf8))
    }

    public static func seal(_ text: String, key: [UInt8], purpose: String) throws(AESGCM.Failure) -> String {
        prefix + Base64.standard(try AESGCM.seal(Array(text.utf8), key: key, associatedData: Array(purpose.utf8)))
    }

    /// The text, or nil when the value is not sealed, was sealed under other salts, or was altered.
    public static func open(_ stored: String, key: [UInt8], purpose: String) -> String? {
        guard isSealed(stored), let bytes = Base64.decode(String(stored.dropFirst(prefix.count))),
            let opened = try? AESGCM.open(bytes, key: key, associatedData: Array(purpose.utf8))
        else { return nil }
        return String(decoding: opened, as: UTF8.self)
    }

    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }
}
