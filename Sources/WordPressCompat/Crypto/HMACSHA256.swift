/// HMAC-SHA256 for PressGate's own signatures (CSRF tokens, webhooks), through the shared OpenSSL digest.
public enum HMACSHA256 {
    public static func bytes(key: [UInt8], message: [UInt8]) -> [UInt8] {
        OpenSSLDigest.hmac(.sha256, key: key, message: message)
    }

    /// Lowercase hex, as `hash_hmac('sha256', …)` prints it.
    public static func hex(key: [UInt8], message: [UInt8]) -> String {
        Hex.lowercase(bytes(key: key, message: message))
    }
}
