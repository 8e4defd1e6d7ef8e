import MemberStore
import PressGateConfiguration
import WordPressCompat

/// The one guard in front of every session PressGate starts (password form and JSON, thank-you
/// page, login links: ``SessionService/start(for:context:remember:event:response:)``) and every login
/// link it mints (purchases, the CRM hook, the link request form, the CLI), so that PressGate is never
/// a weaker door than wp-login.php:
/// - accounts a blocking plugin refuses stay refused (`user_status` other than 0, WP 2FA's lock);
/// - accounts that can do more than a member (any capability beyond `read` and `level_0`) get
///   nothing from PressGate unless `allow_privileged_sessions` is on;
/// - members whose two-factor is on (Two Factor plugin and Solid Security state, WP 2FA, Wordfence
///   Login Security) are sent to wp-login.php, which asks for the second factor.
public struct AccountGuard {
    public enum Verdict: Equatable, Sendable {
        case allowed
        case blocked
        case privileged
        /// Two-factor is on; the plugin that says so.
        case twoFactor(plugin: String)

        /// For the audit log.
        public var detail: String {
            switch self {
            case .allowed: "allowed"
            case .blocked: "blocked account"
            case .privileged: "privileged account"
            case .twoFactor(let plugin): "two-factor (\(plugin))"
            }
        }
    }

    let states: AccountGuardStates
    let allowPrivileged: Bool
    /// The site's roles, parsed once per stored value (the option is a few kilobytes of PHP
    /// serialize that every login would otherwise parse again).
    let roles = ParsedRoles()

    public init(states: AccountGuardStates, settings: PressGateSettings.GuardSettings) {
        self.states = states
        allowPrivileged = settings.allowPrivilegedSessions
    }

    /// - Parameters:
    ///   - secondFactorPassed: the member just passed the Two Factor plugin's second step
    ///     (``TwoFactorController``); its state then no longer stops the session, the other rules do.
    ///   - neverPrivileged: refuse accounts that can do more than a member even when the site lets
    ///     them in (`allow_privileged_sessions`): for login links a webhook sender asks for, whose
    ///     secret must never be a way into such an account.
    public func verdict(
        for member: Member, secondFactorPassed: Bool = false, neverPrivileged: Bool = false
    ) throws -> Verdict {
        let state = try states.state(memberID: member.id)
        return Self.verdict(
            userStatus: member.status, state: state, allowPrivileged: allowPrivileged && !neverPrivileged,
            secondFactorPassed: secondFactorPassed, roles: roles.parse(state.rolesOption))
    }

    /// The rule, apart from its SQL.
    public static func verdict(
        userStatus: Int, state: AccountGuardState, allowPrivileged: Bool, secondFactorPassed: Bool = false,
        roles: RoleCapabilities?? = nil
    ) -> Verdict {
        if userStatus != 0 || OtherTwoFactorPlugins.wp2faIsLocked(state.wp2faLocked) { return .blocked }
        let parsedRoles = roles ?? RoleCapabilities(rolesOption: state.rolesOption)
        if !allowPrivileged && isPrivileged(state, roles: parsedRoles) { return .privileged }
        if !secondFactorPassed && TwoFactorPlugin.isUsingTwoFactor(state.twoFactor) {
            return .twoFactor(plugin: Self.twoFactorPlugin)
        }
        if OtherTwoFactorPlugins.wp2faIsOn(method: state.wp2faMethod) { return .twoFactor(plugin: "WP 2FA") }
        if state.wordfenceSecret { return .twoFactor(plugin: "Wordfence Login Security") }
        return .allowed
    }

    /// The plugin whose second step PressGate runs itself.
    static let twoFactorPlugin = "Two Factor"

    /// Any capability beyond a member's; with an unreadable roles option, any role at all.
    static func isPrivileged(_ state: AccountGuardState, roles: RoleCapabilities?) -> Bool {
        guard let roles else {
            return RoleCapabilities.isPrivilegedWithoutRoles(userCapabilities: state.capabilities)
        }
        return roles.isPrivileged(userCapabilities: state.capabilities)
    }

    /// Whether a role may be given to members PressGate creates (`default_role`): not one that
    /// grants more than a member's capabilities (a compromised site's favourite trick).
    public static func isMemberRole(_ role: String, rolesOption: [UInt8]?) -> Bool {
        guard let roles = RoleCapabilities(rolesOption: rolesOption) else { return false }
        return roles.roles[role] != nil && !roles.isPrivileged(role: role)
    }
}

/// A session the guard refused. The login form answers it as any failed login (privileged and
/// blocked accounts) or with the way to wp-login.php (two-factor); elsewhere it is a 403.
struct SessionRefusal: Error {
    let verdict: AccountGuard.Verdict
}

/// The last roles option a worker parsed, kept while the stored bytes are the same (one worker
/// thread uses it: no lock).
final class ParsedRoles {
    private var stored: [UInt8]?
    private var parsed: RoleCapabilities?

    func parse(_ option: [UInt8]?) -> RoleCapabilities? {
        if let stored, let option, stored == option { return parsed }
        stored = option
        parsed = RoleCapabilities(rolesOption: option)
        return parsed
    }
}
