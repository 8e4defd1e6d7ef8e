import ArgumentParser
import WordPressCompat

/// `pressgate check-password HASH [--wordpress 6.1|6.8]`: `wp_check_password` for the password on
/// standard input. Prints `match` (exit 0) or `no match` (exit 1); exit 2 for usage errors.
struct CheckPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-password",
        abstract: "Check the password read from standard input against a stored hash, as wp_check_password does.",
        discussion: """
            The password is all of standard input with one trailing newline removed, and is not trimmed \
            (wp_check_password does not trim). --wordpress selects which formats are readable: 6.1 \
            (6.1–6.7: phpass, $H$, bcrypt and crypt through phpass) or 6.8 (6.8+: adds $wp$ and argon2, drops $H$).
            """
    )

    @Argument(help: "The stored hash (user_pass).")
    var hash: String

    @Option(help: "WordPress version rules: 6.1 or 6.8 (default).")
    var wordpress: String = WordPressVersion.v6_8.rawValue

    func validate() throws {
        guard WordPressVersion(rawValue: wordpress) != nil else {
            throw ValidationError("unknown --wordpress '\(wordpress)': use 6.1 or 6.8")
        }
    }

    func run() throws {
        let version = WordPressVersion(rawValue: wordpress)!
        let password: [UInt8]
        do {
            password = try StandardStreams.readPassword()
        } catch {
            StandardStreams.writeError("pressgate: \(error)")
            throw ExitCode(2)
        }
        switch PasswordHasher.check(password, against: hash, wordpress: version) {
        case .match:
            print("match")
        case .mismatch:
            print("no match")
            throw ExitCode.failure
        case .uncheckable(let reason):
            print("no match")
            StandardStreams.writeError("pressgate: the hash cannot be checked: \(reason.explanation(for: version))")
            throw ExitCode.failure
        }
    }
}

extension PasswordCheckResult.Reason {
    func explanation(for version: WordPressVersion) -> String {
        switch self {
        case .passwordTooLong: "the password is longer than 4096 bytes"
        case .unreadableFormat: "\(version) cannot read this hash format"
        case .unsupportedParameters: "its argon2 parameters exceed PressGate's limits"
        }
    }
}
