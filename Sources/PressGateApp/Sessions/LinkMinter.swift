import MemberStore
import PressGateHTTP

/// Mints auto-login links (for the purchase messages, the CRM hook and the link request form).
struct LinkMinter {
    let links: LoginLinks
    let app: PressGateApp

    /// A redirect path on this site for a link (`/members/x`), or nil.
    static func path(_ requested: String?) -> String? {
        guard let requested, !requested.isEmpty else { return "/" }
        guard RedirectPolicy.target(requested, homeHost: "", fallback: "") == requested, requested.hasPrefix("/"),
            requested.count <= 2000
        else { return nil }
        return requested
    }

    /// The URL of a new link for `member`.
    func mint(for member: Member, redirectPath: String, keys: SiteKeys, now: Int, lifetime: Int? = nil) throws -> String
    {
        let settings = app.configuration.settings
        let token = try links.mint(
            memberID: member.id, userPass: member.passwordHash, redirectPath: redirectPath,
            lifetime: lifetime ?? settings.links.lifetime, uses: settings.links.uses, now: now)
        return keys.homeURL + app.http.routePrefix + "/link?t=" + token
    }
}
