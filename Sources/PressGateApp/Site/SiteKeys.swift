import Foundation
import MemberStore
import PressGateConfiguration
import WordPressCompat

/// What every request needs from the site: the cookie signer (salts), cookie names and paths, and
/// the site's URLs. Read from wp-config.php and the options on the first request that can reach
/// the database, and again every few seconds (``SiteKeysCache``), so a salt rotation is followed.
public struct SiteKeys: Sendable {
    public let signer: AuthCookieSigner
    public let cookieNames: CookieNames
    public let siteURL: String
    public let homeURL: String
    /// `home`'s host (and port), the only host `redirect_to` may point to.
    public let homeHost: String
    public let homeIsHTTPS: Bool
    /// `blogname`: the issuer authenticator apps show, e-mails' site name.
    public let siteName: String
    /// `wp_salt('auth')`, the key of `wp_hash()` (the Two Factor plugin's e-mailed codes).
    let authSalt: String
    /// HMAC key for PressGate's own CSRF tokens, derived from `wp_salt('nonce')`.
    let csrfKey: [UInt8]
    /// The key of values kept sealed in the database (``StorageSeal``).
    let storageKey: [UInt8]
    /// SHA-256 of the salts and URLs: tells a reload that found new salts from one that did not.
    let fingerprint: String

    /// Keys made from given values (tests, and tools that know the salts already).
    public init(
        signer: AuthCookieSigner, cookieNames: CookieNames, siteURL: String, homeURL: String, csrfKey: [UInt8],
        siteName: String = "", authSalt: String = "", storageKey: [UInt8]? = nil
    ) {
        self.signer = signer
        self.cookieNames = cookieNames
        self.siteURL = siteURL
        self.homeURL = homeURL
        let home = URLComponents(string: homeURL)
        homeHost = ((home?.host ?? "") + (home?.port.map { ":\($0)" } ?? "")).lowercased()
        homeIsHTTPS = home?.scheme?.lowercased() == "https"
        self.csrfKey = csrfKey
        self.siteName = siteName.isEmpty ? homeHost : siteName
        self.authSalt = authSalt
        self.storageKey = storageKey ?? StorageSeal.key(secret: csrfKey + Array(authSalt.utf8))
        let salts =
            (signer.salts.constants.sorted { $0.key < $1.key } + signer.salts.options.sorted { $0.key < $1.key })
            .map { "\($0.key)=\($0.value)" }
        fingerprint = SessionToken.verifier(
            for: (salts + [siteURL, homeURL, Base64.standard(csrfKey), authSalt]).joined(separator: "\n"))
    }

    static func load(configuration: SiteConfiguration, options: SiteOptions) throws -> SiteKeys {
        let salts = try options.salts(
            constants: try configuration.currentSaltConstants(), schemes: ["auth", "secure_auth", "logged_in", "nonce"])
        let siteURL = try configuration.siteURLConstant ?? options.value("siteurl") ?? ""
        let homeURL = try configuration.homeURLConstant ?? options.value("home") ?? siteURL
        return SiteKeys(
            signer: AuthCookieSigner(salts: salts, wordpress: configuration.wordpress),
            cookieNames: CookieNames(siteURL: siteURL, homeURL: homeURL, cookieHash: configuration.cookieHashConstant),
            siteURL: siteURL, homeURL: homeURL,
            csrfKey: Array(try salts.salt(for: "nonce").utf8) + Array("|pressgate-csrf".utf8),
            siteName: try options.value("blogname") ?? "", authSalt: try salts.salt(for: "auth"),
            storageKey: try StorageSeal.key(salts: salts))
    }
}
