import PressGateHTTP
import WordPressCompat

/// Which cookie opens the account pages (the password change, the session list, "log out everywhere
/// else", two-step settings).
///
/// WordPress sends its front-end `wordpress_logged_in_` cookie over plain http too (it is `Secure`
/// only when the login itself was on https), so on an https site it is the weaker of the two: for
/// its own account pages — wp-admin's profile — WordPress requires the `secure_auth` cookie on SSL
/// (`auth_redirect()` validates `wordpress_sec_…` when `is_ssl()`), which is `Secure` and sent only to
/// the admin paths. PressGate does the same for its account pages when the site's `home` is https:
/// it requires that `secure_auth` cookie, which its logins also set `Secure` on PressGate's own path
/// under the name ``accountCookieName(_:)`` (the admin-path `wordpress_sec_…` never reaches
/// `/auth/`; it counts too where it does). A member logged in through wp-login.php only logs in once
/// more at PressGate for these pages. Sites whose home is http keep the `logged_in` cookie.
extension SessionService {
    /// `pressgate_sec_<COOKIEHASH>`: the `secure_auth` cookie on PressGate's path (`/auth/`).
    static func accountCookieName(_ names: CookieNames) -> String { "pressgate_sec_" + names.cookieHash }

    /// The member whose cookies may open the account pages, or nil (to the login form, or 401).
    func accountMember(_ context: RequestContext) throws -> LoggedInMember? {
        let keys = try context.keys
        guard keys.homeIsHTTPS else { return try loggedInMember(context) }
        let cookies = context.request.cookies
        let names = keys.cookieNames
        return try member(
            behind: cookies[Self.accountCookieName(names)] ?? cookies[names.secureAuth], scheme: .secureAuth, context)
    }
}
