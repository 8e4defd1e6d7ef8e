/// The thank-you page: the login and the generated password, once.
enum WelcomePage {
    /// - Parameters:
    ///   - password: shown this once (after the button's POST).
    ///   - passwordWaiting: not shown yet: the page offers the button that shows it.
    ///   - claim: the claim token, when the page was reached by it (the button and "Log in now" carry it).
    ///   - order: the provider and order reference, when reached by a checkout's success URL.
    static func render(
        login: String, password: String?, passwordWaiting: Bool, prefix: String, claim: String?, canLogIn: Bool,
        order: (provider: String, reference: String)?, csrfToken: String
    ) -> Page {
        let csrf = "<input type=\"hidden\" name=\"\(CSRFToken.fieldName)\" value=\"\(HTML.escape(csrfToken))\">"
        let identifies =
            claim.map { "<input type=\"hidden\" name=\"claim\" value=\"\(HTML.escape($0))\">" }
            ?? order.map {
                "<input type=\"hidden\" name=\"provider\" value=\"\(HTML.escape($0.provider))\">"
                    + "<input type=\"hidden\" name=\"ref\" value=\"\(HTML.escape($0.reference))\">"
            } ?? ""
        let body: String
        if let password {
            body = """
                <h1>Welcome!</h1>
                <p>Your account is ready. Write your password down now: this page shows it only once.</p>
                <dl>
                <dt>Username</dt><dd><code>\(HTML.escape(login))</code></dd>
                <dt>Password</dt><dd><code>\(HTML.escape(password))</code></dd>
                </dl>
                """
        } else if passwordWaiting {
            body = """
                <h1>Welcome!</h1>
                <p>Your account is ready. Your username is <code>\(HTML.escape(login))</code>.</p>
                <p>Your password is shown once, when you ask for it: have somewhere ready to keep it.</p>
                <form method="post" action="\(HTML.escape(prefix))/welcome/password">
                \(identifies)
                \(csrf)
                <button type="submit">Show my password</button>
                </form>
                """
        } else {
            body = """
                <h1>Welcome back</h1>
                <p>Your username is <code>\(HTML.escape(login))</code>. The password was already shown;
                if you did not keep it, <a href="\(HTML.escape(prefix))/password/forgot">set a new password</a>.</p>
                """
        }
        let button =
            claim.flatMap { token in
                canLogIn
                    ? """
                    <form method="post" action="\(HTML.escape(prefix))/welcome">
                    <input type="hidden" name="claim" value="\(HTML.escape(token))">
                    \(csrf)
                    <button type="submit">Log in now</button>
                    </form>
                    """ : nil
            } ?? "<p><a href=\"\(HTML.escape(prefix))/login\">Log in</a></p>"
        return page(body + button)
    }

    static func processing(giveUp: Bool, prefix: String) -> Page {
        if giveUp {
            return page(
                "<h1>Thank you!</h1><p>Your purchase is being processed. If you already had an account, it was added to it: "
                    + "<a href=\"\(HTML.escape(prefix))/login\">log in</a>. Otherwise your login details arrive by e-mail.</p>"
            )
        }
        return page(
            "<h1>Thank you!</h1><p>Your purchase is still being processed. This page refreshes by itself in a few seconds.</p>"
        )
    }

    static func page(_ main: String) -> Page {
        Page(title: "Welcome", main)
    }
}
