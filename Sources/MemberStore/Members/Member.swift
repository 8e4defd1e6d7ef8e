/// A row of `<prefix>users`, as much of it as PressGate uses.
public struct Member: Sendable, Equatable {
    public let id: UInt64
    public let login: String
    /// The stored hash. Never logged, never shown.
    public let passwordHash: String
    public let email: String
    public let nicename: String
    public let displayName: String
    /// `user_activation_key`: a reset key's stored form, or empty.
    public let activationKey: String
    public let registered: String
    /// `user_status`: 0 for every account WordPress core creates; blocking plugins set other values.
    public let status: Int

    init(row: DatabaseRow) {
        id = row.uint("ID") ?? 0
        login = row.string("user_login") ?? ""
        passwordHash = row.string("user_pass") ?? ""
        email = row.string("user_email") ?? ""
        nicename = row.string("user_nicename") ?? ""
        displayName = row.string("display_name") ?? ""
        activationKey = row.string("user_activation_key") ?? ""
        registered = row.string("user_registered") ?? ""
        status = row.int("user_status").map { Int(clamping: $0) } ?? 0
    }
}

/// What creating a member needs. The password arrives already hashed (the caller's hasher decides
/// the format), so the store never sees a plaintext password.
public struct NewMember: Sendable {
    public var email: String
    /// A chosen login; nil derives one from the e-mail's local part.
    public var login: String?
    public var firstName: String
    public var lastName: String
    public var passwordHash: String
    /// A role defined in the site's `<prefix>user_roles` option.
    public var role: String

    public init(
        email: String, login: String? = nil, firstName: String = "", lastName: String = "", passwordHash: String,
        role: String
    ) {
        self.email = email
        self.login = login
        self.firstName = firstName
        self.lastName = lastName
        self.passwordHash = passwordHash
        self.role = role
    }
}

/// The outcome of ``MemberRepository/create(_:now:)``.
public enum MemberCreation: Sendable, Equatable {
    case created(Member)
    /// A member with this e-mail already existed (or was created concurrently); nothing was written.
    case existing(Member)

    public var member: Member {
        switch self {
        case .created(let member), .existing(let member): member
        }
    }
}

/// Why a member could not be created or changed. Messages name the problem, never a value.
public enum MemberStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidEmail
    case invalidLogin
    case loginTaken
    case unknownRole(String)
    case invalidName(String)
    case memberNotFound

    public var description: String {
        switch self {
        case .invalidEmail: "the e-mail address is not valid"
        case .invalidLogin: "the login is empty after WordPress's sanitize_user, or longer than 60 characters"
        case .loginTaken: "that login is already taken"
        case .unknownRole(let role): "the site has no role named \(role)"
        case .invalidName(let reason): reason
        case .memberNotFound: "no such member"
        }
    }
}

extension Member: CustomStringConvertible, CustomReflectable {
    /// Never prints the hash or the reset key.
    public var description: String { "Member(id: \(id), login: \(login))" }
    public var customMirror: Mirror { Mirror(self, children: ["id": id, "login": login]) }
}

extension NewMember: CustomStringConvertible, CustomReflectable {
    public var description: String { "NewMember(login: \(login ?? "derived"), hash redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
