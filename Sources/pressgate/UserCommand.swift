import ArgumentParser
import MemberStore
import PressGateApp
import WordPressCompat

/// `pressgate user …`: member administration for site operators.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Create members, set their passwords, grant them products.",
        subcommands: [
            UserCreateCommand.self, UserSetPasswordCommand.self, LoginLinkCommand.self, UserGrantCommand.self,
        ])
}

/// `pressgate user create EMAIL [--login NAME] [--first-name F] [--last-name L]`
struct UserCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a member with a generated password, printed once.",
        discussion: "Exit 1 when a member with this e-mail already exists (nothing is changed then).")

    @Argument(help: "The member's e-mail address.")
    var email: String

    @Option(help: "Login name (default: derived from the e-mail).")
    var login: String?

    @Option(name: .customLong("first-name"), help: "First name.")
    var firstName: String = ""

    @Option(name: .customLong("last-name"), help: "Last name.")
    var lastName: String = ""

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        let context = try SiteContext(site)
        let settings = context.configuration.settings
        let hasher = try PasswordHasher(
            wordpress: context.configuration.wordpress,
            target: settings.passwords.hashTarget)
        let password = PasswordGenerator(length: settings.passwords.generatedLength).generate()
        // Stored with wp-login.php's form semantics, so the member can type it there as well.
        let hash = try hasher.hash(LoginFormPassword.storable(Array(password.utf8)))
        let role = try settings.purchases.defaultRole ?? context.options.value("default_role") ?? "subscriber"
        let new = NewMember(
            email: email, login: login, firstName: firstName, lastName: lastName, passwordHash: hash, role: role)
        let outcome: MemberCreation
        do {
            outcome = try context.members.create(new, options: context.options, now: UTCTime.now())
        } catch let error as MemberStoreError {
            throw CommandFailure("\(error)")
        }
        switch outcome {
        case .created(let member):
            print("id: \(member.id)")
            print("login: \(member.login)")
            print("password: \(password)")
        case .existing(let member):
            throw CommandFailure(
                "a member with this e-mail already exists (id \(member.id), login \(member.login)); nothing was changed"
            )
        }
    }
}

/// `pressgate user set-password LOGIN_OR_EMAIL` (the password on standard input).
struct UserSetPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-password",
        abstract: "Set a member's password from standard input (all of it, one trailing newline removed).",
        discussion:
            "The member's sessions end (use --keep-sessions to keep them); the reset key is cleared; auto-login links stop working."
    )

    @Argument(help: "The member's login or e-mail.")
    var member: String

    @Flag(name: .customLong("keep-sessions"), help: "Do not end the member's sessions.")
    var keepSessions = false

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        let context = try SiteContext(site)
        let password = try StandardStreams.readPassword()
        guard LoginFormPassword.candidate(submitted: password) != nil else {
            throw CommandFailure("the password on standard input is empty or \"0\", which can never log in")
        }
        let hasher = try PasswordHasher(
            wordpress: context.configuration.wordpress,
            target: context.configuration.settings.passwords.hashTarget)
        let hash = try hasher.hash(LoginFormPassword.storable(password))
        guard let found = try context.members.find(loginOrEmail: member) else {
            throw CommandFailure("no member with that login or e-mail")
        }
        try context.stores.accounts
            .changePassword(
                memberID: found.id, hash: hash, endingSessions: keepSessions ? .none : .all, mail: nil,
                now: UTCTime.now(),
                crm: try context.sealedCRM(
                    CRMNotification(
                        .passwordChanged, memberID: found.id, email: found.email, login: found.login, created: false,
                        products: "", loginURL: "")))
        print("password set for member \(found.id) (\(found.login))\(keepSessions ? "" : "; sessions ended")")
    }
}
