import PressGateHTTP

/// State-changing forms must come from this site (the route groups that change state use it): a
/// valid CSRF token, or a JSON body (which a cross-site page cannot send without CORS), or an
/// `Origin`/`Referer` naming this site's host (so an existing WordPress login form can post here).
struct SameSiteMiddleware: RouterMiddleware {
    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        try Self.check(context.request, form: try context.form(), keys: try context.keys)
        return try next(context)
    }

    static func check(_ request: HTTPRequest, form: FormFields, keys: SiteKeys) throws(HTTPError) {
        let cookie = request.cookies[CSRFToken.cookieName]
        if CSRFToken.isValid(field: form[CSRFToken.fieldName], cookie: cookie, key: keys.csrfKey) { return }
        if request.hasJSONBody { return }
        for header in ["origin", "referer"] {
            guard let value = request.header(header), value != "null" else { continue }
            if RedirectPolicy.target(value, homeHost: keys.homeHost, fallback: "") == value && !value.hasPrefix("/") {
                return
            }
            throw HTTPError(403, message: "This form was sent from another site.")
        }
        throw HTTPError(403, message: "The form has expired. Please reload the page and try again.")
    }
}
