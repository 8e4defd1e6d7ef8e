import WordPressCompat

/// The subjects the login throttle counts against.
enum ThrottleSubject {
    /// The name as typed (normalised), for known and unknown accounts alike, so the throttle's
    /// answers never tell whether a login and an e-mail belong to one account. Stored only as a
    /// SHA-256 (people type passwords into the login field).
    static func account(typed log: String) -> String {
        let name = log.utf8.count > 1024 ? log : WordPressUsername.sanitize(log, strict: false).lowercased()
        return "name:" + SessionToken.verifier(for: name)
    }
}
