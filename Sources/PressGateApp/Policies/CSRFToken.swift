import WordPressCompat

/// Stateless CSRF protection for PressGate's forms (double submit, signed): the browser holds a
/// random nonce in the `pressgate_csrf` cookie and the form carries HMAC(nonce). A forged
/// cross-site POST has neither the cookie's value nor the key to sign it.
enum CSRFToken {
    static let cookieName = "pressgate_csrf"
    static let fieldName = "_pressgate_csrf"

    static func newNonce() -> String { SessionToken.generate() }

    static func token(forNonce nonce: String, key: [UInt8]) -> String {
        HMACSHA256.hex(key: key, message: Array(nonce.utf8))
    }

    static func isValid(field: String?, cookie: String?, key: [UInt8]) -> Bool {
        guard let field, let cookie, !cookie.isEmpty else { return false }
        return ConstantTime.equals(field, token(forNonce: cookie, key: key))
    }
}
