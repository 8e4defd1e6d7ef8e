/// WordPress 6.8's `wp_fast_hash()` / `wp_verify_fast_hash()`: keyed BLAKE2b for high-entropy
/// secrets (reset keys, application passwords), which need no slow hash.
public enum FastHash {
    static let prefix = "$generic$"
    /// The key is the literal string `wp_fast_hash_6.8+` (17 bytes); the output is 30 bytes.
    static let key = Array("wp_fast_hash_6.8+".utf8)
    static let outputSize = 30

    /// `"$generic$" . sodium_bin2base64(sodium_crypto_generichash($message, 'wp_fast_hash_6.8+', 30), URLSAFE_NO_PADDING)`.
    public static func hash(_ message: [UInt8]) -> String {
        prefix + Base64.urlSafeNoPadding(OpenSSLDigest.keyedBLAKE2b(message: message, key: key, outputSize: outputSize))
    }

    /// Mirrors `wp_verify_fast_hash()`: a value without the `$generic$` prefix is checked as phpass
    /// (keys issued by 6.1–6.7 stay valid after the upgrade); otherwise a constant-time comparison.
    public static func verify(_ message: [UInt8], against hash: String) -> Bool {
        guard hash.hasPrefix(prefix) else { return PHPass.check(message, against: hash) }
        return ConstantTime.equals(hash, Self.hash(message))
    }
}
