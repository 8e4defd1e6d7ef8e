import MemberStore
import PressGateHTTP
import WordPressCompat

/// The thank-you page: `GET /auth/welcome?claim=…` (or `?provider=stripe&ref=<checkout session>` from
/// a success URL) shows the new member's login and a button; `POST /auth/welcome/password` (the
/// button) shows the generated password, once — a GET or HEAD (a link preview, a mail scanner) burns
/// nothing; `POST /auth/welcome` ("Log in now") starts a session with the claim's single login.
struct WelcomeController: RouteController {
    let app: PressGateApp
    let claims: WelcomeClaims
    let members: MemberRepository
    let sessions: SessionService

    func register(on routes: RouterGroup) {
        routes.get("/welcome") { try welcome($0, fields: $0.request.query, reveal: false) }
        let forms = routes.group(middleware: [SameSiteMiddleware()])
        forms.post("/welcome", welcomeLogin)
        forms.post("/welcome/password") { try welcome($0, fields: try $0.form().values, reveal: true) }
    }

    /// The page, from the link's query (GET) or the button's form (POST, `reveal`: the password).
    func welcome(_ context: RequestContext, fields query: [String: String], reveal: Bool) throws -> HTTPResponse {
        let lookup: WelcomeClaims.Lookup
        if let token = query["claim"], !token.isEmpty, token.utf8.count <= 128 {
            lookup = .token(token)
        } else if query["provider"] == "stripe", let reference = query["ref"], reference.hasPrefix("cs_"),
            reference.count <= 191
        {
            // Only Stripe's checkout session ids are long and random enough to stand in for a token.
            lookup = .order(provider: "stripe", reference: reference)
        } else {
            throw HTTPError(404, message: "This welcome link is not valid.")
        }
        guard let claim = try claims.open(lookup, now: context.now, takingPassword: reveal) else {
            if case .order(_, let reference) = lookup { return processing(context, reference: reference) }
            throw HTTPError(404, message: "This welcome link has expired or is not valid.")
        }
        guard let member = try members.find(id: claim.memberID) else {
            throw HTTPError(404, message: "This welcome link is not valid.")
        }
        var password: String?
        if let sealed = claim.sealedPassword, let key = app.configuration.settings.purchases.welcomeKey,
            let opened = try? AESGCM.open(sealed, key: key)
        {
            password = String(decoding: opened, as: UTF8.self)
        }
        let token: String? = if case .token(let value) = lookup { value } else { nil }
        let reference: (String, String)? =
            if case .order(let provider, let ref) = lookup { (provider, ref) } else { nil }
        let page = WelcomePage.render(
            login: member.login, password: password, passwordWaiting: claim.passwordWaiting && !reveal,
            prefix: context.prefix, claim: token, canLogIn: claim.canLogIn, order: reference,
            csrfToken: try context.csrfToken())
        return context.page(200, page).noReferrer()
    }

    /// The browser often arrives before the webhook: the page refreshes itself (a worker never
    /// sleeps), ten times at most; then it points to the e-mail and the login.
    func processing(_ context: RequestContext, reference: String) -> HTTPResponse {
        let attempt = Int(context.request.query["n"] ?? "") ?? 0
        guard attempt < 10 else {
            return context.page(200, WelcomePage.processing(giveUp: true, prefix: context.prefix)).noReferrer()
        }
        let next =
            context.path("/welcome?provider=stripe&ref=") + Cookies.rawURLEncoded(reference) + "&n=\(attempt + 1)"
        return context.page(200, WelcomePage.processing(giveUp: false, prefix: context.prefix)).noReferrer()
            .adding(header: "Refresh", "3; url=" + next)
    }

    /// `POST /auth/welcome` ("Log in now"): the claim's single login starts a session.
    func welcomeLogin(_ context: RequestContext) throws -> HTTPResponse {
        guard let token = try context.form()["claim"],
            let memberID = try claims.consumeLogin(token: token, now: context.now),
            let member = try members.find(id: memberID)
        else {
            throw HTTPError(403, message: "This welcome link was already used or has expired. Please log in.")
        }
        return try sessions.start(
            for: member, context: context, remember: false, event: "login.welcome",
            response: .redirect(to: app.http.loginRedirect))
    }
}
