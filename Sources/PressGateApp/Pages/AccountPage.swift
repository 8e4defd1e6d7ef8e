import PressGateHTTP

/// The account page: sessions, the password form, two-step verification, log out.
enum AccountPage {
    struct Session {
        let isCurrent: Bool
        let created: Int
        let ip: String
        let browser: String
        let expires: Int
    }

    /// `twoFactor`: the two-step verification section (``TwoFactorSettingsPage/section``).
    static func render(
        prefix: String, login: String, sessions: [Session], csrf: String, notice: String?, error: String?, minimum: Int,
        twoFactor: String
    ) -> Page {
        let rows = sessions.map { session in
            "<tr><td>\(HTTPDate.format(session.created))\(session.isCurrent ? " (this browser)" : "")</td><td>\(HTML.escape(session.ip))</td>"
                + "<td>\(HTML.escape(String(session.browser.prefix(120))))</td><td>\(HTTPDate.format(session.expires))</td></tr>"
        }.joined(separator: "\n")
        let problem =
            error.map { "<p class=\"notice\" id=\"change-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let described = error == nil ? "pass-help" : "pass-help change-error"
        let status = notice.map { "<p role=\"status\">\(HTML.escape($0))</p>" } ?? ""
        return Page(
            title: "Your account",
            """
            <h1>Your account</h1>
            <p>Logged in as <strong>\(HTML.escape(login))</strong>.</p>
            \(status)
            <h2>Sessions</h2>
            <table><thead><tr><th scope="col">Started</th><th scope="col">Address</th><th scope="col">Browser</th><th scope="col">Expires</th></tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            <form method="post" action="\(HTML.escape(prefix))/account/sessions">
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Log out everywhere else</button>
            </form>
            <h2>Change your password</h2>
            \(problem)
            <form method="post" action="\(HTML.escape(prefix))/account/password">
            <label for="current">Current password</label>
            <input type="password" name="current" id="current" autocomplete="current-password" required>
            <label for="pass1">New password</label>
            <input type="password" name="pass1" id="pass1" autocomplete="new-password" minlength="\(minimum)" required aria-describedby="\(described)">
            <p id="pass-help" class="help">At least \(minimum) characters.</p>
            <label for="pass2">Repeat the new password</label>
            <input type="password" name="pass2" id="pass2" autocomplete="new-password" required>
            <p><label class="inline"><input type="checkbox" name="keep_sessions" value="1"> Keep my other sessions</label></p>
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Change password</button>
            </form>
            \(twoFactor)
            <form method="post" action="\(HTML.escape(prefix))/logout">
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <button type="submit">Log out</button>
            </form>
            """)
    }
}
