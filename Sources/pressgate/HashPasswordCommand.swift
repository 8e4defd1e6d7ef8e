import ArgumentParser
import WordPressCompat

/// `pressgate hash-password [--format phpass|wp-bcrypt]`: prints the hash `wp_hash_password` would
/// store for the password on standard input.
struct HashPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Hash the password read from standard input the way wp_hash_password does.",
        discussion: """
            The password is all of standard input with one trailing newline removed. Like WordPress, \
            the password is trimmed before hashing. phpass ($P$B) is read by every WordPress version; \
            wp-bcrypt ($wp$2y$) only by WordPress 6.8 and later.
            """
    )

    @Option(help: "phpass (default) or wp-bcrypt.")
    var format: String = "phpass"

    @Option(help: "bcrypt cost for wp-bcrypt (4–31).")
    var cost: Int = PasswordHashTarget.defaultBcryptCost

    func validate() throws {
        guard PasswordHashTarget(name: format) != nil else {
            throw ValidationError("unknown --format '\(format)': use phpass or wp-bcrypt")
        }
        guard PasswordHashTarget.bcryptCostRange.contains(cost) else {
            throw ValidationError("--cost must be between 4 and 31")
        }
    }

    func run() throws {
        let target = PasswordHashTarget(name: format, bcryptCost: cost)!
        let password: [UInt8]
        do {
            password = try StandardStreams.readPassword()
        } catch {
            StandardStreams.writeError("pressgate: \(error)")
            throw ExitCode.failure
        }
        guard !PHPString.trim(password).isEmpty else {
            StandardStreams.writeError("pressgate: the password on standard input is empty")
            throw ExitCode.failure
        }
        do {
            // Whichever version can read the target: phpass is read by all, wp-bcrypt needs 6.8+.
            let version: WordPressVersion = target == .phpass ? .v6_1 : .v6_8
            print(try PasswordHasher(wordpress: version, target: target).hash(password))
        } catch {
            StandardStreams.writeError("pressgate: \(error)")
            throw ExitCode.failure
        }
    }
}
