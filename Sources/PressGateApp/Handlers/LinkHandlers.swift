import MemberStore
import WordPressCompat

extension AppWorker {
    /// A redirect path on this site for a link (`/members/x`), or nil.
    static func linkPath(_ requested: String?) -> String? {
        guard let requested, !requested.isEmpty else { return "/" }
        guard RedirectPolicy.target(requested, homeHost: "", fallback: "") == requested, requested.hasPrefix("/"), requested.count <= 2000 else {
            return nil
        }
        return requested
    }

    /// The URL of a new link for `member` (used by the hooks, the CLI and the purchase messages).
    func mintLink(for member: Member, redirectPath: String, keys: SiteKeys, now: Int, lifetime: Int? = nil) throws -> String {
        let settings = app.configuration.settings
        let token = try links.mint(memberID: member.id, userPass: member.passwordHash, redirectPath: redirectPath,
                                   lifetime: lifetime ?? settings.links.lifetime, uses: settings.links.uses, now: now)
        return keys.homeURL + app.settings.routePrefix + "/link?t=" + token
    }

    /// `GET /auth/link?t=…`: "Continue to the site" — opening the link (as a mail scanner does)
    /// uses nothing; the button's POST does.
    func showLink(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let csrf = csrfForm(request, keys: keys)
        guard let token = request.query["t"], !token.isEmpty, token.utf8.count <= 128 else {
            return noReferrer(HTTPResponse.html(400, LinkPages.invalid(prefix: app.settings.routePrefix, csrf: csrf.token, notice: nil)))
                .adding(header: "Set-Cookie", csrf.cookie)
        }
        return noReferrer(HTTPResponse.html(200, LinkPages.continuePage(prefix: app.settings.routePrefix, token: token, csrf: csrf.token)))
            .adding(header: "Set-Cookie", csrf.cookie)
    }

    /// `POST /auth/link`: uses the link, starts a session, goes to its path. Unknown, used, expired
    /// and revoked links all get the same page, with a way to ask for a fresh link by e-mail.
    func useLink(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        guard let token = form["t"], let use = try links.consume(token: token, now: now), let member = try members.find(id: use.memberID) else {
            try audit.record("link.refused", memberID: nil, ip: request.remoteAddress)
            let csrf = csrfForm(request, keys: keys)
            return noReferrer(HTTPResponse.html(400, LinkPages.invalid(prefix: app.settings.routePrefix, csrf: csrf.token, notice: nil)))
                .adding(header: "Set-Cookie", csrf.cookie)
        }
        return try startSession(for: member, request: request, keys: keys, remember: false, event: "login.link", now: now,
                                response: .redirect(to: use.redirectPath))
    }

    /// `POST /auth/link/request` (`user_login`): a fresh link by e-mail; the same answer whether or
    /// not the account exists, with the forgot-password budgets.
    func requestLink(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        let value = form["user_login"] ?? ""
        let member = value.isEmpty ? nil : try members.find(loginOrEmail: value)
        let budget = "link:" + throttleAccount(member: member, log: value)
        if case .allowed = try throttle.check(account: budget, address: request.remoteAddress, now: now), let member {
            let url = try mintLink(for: member, redirectPath: "/", keys: keys, now: now)
            try accounts.queueMail(mailPayload(.loginLink, member: member, keys: keys, loginLinkURL: url))
        }
        try throttle.recordFailure(account: budget, address: request.remoteAddress, now: now)
        let csrf = csrfForm(request, keys: keys)
        return noReferrer(HTTPResponse.html(200, LinkPages.invalid(prefix: app.settings.routePrefix, csrf: csrf.token,
                                                                   notice: "If an account matches, we sent an e-mail with a new link.")))
            .adding(header: "Set-Cookie", csrf.cookie)
    }

    /// `POST /auth/hooks/login-link` (Standard Webhooks, the purchase hook's secrets): a CRM asks for
    /// a link for `{"email", "redirect"?, "ttl"?}` and gets `{"url"}`.
    func loginLinkHook(_ request: HTTPRequest) throws -> HTTPResponse {
        let settings = app.configuration.settings
        guard !settings.purchases.webhookSecrets.isEmpty else { throw HTTPError(404, message: "Not found.") }
        let now = UTCTime.now()
        try refusingAudited(request) {
            try WebhookSignature.verifyStandard(request, secrets: settings.purchases.webhookSecrets, now: now)
        }
        let json = try refusingAudited(request) { try PurchaseEvents.object(request.body) }
        let email = try refusingAudited(request) { try PurchaseEvents.email(json["email"]) }
        guard let path = Self.linkPath(json["redirect"] as? String) else { throw HTTPError(400, message: "redirect must be a path on this site.") }
        let ttl = (json["ttl"] as? Int).map { max(60, min($0, 90 * 86_400)) }
        guard let member = try members.find(email: email) else { throw HTTPError(404, message: "No member has that e-mail address.") }
        let url = try mintLink(for: member, redirectPath: path, keys: try keys, now: now, lifetime: ttl)
        try audit.record("link.minted", memberID: member.id, ip: request.remoteAddress, detail: "hook")
        return .json(200, .object([("url", .string(url)), ("member_id", .int(Int(member.id)))]))
    }
}

/// The continue and invalid-link pages.
enum LinkPages {
    static func continuePage(prefix: String, token: String, csrf: String) -> String {
        Layout.page(title: "Continue to the site", """
        <h1>Continue to the site</h1>
        <p>This link logs you in.</p>
        <form method="post" action="\(HTML.escape(prefix))/link">
        <input type="hidden" name="t" value="\(HTML.escape(token))">
        <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
        <button type="submit">Continue</button>
        </form>
        """)
    }

    static func invalid(prefix: String, csrf: String, notice: String?) -> String {
        let message = notice.map { "<p role=\"status\">\(HTML.escape($0))</p>" } ?? ""
        return Layout.page(title: "Link not valid", """
        <h1>This link does not work any more</h1>
        \(message)
        <p>It was used, it expired, or it was replaced. Ask for a fresh one by e-mail:</p>
        <form method="post" action="\(HTML.escape(prefix))/link/request">
        <label for="user_login">Username or email address</label>
        <input type="text" name="user_login" id="user_login" autocomplete="username" autocapitalize="off" required>
        <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
        <button type="submit">Send me a new link</button>
        </form>
        <p><a href="\(HTML.escape(prefix))/login">Log in with your password</a></p>
        """)
    }
}
