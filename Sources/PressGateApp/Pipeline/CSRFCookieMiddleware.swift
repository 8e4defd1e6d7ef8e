import PressGateHTTP

/// Sends the CSRF nonce cookie with any answer whose page asked for a token
/// (``RequestContext/csrfToken()``), so that no handler sets it by hand.
struct CSRFCookieMiddleware: RouterMiddleware {
    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        let response = try next(context)
        guard let cookie = context.pendingCSRFCookie else { return response }
        return response.adding(header: "Set-Cookie", cookie)
    }
}
