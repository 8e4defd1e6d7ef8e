import MemberStore
import PressGateHTTP

/// Mints auto-login links (for the purchase messages, the CRM hook and the link request form),
/// never for an account the ``AccountGuard`` refuses.
struct LinkMinter {
    let links: LoginLinks
    let accountGuard: AccountGuard
    let audit: AuditLog
    let app: PressGateApp

    /// Who a link is for.
    enum Requester {
        /// A webhook sender (a purchase, `POST /hooks/login-link`): the link leaves PressGate through
        /// a CRM, so it is never minted for an account that can do more than a member, whatever
        /// `allow_privileged_sessions` says. A shared webhook secret is no credential of such an account.
        case sender
        /// The member, at the address the account has (the link request form): the guard's rules.
        case memberByEmail
    }

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
        requester: Requester, in transaction: Transaction? = nil
    ) throws -> String? {
        let verdict = try accountGuard.verdict(for: member, neverPrivileged: requester == .sender)
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
