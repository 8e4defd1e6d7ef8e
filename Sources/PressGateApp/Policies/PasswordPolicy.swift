import WordPressCompat

/// The one place member-chosen passwords are judged (OWASP ASVS / NIST 800-63B): long enough, at most
/// `password_max_bytes` (1,024 by default; WordPress's phpass stops at 4,096), no composition rules, not a common or dictionary password (cracklib), and
/// not containing the member's login or e-mail. The refusal says why.
struct PasswordPolicy: Sendable {
    var minimumLength = 12
    var maximumBytes = 1024

    func refusal(for password: String, login: String, email: String) -> String? {
        if password.count < minimumLength { return "Use at least \(minimumLength) characters." }
        if password.utf8.count > maximumBytes { return "Use at most \(maximumBytes) bytes." }
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

    /// A submitted current password (form semantics: wp-login.php's `trim`, "" and "0" never
    /// match) against a stored hash; a submission over ``maximumBytes`` fails without hashing.
    func matches(submitted: String, hash: String, wordpress: WordPressVersion) -> Bool {
        let bytes = Array(submitted.utf8)
        guard bytes.count <= maximumBytes, let candidate = LoginFormPassword.candidate(submitted: bytes) else {
            return false
        }
        return PasswordHasher.check(candidate, against: hash, wordpress: wordpress).isMatch
    }
}
