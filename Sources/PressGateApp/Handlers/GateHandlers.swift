import MemberStore
import WordPressCompat

extension AppWorker {
    /// `GET /auth/check` for nginx `auth_request`: 204 with the member's id and login when the
    /// logged-in cookie is valid (and, with `?product=`, the member holds that product), else 401 / 403.
    /// A recent "yes" for the same cookie and product is reused (``GateCache``).
    func check(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let now = UTCTime.now()
        let product = request.query["product"]
        let cookieValue = request.cookies[keys.cookieNames.loggedIn]
        if let cookieValue, let answer = app.gateCache.answer(cookie: cookieValue, product: product, now: now) {
            return allowed(answer)
        }
        let epoch = app.gateCache.epoch
        guard let (member, cookie) = try loggedInMember(request, keys: keys, now: now) else {
            return HTTPResponse.empty(401).adding(header: "Cache-Control", "no-store")
        }
        // A `product` parameter that is present must name a product: an empty one (a protected
        // location whose product was forgotten) fails closed.
        if let product {
            guard !product.isEmpty, try memberships.hasActive(memberID: member.id, product: product) else {
                return HTTPResponse.empty(403).adding(header: "Cache-Control", "no-store")
            }
        }
        let answer = GateCache.Answer(memberID: member.id, login: member.login, expiration: Int(cookie.expiration) ?? now)
        if let cookieValue { app.gateCache.remember(answer, cookie: cookieValue, product: product, epoch: epoch) }
        return allowed(answer)
    }

    private func allowed(_ answer: GateCache.Answer) -> HTTPResponse {
        HTTPResponse.empty(204)
            .adding(header: "X-PressGate-User-ID", String(answer.memberID))
            .adding(header: "X-PressGate-User-Login", Cookies.rawURLEncoded(answer.login))
            .adding(header: "Cache-Control", "no-store")
    }

    /// `POST /auth/logout`: ends this session (`WP_Session_Tokens::destroy`) and expires the cookies.
    func logout(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let form = try FormFields.body(of: request)
        try requireSameSite(request, form: form, keys: keys)
        let now = UTCTime.now()
        if let (member, cookie) = try loggedInMember(request, keys: keys, now: now) {
            try sessions.destroy(memberID: member.id, token: cookie.token, now: now)
            app.gateCache.forget(memberID: member.id)
            try audit.record("logout", memberID: member.id, ip: request.remoteAddress)
        }
        let redirect = RedirectPolicy.target(form["redirect_to"], homeHost: keys.homeHost, fallback: app.settings.defaultRedirect)
        var response: HTTPResponse = request.wantsJSON ? .json(200, .object([("ok", true)])) : .redirect(to: redirect)
        response.headers += clearedAuthCookies(secure: request.isHTTPS, keys: keys).map { ("Set-Cookie", $0) }
        return response
    }
}
