import MemberStore
import PressGateHTTP

/// Mints auto-login links (for the purchase messages, the CRM hook and the link request form),
/// never for an account the ``AccountGuard`` refuses.
struct LinkMinter {
    let links: LoginLinks
    let accountGuard: AccountGuard
    let audit: AuditLog
    let app: PressGateApp

    /// A redirect path on this site for a link (`/members/x`), or nil.
    static func path(_ requested: String?) -> String? {
        guard let requested, !requested.isEmpty else { return "/" }
        guard RedirectPolicy.target(requested, homeHost: "", fallback: "") == requested, requested.hasPrefix("/"),
            requested.count <= 2000
        else { return nil }
        return requested
    }

    /// The URL of a new link for `member`, or nil when the guard refuses the account (recorded in
    /// the audit log with `ip`, the requester's address).
    func mint(
        for member: Member, redirectPath: String, keys: SiteKeys, now: Int, lifetime: Int? = nil, ip: String,
        in transaction: Transaction? = nil
    ) throws -> String? {
        let verdict = try accountGuard.verdict(for: member)
        guard verdict == .allowed else {
            try audit.record("link.refused_account", memberID: member.id, ip: ip, detail: verdict.detail)
            return nil
        }
        let settings = app.configuration.settings
        let token = try links.mint(
            memberID: member.id, userPass: member.passwordHash, redirectPath: redirectPath,
            lifetime: lifetime ?? settings.links.lifetime, uses: settings.links.uses, now: now, in: transaction)
        return keys.homeURL + app.http.routePrefix + "/link?t=" + token
    }
}
