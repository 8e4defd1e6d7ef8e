import Foundation
import MemberStore
import WordPressCompat

extension AppWorker {
    /// `GET /auth/welcome?claim=…` (or `?provider=stripe&ref=<checkout session>` from a success URL):
    /// the new member's login and generated password, shown once; then "already shown".
    func welcome(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let now = UTCTime.now()
        let lookup: WelcomeClaims.Lookup
        if let token = request.query["claim"], !token.isEmpty, token.utf8.count <= 128 {
            lookup = .token(token)
        } else if request.query["provider"] == "stripe", let reference = request.query["ref"], reference.hasPrefix("cs_"), reference.count <= 191 {
            // Only Stripe's checkout session ids are long and random enough to stand in for a token.
            lookup = .order(provider: "stripe", reference: reference)
        } else {
            throw HTTPError(404, message: "This welcome link is not valid.")
        }
        guard let claim = try welcomeClaims.open(lookup, now: now) else {
            if case .order(_, let reference) = lookup {
                // The browser often arrives before the webhook: the page refreshes itself (a worker
                // never sleeps), ten times at most; then it points to the e-mail and the login.
                let attempt = Int(request.query["n"] ?? "") ?? 0
                guard attempt < 10 else { return welcomePage(WelcomePage.processing(giveUp: true, prefix: app.settings.routePrefix), noReferrer: true) }
                let next = app.settings.routePrefix + "/welcome?provider=stripe&ref=" + Cookies.rawURLEncoded(reference) + "&n=\(attempt + 1)"
                return welcomePage(WelcomePage.processing(giveUp: false, prefix: app.settings.routePrefix), noReferrer: true)
                    .adding(header: "Refresh", "3; url=" + next)
            }
            throw HTTPError(404, message: "This welcome link has expired or is not valid.")
        }
        guard let member = try members.find(id: claim.memberID) else { throw HTTPError(404, message: "This welcome link is not valid.") }
        var password: String?
        if let sealed = claim.sealedPassword, let key = app.configuration.settings.purchases.welcomeKey,
           let opened = try? AESGCM.open(sealed, key: key) {
            password = String(decoding: opened, as: UTF8.self)
        }
        let csrf = csrfForm(request, keys: keys)
        let token: String? = if case .token(let value) = lookup { value } else { nil }
        let page = WelcomePage.render(login: member.login, password: password, prefix: app.settings.routePrefix,
                                      claim: claim.canLogIn ? token : nil, csrfToken: csrf.token)
        return welcomePage(page, noReferrer: true).adding(header: "Set-Cookie", csrf.cookie)
    }

    func welcomePage(_ html: String, noReferrer: Bool) -> HTTPResponse {
        var response = HTTPResponse.html(200, html)
        response.headers = response.headers.filter { $0.0 != "Referrer-Policy" } + [("Referrer-Policy", "no-referrer")]
        return response
    }

    /// `POST /auth/welcome` ("Log in now"): the claim's single login starts a session.
    func welcomeLogin(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        guard let token = form["claim"], let memberID = try welcomeClaims.consumeLogin(token: token, now: now),
              let member = try members.find(id: memberID) else {
            throw HTTPError(403, message: "This welcome link was already used or has expired. Please log in.")
        }
        return try startSession(for: member, request: request, keys: keys, remember: false, event: "login.welcome", now: now,
                                response: .redirect(to: app.settings.defaultRedirect))
    }
}
