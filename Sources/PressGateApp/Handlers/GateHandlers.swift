import MemberStore
import WordPressCompat

extension AppWorker {
    /// `GET /auth/check` for nginx `auth_request`: 204 with the member's id and login when the
    /// logged-in cookie is valid (and, with `?product=`, the member holds that product), else 401 / 403.
    func check(_ request: HTTPRequest) throws -> HTTPResponse {
        let keys = try keys
        let now = UTCTime.now()
        guard let (member, _) = try loggedInMember(request, keys: keys, now: now) else {
            return HTTPResponse.empty(401).adding(header: "Cache-Control", "no-store")
        }
        // A `product` parameter that is present must name a product: an empty one (a protected
        // location whose product was forgotten) fails closed.
        if let product = request.query["product"] {
            guard !product.isEmpty, try memberships.hasActive(memberID: member.id, product: product) else {
                return HTTPResponse.empty(403).adding(header: "Cache-Control", "no-store")
            }
        }
        return HTTPResponse.empty(204)
            .adding(header: "X-PressGate-User-ID", String(member.id))
            .adding(header: "X-PressGate-User-Login", Cookies.rawURLEncoded(member.login))
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
            try audit.record("logout", memberID: member.id, ip: request.remoteAddress)
        }
        let redirect = RedirectPolicy.target(form["redirect_to"], homeHost: keys.homeHost, fallback: app.settings.defaultRedirect)
        var response: HTTPResponse = request.wantsJSON ? .json(200, .object([("ok", true)])) : .redirect(to: redirect)
        response.headers += clearedAuthCookies(secure: request.isHTTPS, keys: keys).map { ("Set-Cookie", $0) }
        return response
    }
}
