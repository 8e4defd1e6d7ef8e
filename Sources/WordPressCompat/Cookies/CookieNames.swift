/// Cookie names and paths as `wp_cookie_constants()` and `wp_plugin_directory_constants()` define
/// them from the `siteurl` and `home` options (or `WP_SITEURL`/`WP_HOME`).
public struct CookieNames: Equatable, Sendable {
    /// `COOKIEHASH`: `md5(siteurl)` as lowercase hex of the exact string.
    public let cookieHash: String
    public let auth: String
    public let secureAuth: String
    public let loggedIn: String
    /// `wp-resetpass-<hash>`, set by wp-login.php's reset flow.
    public let resetPassword: String
    /// `COOKIEPATH`, `SITECOOKIEPATH`, `ADMIN_COOKIE_PATH`, `PLUGINS_COOKIE_PATH`.
    public let cookiePath: String
    public let siteCookiePath: String
    public let adminCookiePath: String
    public let pluginsCookiePath: String

    /// `siteURL` is the `siteurl` option exactly as stored, or `untrailingslashit(WP_SITEURL)`;
    /// `homeURL` likewise for `home`. `cookieHash` overrides `COOKIEHASH` when wp-config.php defines it.
    public init(siteURL: String, homeURL: String, cookieHash: String? = nil) {
        let hash = cookieHash ?? (siteURL.isEmpty ? "" : Hex.lowercase(OpenSSLDigest.md5(Array(siteURL.utf8))))
        self.cookieHash = hash
        auth = "wordpress_\(hash)"
        secureAuth = "wordpress_sec_\(hash)"
        loggedIn = "wordpress_logged_in_\(hash)"
        resetPassword = "wp-resetpass-\(hash)"
        cookiePath = Self.stripSchemeAndHost(homeURL + "/")
        siteCookiePath = Self.stripSchemeAndHost(siteURL + "/")
        adminCookiePath = siteCookiePath + "wp-admin"
        // WP_PLUGIN_URL defaults to WP_CONTENT_URL . '/plugins' = siteurl . '/wp-content/plugins'.
        pluginsCookiePath = Self.stripSchemeAndHost(siteURL + "/wp-content/plugins")
    }

    /// `preg_replace('|https?://[^/]+|i', '', $url)`: removes every scheme-and-host run.
    static func stripSchemeAndHost(_ url: String) -> String {
        var bytes = Array(url.utf8)
        var output: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if let end = schemeAndHostEnd(in: bytes, from: i) {
                i = end
            } else {
                output.append(bytes[i])
                i += 1
            }
        }
        bytes = output
        return String(decoding: bytes, as: UTF8.self)
    }

    /// End index of a `https?://[^/]+` match starting at `start`, if there is one.
    private static func schemeAndHostEnd(in bytes: [UInt8], from start: Int) -> Int? {
        for scheme in ["http://", "https://"] {
            let pattern = Array(scheme.utf8)
            guard start + pattern.count < bytes.count else { continue }
            let candidate = bytes[start..<start + pattern.count]
            guard zip(candidate, pattern).allSatisfy({ lowercaseASCII($0) == $1 }) else { continue }
            var end = start + pattern.count
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
            if end > start + pattern.count { return end }
        }
        return nil
    }

    private static func lowercaseASCII(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }
}
