import MemberStore
import PressGateHTTP
import WordPressCompat

/// Auto-login links: `GET /auth/link?t=…` ("Continue to the site": opening the link, as a mail
/// scanner does, uses nothing), `POST /auth/link` (uses it), `POST /auth/link/request` (a fresh one
/// by e-mail).
struct LinkController: RouteController {
    static let requestAnswer = "If an account matches, we sent an e-mail with a new link."

    let app: PressGateApp
    let links: LinkMinter
    let members: MemberRepository
    let throttle: LoginThrottle
    let accounts: AccountStore
    let audit: AuditLog
    let sessions: SessionService

    func register(on routes: RouterGroup) {
        routes.get("/link", showLink)
        let forms = routes.group("/link", middleware: [SameSiteMiddleware()])
        forms.post("", useLink)
        forms.post("/request", requestLink)
    }

    func showLink(_ context: RequestContext) throws -> HTTPResponse {
        guard let token = context.request.query["t"], !token.isEmpty, token.utf8.count <= 128 else {
            return try invalid(context, notice: nil)
        }
        let page = LinkPages.continuePage(prefix: context.prefix, token: token, csrf: try context.csrfToken())
        return context.page(200, page).noReferrer()
    }

    /// Uses the link, starts a session, goes to its path. Unknown, used, expired and revoked links
    /// all get the same page, with a way to ask for a fresh link by e-mail.
    func useLink(_ context: RequestContext) throws -> HTTPResponse {
        guard let token = try context.form()["t"], let use = try links.links.consume(token: token, now: context.now),
            let member = try members.find(id: use.memberID)
        else {
            try audit.count("link.refused", memberID: nil, ip: context.request.remoteAddress, now: context.now)
            return try invalid(context, notice: nil)
        }
        return try sessions.start(
            for: member, context: context, remember: false, event: "login.link",
            response: .redirect(to: use.redirectPath))
    }

    /// `user_login`: the same answer whether or not the account exists, after one commit either
    /// way (the budgets, the link and its e-mail, an audit row), with the forgot-password budgets.
    func requestLink(_ context: RequestContext) throws -> HTTPResponse {
        let value = try context.form()["user_login"] ?? ""
        let address = context.request.remoteAddress
        let member = value.isEmpty ? nil : try members.find(loginOrEmail: value)
        let budget = "link:" + ThrottleSubject.account(member: member, typed: value)
        let mailings = LoginThrottle.Budget.mailings(perHour: app.throttlePolicy.mailsPerAccountPerHour)
        let allowed = try throttle.check(account: budget, address: address, now: context.now, budget: mailings)
        let keys = try context.keys
        try throttle.recordFailure(account: budget, address: address, now: context.now) { transaction in
            if case .allowed = allowed, let member,
                let url = try links.mint(
                    for: member, redirectPath: "/", keys: keys, now: context.now, ip: address,
                    requester: .memberByEmail, in: transaction)
            {
                let mail = try OutboxMessages.mail(.loginLink, to: member, context: context, loginLinkURL: url)
                try accounts.queueMail(mail, in: transaction)
                try audit.record("link.requested", memberID: member.id, ip: address, in: transaction)
            } else {
                try audit.record("link.requested", memberID: nil, ip: address, detail: "no e-mail", in: transaction)
            }
        }
        return try invalid(context, notice: Self.requestAnswer, status: 200)
    }

    func invalid(_ context: RequestContext, notice: String?, status: HTTPStatus = 400) throws -> HTTPResponse {
        context.page(status, LinkPages.invalid(prefix: context.prefix, csrf: try context.csrfToken(), notice: notice))
            .noReferrer()
    }
}
