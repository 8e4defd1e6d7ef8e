/// `wp_hash($data, $scheme)`: `hash_hmac('md5', $data, wp_salt($scheme))`, in hex. The Two Factor
/// plugin stores its e-mailed codes this way (scheme `auth`).
public enum WordPressHash {
    public static func wpHash(_ data: String, salt: String) -> String {
        OpenSSLDigest.hmac(.md5, key: Array(salt.utf8), message: Array(data.utf8)).map {
            let hex = String($0, radix: 16)
            return $0 < 16 ? "0" + hex : hex
        }.joined()
    }
}
