import Foundation
import MemberStore
import PressGateConfiguration

/// What an e-mail says about the site: its name (`blogname`) and the host of its sender address
/// (`wordpress@<home host>` unless `mail_from` is set), as `wp_mail()` would.
struct SiteIdentity: Sendable, Equatable {
    let name: String
    let host: String
    /// The key of sealed payloads (``StorageSeal``), from the salts as they are now.
    var storageKey: [UInt8]? = nil

    /// Reads the options. A database that does not answer is an error (e-mails then wait), never a
    /// silent "the site"; a site without a `blogname` row is "the site".
    static func load(options: SiteOptions, homeURL: String?, wpConfigPath: String?) throws -> SiteIdentity {
        let name = try options.value("blogname")
        let home = try homeURL ?? options.value("home")
        let storageKey = try wpConfigPath.map { path in
            try options.storageKey(constants: try SiteConfiguration.currentSaltConstants(wpConfigPath: path))
        }
        return SiteIdentity(
            name: name ?? "the site",
            host: home.flatMap { URLComponents(string: $0)?.host } ?? "localhost", storageKey: storageKey)
    }

    /// The sender address: the configured one, else `wordpress@<host>`.
    func sender(configured: String?) -> String { configured ?? "wordpress@\(host)" }
}
