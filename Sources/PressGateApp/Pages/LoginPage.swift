/// The minimal, accessible login form. Field names are wp-login.php's, so the same form can post
/// to WordPress; the message is the same whatever went wrong (no account enumeration).
enum LoginPage {
    static func render(prefix: String, csrfToken: String, redirectTo: String, message: String?, loginValue: String = "") -> String {
        let notice = message.map { "<p class=\"notice\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>Log in</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
        label { display: block; margin-top: 1rem; font-weight: 600; }
        input[type=text], input[type=password] { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
        button { margin-top: 1.25rem; padding: .6rem 1.2rem; font-size: 1rem; }
        .notice { padding: .75rem; border-left: 4px solid #b32d2e; background: #fcf0f1; }
        </style>
        </head>
        <body>
        <main>
        <h1>Log in</h1>
        \(notice)
        <form method="post" action="\(HTML.escape(prefix))/login">
        <label for="user_login">Username or email address</label>
        <input type="text" name="log" id="user_login" value="\(HTML.escape(loginValue))" autocomplete="username" autocapitalize="off" required>
        <label for="user_pass">Password</label>
        <input type="password" name="pwd" id="user_pass" autocomplete="current-password" required>
        <p><label style="font-weight:normal"><input type="checkbox" name="rememberme" value="forever"> Remember me</label></p>
        <input type="hidden" name="redirect_to" value="\(HTML.escape(redirectTo))">
        <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrfToken))">
        <button type="submit">Log in</button>
        </form>
        <p><a href="\(HTML.escape(prefix))/password/forgot">Forgot password?</a></p>
        </main>
        </body>
        </html>
        """
    }
}
