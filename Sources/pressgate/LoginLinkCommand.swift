import ArgumentParser
import MemberStore
import PressGateApp

/// `pressgate user login-link EMAIL [--redirect PATH] [--ttl SECONDS]`: prints an auto-login link.
struct LoginLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login-link",
        abstract: "Print a signed, expiring, single-use auto-login link for a member.")

    @Argument(help: "The member's e-mail address.")
    var email: String

    @Option(help: "Where the link goes on the site (a path, default /).")
    var redirect: String = "/"

    @Option(help: "Seconds the link works (default: the login_link_lifetime setting, 7 days).")
    var ttl: Int?

    @OptionGroup var site: SiteOptionsGroup

    func validate() throws {
        guard redirect.hasPrefix("/"), !redirect.hasPrefix("//"), !redirect.contains("\\") else {
            throw ValidationError("--redirect must be a path on the site, such as /members/")
        }
        if let ttl, !(60...(90 * 86_400)).contains(ttl) {
            throw ValidationError("--ttl must be between 60 seconds and 90 days")
        }
    }

    func run() throws {
        let context = try SiteContext(site)
        guard let member = try context.members.find(email: email) else {
            throw CommandFailure("no member has that e-mail address")
        }
        let settings = context.configuration.settings
        let verdict = try AccountGuard(states: context.stores.guardStates, settings: settings.guards).verdict(
            for: member)
        guard verdict == .allowed else {
            throw CommandFailure("no login link for this account: \(verdict.detail) (it logs in at wp-login.php)")
        }
        let home = try context.configuration.homeURLConstant ?? context.options.value("home") ?? ""
        let now = UTCTime.now()
        let token = try context.stores.links
            .mint(
                memberID: member.id, userPass: member.passwordHash, redirectPath: redirect,
                lifetime: ttl ?? settings.links.lifetime, uses: settings.links.uses, now: now)
        print(home + settings.http.routePrefix + "/link?t=" + token)
    }
}
