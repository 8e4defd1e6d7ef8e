/// The thank-you page: the login and the generated password, once.
enum WelcomePage {
    static func render(login: String, password: String?, prefix: String, claim: String?, csrfToken: String) -> Page {
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
        } else {
            body = """
                <h1>Welcome back</h1>
                <p>Your username is <code>\(HTML.escape(login))</code>. The password was already shown;
                if you did not keep it, <a href="\(HTML.escape(prefix))/password/forgot">set a new password</a>.</p>
                """
        }
        let button =
            claim.map { token in
                """
                <form method="post" action="\(HTML.escape(prefix))/welcome">
                <input type="hidden" name="claim" value="\(HTML.escape(token))">
                <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrfToken))">
                <button type="submit">Log in now</button>
                </form>
                """
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
