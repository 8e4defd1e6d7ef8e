import PressGateHTTP

/// Forgot-password, reset and "done" pages (wp-login.php's field names: `user_login`, `pass1`, `pass2`).
enum RecoveryPages {
    static func forgot(prefix: String, csrf: String, notice: String?) -> Page {
        let message = notice.map { "<p class=\"notice\" role=\"status\">\(HTML.escape($0))</p>" } ?? ""
        return Page(
            title: "Forgot your password?",
            """
            <h1>Forgot your password?</h1>
            \(message)
            <p>Enter your username or e-mail address. You will get an e-mail with a link to choose a new password.</p>
            <form method="post" action="\(HTML.escape(prefix))/password/forgot">
            <label for="user_login">Username or email address</label>
            <input type="text" name="user_login" id="user_login" autocomplete="username" autocapitalize="off" required>
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Get a new password</button>
            </form>
            <p><a href="\(HTML.escape(prefix))/login">Log in</a></p>
            """)
    }

    static func reset(prefix: String, csrf: String, error: String?, minimum: Int) -> Page {
        let problem = error.map { "<p class=\"notice\" id=\"pass-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let described = error == nil ? "pass-help" : "pass-help pass-error"
        return Page(
            title: "Choose a new password",
            """
            <h1>Choose a new password</h1>
            \(problem)
            <form method="post" action="\(HTML.escape(prefix))/password/reset">
            <label for="pass1">New password</label>
            <input type="password" name="pass1" id="pass1" autocomplete="new-password" minlength="\(minimum)" required aria-describedby="\(described)">
            <p id="pass-help" class="help">At least \(minimum) characters. A few unrelated words are easy to remember and hard to guess.</p>
            <label for="pass2">Repeat the new password</label>
            <input type="password" name="pass2" id="pass2" autocomplete="new-password" required>
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Save the new password</button>
            </form>
            """)
    }

    static func invalid(prefix: String) -> Page {
        Page(
            title: "Link not valid",
            """
            <h1>This link is not valid any more</h1>
            <p>It was used already, or it expired. <a href="\(HTML.escape(prefix))/password/forgot">Get a new link</a>.</p>
            """)
    }

    static func done(prefix: String) -> Page {
        Page(
            title: "Password changed",
            """
            <h1>Your password was changed</h1>
            <p>All sessions of your account were ended. <a href="\(HTML.escape(prefix))/login">Log in</a> with the new password.</p>
            """)
    }
}

/// The account page: sessions and the password form.
