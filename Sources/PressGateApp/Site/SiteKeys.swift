import Foundation
import MemberStore
import PressGateConfiguration
import WordPressCompat

/// What every request needs from the site and never changes while PressGate runs: the cookie
/// signer (salts), cookie names and paths, and the site's URLs. Read from wp-config.php and the
/// options once, on the first request that can reach the database.
public struct SiteKeys: Sendable {
    public let signer: AuthCookieSigner
    public let cookieNames: CookieNames
    public let siteURL: String
    public let homeURL: String
    /// `home`'s host (and port), the only host `redirect_to` may point to.
    public let homeHost: String
    public let homeIsHTTPS: Bool
    /// HMAC key for PressGate's own CSRF tokens, derived from `wp_salt('nonce')`.
    let csrfKey: [UInt8]

    static func load(configuration: SiteConfiguration, options: SiteOptions) throws -> SiteKeys {
        let salts = try options.salts(constants: configuration.saltConstants, schemes: ["auth", "secure_auth", "logged_in", "nonce"])
        let siteURL = try configuration.siteURLConstant ?? options.value("siteurl") ?? ""
        let homeURL = try configuration.homeURLConstant ?? options.value("home") ?? siteURL
        let home = URLComponents(string: homeURL)
        let host = (home?.host ?? "") + (home?.port.map { ":\($0)" } ?? "")
        return SiteKeys(
            signer: AuthCookieSigner(salts: salts, wordpress: configuration.wordpress),
            cookieNames: CookieNames(siteURL: siteURL, homeURL: homeURL, cookieHash: configuration.cookieHashConstant),
            siteURL: siteURL, homeURL: homeURL, homeHost: host.lowercased(), homeIsHTTPS: home?.scheme?.lowercased() == "https",
            csrfKey: Array(try salts.salt(for: "nonce").utf8) + Array("|pressgate-csrf".utf8))
    }
}

/// The site keys, loaded once and shared by every worker thread.
///
/// `@unchecked Sendable`: the only mutable state is `keys`, written once under `lock`.
final class SiteKeysCache: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: SiteKeys?

    func get(_ load: () throws -> SiteKeys) throws -> SiteKeys {
        lock.lock()
        defer { lock.unlock() }
        if let keys { return keys }
        let loaded = try load()
        keys = loaded
        return loaded
    }
}
