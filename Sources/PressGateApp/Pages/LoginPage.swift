/// The minimal, accessible login form. Field names are wp-login.php's, so the same form can post
/// to WordPress; the message is the same whatever went wrong (no account enumeration).
enum LoginPage {
    static func render(
        prefix: String, csrfToken: String, redirectTo: String, message: String?, loginValue: String = ""
    ) -> Page {
        let notice =
            message.map { "<p class=\"notice\" id=\"login-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return Page(
            title: "Log in",
            """
            <h1>Log in</h1>
            \(notice)
            <form method="post" action="\(HTML.escape(prefix))/login">
            <label for="user_login">Username or email address</label>
            <input type="text" name="log" id="user_login" value="\(HTML.escape(loginValue))" autocomplete="username" autocapitalize="off" required\(message == nil ? "" : " aria-describedby=\"login-error\"")>
            <label for="user_pass">Password</label>
            <input type="password" name="pwd" id="user_pass" autocomplete="current-password" required\(message == nil ? "" : " aria-describedby=\"login-error\"")>
            <p><label class="inline"><input type="checkbox" name="rememberme" value="forever"> Remember me</label></p>
            <input type="hidden" name="redirect_to" value="\(HTML.escape(redirectTo))">
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrfToken))">
            <button type="submit">Log in</button>
            </form>
            <p><a href="\(HTML.escape(prefix))/password/forgot">Forgot password?</a></p>
            """)
    }
}
