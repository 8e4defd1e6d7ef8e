import PressGateHTTP

/// "A live session is required" for the account routes: the member behind the account cookie
/// (``SessionService/accountMember(_:)``: on an https site the `Secure` `secure_auth` cookie, else
/// `logged_in`; validated as `wp_validate_auth_cookie()` does) is put into the context; without one
/// a page request goes to the login form and a form submission gets 401.
struct SessionRequiredMiddleware: RouterMiddleware {
    enum Refusal {
        /// To the login form, coming back to `returnPath` (under the prefix) afterwards.
        case redirectToLogin(returnPath: String)
        case unauthorized
    }

    let sessions: SessionService
    let refusal: Refusal

    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        guard let session = try sessions.accountMember(context) else {
            switch refusal {
            case .redirectToLogin(let returnPath):
                let target = context.path("/login?redirect_to=") + Cookies.rawURLEncoded(context.path(returnPath))
                return .redirect(to: target)
            case .unauthorized:
                throw HTTPError(401, message: "Please log in again.")
            }
        }
        context.session = session
        return try next(context)
    }
}
