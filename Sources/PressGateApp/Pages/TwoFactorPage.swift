import WordPressCompat

/// The second step of a login: the code from the authenticator app or a backup code. No script; the
/// other providers the member has are offered as buttons that show their form.
enum TwoFactorPage {
    static func render(
        prefix: String, csrf: String, token: String, provider: TwoFactorPlugin.Provider,
        alternatives: [TwoFactorPlugin.Provider], error: String?
    ) -> Page {
        let action = HTML.escape(prefix) + "/login/two-factor"
        let hidden = """
            <input type="hidden" name="token" value="\(HTML.escape(token))">
            <input type="hidden" name="\(CSRFToken.fieldName)" value="\(HTML.escape(csrf))">
            """
        let problem = error.map { "<p class=\"notice\" id=\"code-error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        let described = error == nil ? "code-help" : "code-help code-error"
        let switches = alternatives.filter { $0 != provider }.map { other in
            """
            <form method="post" action="\(action)">
            \(hidden)
            <input type="hidden" name="provider" value="\(other.rawValue)">
            <button type="submit">\(HTML.escape(switchLabel(other)))</button>
            </form>
            """
        }.joined(separator: "\n")
        let resend =
            provider == .email
            ? """
            <form method="post" action="\(action)">
            \(hidden)
            <input type="hidden" name="provider" value="\(provider.rawValue)">
            <input type="hidden" name="resend" value="1">
            <button type="submit">Send a new code</button>
            </form>
            """ : ""
        return Page(
            title: "Two-step verification",
            """
            <h1>Two-step verification</h1>
            \(problem)
            <form method="post" action="\(action)">
            \(hidden)
            <input type="hidden" name="provider" value="\(provider.rawValue)">
            <label for="authcode">\(HTML.escape(label(provider)))</label>
            <p class="help" id="code-help">\(HTML.escape(help(provider)))</p>
            <input type="text" name="authcode" id="authcode" \(inputAttributes(provider)) aria-describedby="\(described)" required autofocus>
            <button type="submit">Verify</button>
            </form>
            \(resend)
            \(switches)
            """)
    }

    static func label(_ provider: TwoFactorPlugin.Provider) -> String {
        switch provider {
        case .backupCodes: "Backup code"
        case .email: "Verification code"
        default: "Authentication code"
        }
    }

    static func help(_ provider: TwoFactorPlugin.Provider) -> String {
        switch provider {
        case .backupCodes: "Enter one of the backup codes you saved. Each code works once."
        case .email: "Enter the code we sent to your e-mail address."
        default: "Enter the 6-digit code from your authenticator app."
        }
    }

    static func switchLabel(_ provider: TwoFactorPlugin.Provider) -> String {
        switch provider {
        case .backupCodes: "Use a backup code instead"
        case .email: "Send a code to my e-mail instead"
        default: "Use your authenticator app instead"
        }
    }

    static func inputAttributes(_ provider: TwoFactorPlugin.Provider) -> String {
        provider == .backupCodes
            ? #"autocomplete="off" autocapitalize="off" spellcheck="false""#
            : #"inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*""#
    }
}
