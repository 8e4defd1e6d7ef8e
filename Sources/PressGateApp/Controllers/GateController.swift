import MemberStore
import PressGateHTTP
import WordPressCompat

/// `GET /auth/check` for nginx `auth_request`: 204 with the member's id and login when the
/// logged-in cookie is valid (and, with `?product=`, the member holds that product), else 401 / 403.
/// A recent "yes" for the same cookie and product is reused (``GateCache``).
struct GateController: RouteController {
    let app: PressGateApp
    let sessions: SessionService
    let memberships: Memberships

    func register(on routes: RouterGroup) {
        routes.answeringErrorsAsJSON().get("/check", check)
    }

    func check(_ context: RequestContext) throws -> HTTPResponse {
        let keys = try context.keys
        let product = context.request.query["product"]
        let cookieValue = context.request.cookies[keys.cookieNames.loggedIn]
        if let cookieValue, let answer = app.gateCache.answer(cookie: cookieValue, product: product, now: context.now) {
            context.memberID = answer.memberID
            AppMetrics.gate("allowed", cached: true)
            return allowed(answer)
        }
        let epoch = app.gateCache.epoch
        guard let session = try sessions.loggedInMember(context) else {
            AppMetrics.gate("denied", cached: false)
            return .empty(401)
        }
        let member = session.member
        context.memberID = member.id
        // A `product` parameter that is present must name a product: an empty one (a protected
        // location whose product was forgotten) fails closed.
        var expiration = Int(session.cookie.expiration) ?? context.now
        if let product {
            guard !product.isEmpty,
                let until = try memberships.activeUntil(memberID: member.id, product: product, now: context.now)
            else {
                AppMetrics.gate("forbidden", cached: false)
                return .empty(403)
            }
            // A cached "yes" never outlives the grant's end (the grant holds while now < until).
            expiration = min(expiration, until - 1)
        }
        let answer = GateCache.Answer(memberID: member.id, login: member.login, expiration: expiration)
        if let cookieValue { app.gateCache.remember(answer, cookie: cookieValue, product: product, epoch: epoch) }
        AppMetrics.gate("allowed", cached: false)
        return allowed(answer)
    }

    private func allowed(_ answer: GateCache.Answer) -> HTTPResponse {
        HTTPResponse.empty(204)
            .adding(header: "X-PressGate-User-ID", String(answer.memberID))
            .adding(header: "X-PressGate-User-Login", Cookies.rawURLEncoded(answer.login))
    }
}
