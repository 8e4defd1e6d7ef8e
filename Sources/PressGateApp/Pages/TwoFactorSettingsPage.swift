/// Two-step verification on the account page: its state, turning an authenticator app on (the key
/// as text and as a QR code), backup codes shown once, and turning it off.
enum TwoFactorSettingsPage {
    struct Status {
        let totpOn: Bool
        let backupCodesLeft: Int
    }

    static func section(prefix: String, csrf: String, status: Status, error: String?) -> String {
        let action = HTML.escape(prefix) + "/account/two-factor"
        let token = #"<input type="hidden" name="\#(CSRFToken.fieldName)" value="\#(HTML.escape(csrf))">"#
        let problem =
            error.map { "<p class=\"notice\" id=\"two-factor-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        guard status.totpOn else {
            return """
                <h2 id="two-factor">Two-step verification</h2>
                \(problem)
                <p>Off. With an authenticator app, a stolen password alone no longer opens your account.</p>
                <form method="post" action="\(action)/setup">
                \(token)
                <button type="submit">Set up an authenticator app</button>
                </form>
                """
        }
        return """
            <h2 id="two-factor">Two-step verification</h2>
            \(problem)
            <p>On: you log in with your password and a code from your authenticator app.
            Backup codes left: \(status.backupCodesLeft).</p>
            <form method="post" action="\(action)/backup-codes">
            \(token)
            <button type="submit">Make new backup codes</button>
            </form>
            <form method="post" action="\(action)/off">
            <label for="off-current">Current password</label>
            <input type="password" name="current" id="off-current" autocomplete="current-password" required>
            <label for="off-code">A code from your app, or a backup code</label>
            <input type="text" name="authcode" id="off-code" autocomplete="one-time-code" required>
            \(token)
            <button type="submit">Turn two-step verification off</button>
            </form>
            """
    }

    /// The new key as text (in groups of four) and as a QR code, and the first code that confirms it.
    static func setup(
        prefix: String, csrf: String, key: String, signature: String, qrCode: String, error: String?
    ) -> Page {
        let grouped = stride(from: 0, to: key.count, by: 4).map { offset in
            String(key.dropFirst(offset).prefix(4))
        }.joined(separator: " ")
        let problem = error.map { "<p class=\"notice\" id=\"setup-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let described = error == nil ? "setup-help" : "setup-help setup-error"
        return Page(
            title: "Set up an authenticator app",
            """
            <h1>Set up an authenticator app</h1>
            <p>Scan this code with your authenticator app (or type the key), then enter the 6-digit code it shows.</p>
            <figure>\(qrCode)</figure>
            <p>Key: <code>\(HTML.escape(grouped))</code></p>
            \(problem)
            <form method="post" action="\(HTML.escape(prefix))/account/two-factor/totp">
            <input type="hidden" name="key" value="\(HTML.escape(key))">
            <input type="hidden" name="key_signature" value="\(HTML.escape(signature))">
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            <label for="authcode">Code from the app</label>
            <p class="help" id="setup-help">6 digits; a new one every 30 seconds.</p>
            <input type="text" name="authcode" id="authcode" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" aria-describedby="\(described)" required autofocus>
            <button type="submit">Turn on</button>
            </form>
            <p><a href="\(HTML.escape(prefix))/account">Cancel</a></p>
            """)
    }

    /// New backup codes, shown this once.
    static func codes(prefix: String, codes: [String], turnedOn: Bool) -> Page {
        let items = codes.map { "<li><code>\(HTML.escape($0))</code></li>" }.joined(separator: "\n")
        let heading = turnedOn ? "Two-step verification is on" : "Your new backup codes"
        return Page(
            title: heading,
            """
            <h1>\(HTML.escape(heading))</h1>
            <p>Keep these backup codes somewhere safe: each one logs you in once if you lose your phone.
            This page shows them only now; earlier codes no longer work.</p>
            <ol class="backup-codes">
            \(items)
            </ol>
            <p><a href="\(HTML.escape(prefix))/account">Back to your account</a></p>
            """)
    }
}
