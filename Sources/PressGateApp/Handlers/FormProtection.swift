import MemberStore
import WordPressCompat

/// The protections every page with a form shares: the CSRF token and its cookie, the same-site
/// check on submission, and `no-referrer` for pages whose URL carries a secret.
extension AppWorker {
    /// The CSRF token for a page's form and the `Set-Cookie` value carrying its nonce: the
    /// browser's nonce when it has a well-formed one, else a fresh one. Every page with a form sends
    /// both, so a browser arriving without the cookie can still submit.
    func csrfForm(_ request: HTTPRequest, keys: SiteKeys) -> (token: String, cookie: String) {
        let nonce = request.cookies[CSRFToken.cookieName].flatMap { $0.count == SessionToken.length ? $0 : nil } ?? CSRFToken.newNonce()
        return (CSRFToken.token(forNonce: nonce, key: keys.csrfKey),
                Cookies.setCookie(name: CSRFToken.cookieName, value: nonce, path: app.settings.routePrefix + "/", expires: nil, secure: request.isHTTPS))
    }

    /// A state-changing form must come from this site: a valid CSRF token, or a JSON body (which a
    /// cross-site page cannot send without CORS), or an `Origin`/`Referer` naming this site's host
    /// (so an existing WordPress login form can post here).
    func requireSameSite(_ request: HTTPRequest, form: FormFields, keys: SiteKeys) throws {
        if CSRFToken.isValid(field: form[CSRFToken.fieldName], cookie: request.cookies[CSRFToken.cookieName], key: keys.csrfKey) { return }
        if request.contentType.hasPrefix("application/json") { return }
        for header in ["origin", "referer"] {
            guard let value = request.header(header), value != "null" else { continue }
            if RedirectPolicy.target(value, homeHost: keys.homeHost, fallback: "") == value && !value.hasPrefix("/") { return }
            throw HTTPError(403, message: "This form was sent from another site.")
        }
        throw HTTPError(403, message: "The form has expired. Please reload the page and try again.")
    }

    /// Pages reached by a URL holding a token or key: the browser must not send that URL onward.
    func noReferrer(_ response: HTTPResponse) -> HTTPResponse {
        var copy = response
        copy.headers = copy.headers.filter { $0.0 != "Referrer-Policy" } + [("Referrer-Policy", "no-referrer")]
        return copy
    }
}
