/// The one place member-chosen passwords are judged (OWASP ASVS / NIST 800-63B): long enough, at most
/// WordPress's 4096 bytes, no composition rules, not a common or dictionary password (cracklib), and
/// not containing the member's login or e-mail. The refusal says why.
struct PasswordPolicy: Sendable {
    var minimumLength = 12

    static let maximumBytes = 4096

    func refusal(for password: String, login: String, email: String) -> String? {
        if password.count < minimumLength { return "Use at least \(minimumLength) characters." }
        if password.utf8.count > Self.maximumBytes { return "Use at most \(Self.maximumBytes) bytes." }
        let lowered = password.lowercased()
        for (part, name) in [
            (login, "username"), (email, "e-mail address"), (String(email.prefix { $0 != "@" }), "e-mail address"),
        ]
        where part.count >= 3 && lowered.contains(part.lowercased()) {
            return "Do not use your \(name) in the password."
        }
        if let reason = Cracklib.refusal(for: password) {
            return "This password is too common or too easy to guess (\(reason))."
        }
        return nil
    }
}
