/// The continue and invalid-link pages.
enum LinkPages {
    static func continuePage(prefix: String, token: String, csrf: String) -> Page {
        Page(
            title: "Continue to the site",
            """
            <h1>Continue to the site</h1>
            <p>This link logs you in.</p>
            <form method="post" action="\(HTML.escape(prefix))/link">
            <input type="hidden" name="t" value="\(HTML.escape(token))">
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Continue</button>
            </form>
            """)
    }

    static func invalid(prefix: String, csrf: String, notice: String?) -> Page {
        let message = notice.map { "<p role=\"status\">\(HTML.escape($0))</p>" } ?? ""
        return Page(
            title: "Link not valid",
            """
            <h1>This link does not work any more</h1>
            \(message)
            <p>It was used, it expired, or it was replaced. Ask for a fresh one by e-mail:</p>
            <form method="post" action="\(HTML.escape(prefix))/link/request">
            <label for="user_login">Username or email address</label>
            <input type="text" name="user_login" id="user_login" autocomplete="username" autocapitalize="off" required>
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Send me a new link</button>
            </form>
            <p><a href="\(HTML.escape(prefix))/login">Log in with your password</a></p>
            """)
    }
}
