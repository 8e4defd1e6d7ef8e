import Foundation

/// The welcome e-mails' texts: built in, or files in `mail_templates_dir` that replace them
/// (`welcome.txt`, `welcome-existing.txt`, and optionally `.html` twins for a multipart message).
///
/// A template's first line is `Subject: …`, then an empty line, then the body. `{{name}}` is
/// replaced by a value (HTML-escaped in `.html` files); `{{#name}}…{{/name}}` is kept only when the
/// value is present and not empty. Values: site_name, login, products, login_url, set_password_url,
/// password (only with welcome_email_includes_password), reset_url, code, ip. Templates: welcome,
/// welcome-existing, purchase-pending, reset, password-changed, login-link, two-factor-code.
enum MailTemplates {
    static let builtIn: [String: String] = [
        "welcome.txt": """
        Subject: Welcome to {{site_name}}

        Welcome!

        Your account is ready. Your username: {{login}}
        {{#password}}
        Your password: {{password}}
        {{/password}}{{#login_link_url}}
        Log in directly (works once): {{login_link_url}}
        {{/login_link_url}}{{#set_password_url}}
        Set your password here (the link works once and expires):
        {{set_password_url}}
        {{/set_password_url}}
        Log in: {{login_url}}
        """,
        "reset.txt": """
        Subject: Reset your password at {{site_name}}

        Someone asked to reset the password of the account {{login}}.
        If it was not you, ignore this message: nothing changes.

        To choose a new password, open this link (it works once and expires):
        {{reset_url}}
        """,
        "password-changed.txt": """
        Subject: Your password at {{site_name}} was changed

        The password of the account {{login}} was just changed, and its other sessions were ended.
        If you did not do this, reset your password now and contact the site.

        Log in: {{login_url}}
        """,
        "login-link.txt": """
        Subject: Your login link for {{site_name}}

        Open this link to log in as {{login}} (it works once and expires):
        {{login_link_url}}

        If you did not ask for it, ignore this message.
        """,
        // The Two Factor plugin's own words (generate_and_email_token()).
        "two-factor-code.txt": """
        Subject: [{{site_name}}] Login confirmation code

        Please complete the login by entering the verification code below:

        {{code}}

        This code will expire in 15 minutes.

        A user from IP address {{ip}} has successfully authenticated as {{login}}. If this wasn't you, please change your password.
        """,
        "welcome-existing.txt": """
        Subject: Your purchase at {{site_name}}

        Thank you!

        Your purchase was added to your existing account ({{login}}).
        Your password has not changed.

        Log in: {{login_url}}
        """,
        "purchase-pending.txt": """
        Subject: Confirm your e-mail address to get your purchase at {{site_name}}

        Thank you!

        Your purchase ({{products}}) belongs to the account {{login}}, which was created with this
        e-mail address by a purchase and has not been confirmed yet. To get access, confirm that this
        address is yours by choosing a new password here (the link works once and expires):
        {{set_password_url}}

        Choosing it ends every session and password the account had so far.
        """,
    ]

    struct Rendered {
        let subject: String
        let text: String
        let html: String?
    }

    static func render(_ name: String, values: [String: String], directory: String?) throws -> Rendered {
        guard let text = try source("\(name).txt", directory: directory) else {
            throw MailComposer.Failure.badPayload("no template \(name)")
        }
        let (subject, body) = try split(fill(text, values: values, html: false))
        let html = try source("\(name).html", directory: directory).map {
            try split(fill($0, values: values, html: true)).1
        }
        return Rendered(subject: subject, text: body, html: html)
    }

    private static func source(_ file: String, directory: String?) throws -> String? {
        if let directory {
            let path = directory + "/" + file
            if FileManager.default.fileExists(atPath: path) { return try String(contentsOfFile: path, encoding: .utf8) }
            if file.hasSuffix(".html") { return nil }
        }
        return builtIn[file]
    }

    private static func split(_ text: String) throws -> (String, String) {
        let lines = text.components(separatedBy: "\n")
        guard let first = lines.first, first.hasPrefix("Subject:") else {
            throw MailComposer.Failure.badPayload("a template must start with Subject:")
        }
        let subject = first.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces)
        return (subject, lines.dropFirst().drop { $0.isEmpty }.joined(separator: "\n"))
    }

    static func fill(_ template: String, values: [String: String], html: Bool) -> String {
        var text = template
        // Sections first: {{#name}}…{{/name}}.
        while let open = text.range(of: "{{#"),
            let nameEnd = text.range(of: "}}", range: open.upperBound..<text.endIndex)
        {
            let name = String(text[open.upperBound..<nameEnd.lowerBound])
            guard let close = text.range(of: "{{/\(name)}}", range: nameEnd.upperBound..<text.endIndex) else { break }
            let keep = !(values[name] ?? "").isEmpty
            text.replaceSubrange(
                open.lowerBound..<close.upperBound,
                with: keep ? String(text[nameEnd.upperBound..<close.lowerBound]) : "")
        }
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{{\(name)}}", with: html ? escape(value) : value)
        }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
