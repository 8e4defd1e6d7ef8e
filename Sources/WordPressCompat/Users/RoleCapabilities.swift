/// What a user may do on the site, computed as `WP_User::get_role_caps()` computes it from the
/// `<prefix>capabilities` user meta and the `<prefix>user_roles` option: every key of the user's
/// map that names a role (whatever its value) brings that role's capabilities, then the user's own
/// entries are merged over them (so `false` takes away what a role grants).
///
/// PressGate uses it to tell members from accounts that can do more: a member's granted
/// capabilities are at most `read` and the legacy `level_0` (subscribers, WooCommerce customers).
public struct RoleCapabilities: Sendable {
    /// Role name → its capabilities (name → granted), from `<prefix>user_roles`.
    public let roles: [String: [String: Bool]]

    /// The capabilities that do not make an account more than a member.
    public static let memberCapabilities: Set<String> = ["read", "level_0"]

    /// Reads the `<prefix>user_roles` option value; nil when it is missing or unreadable (WordPress
    /// itself would then know no roles; PressGate treats every role as privileged, see
    /// ``isPrivileged(userCapabilities:)``).
    public init?(rolesOption: [UInt8]?) {
        guard let rolesOption, case .array(let map) = try? PHPUnserializer.maybeUnserialize(rolesOption) else {
            return nil
        }
        var roles: [String: [String: Bool]] = [:]
        for (key, definition) in map.entries {
            guard case .array(let fields) = definition, case .array(let capabilities)? = fields["capabilities"] else {
                continue
            }
            var granted: [String: Bool] = [:]
            for (capability, value) in capabilities.entries { granted[Self.text(capability)] = value.isTruthy }
            roles[Self.text(key)] = granted
        }
        self.roles = roles
    }

    public init(roles: [String: [String: Bool]]) {
        self.roles = roles
    }

    /// The user's granted capabilities (`allcaps` with a true value), role names left out.
    /// A `<prefix>capabilities` value that is not an array grants nothing, as in WordPress.
    public func grantedCapabilities(userCapabilities: [UInt8]?) -> Set<String> {
        guard let userCapabilities, case .array(let own) = try? PHPUnserializer.maybeUnserialize(userCapabilities)
        else {
            return []
        }
        var all: [String: Bool] = [:]
        for (key, _) in own.entries {
            if let role = roles[Self.text(key)] { all.merge(role) { $1 } }
        }
        for (key, value) in own.entries { all[Self.text(key)] = value.isTruthy }
        return Set(all.filter { $0.value && roles[$0.key] == nil }.keys)
    }

    /// True when the user can do more than a member (any granted capability beyond `read` and
    /// `level_0`).
    public func isPrivileged(userCapabilities: [UInt8]?) -> Bool {
        !grantedCapabilities(userCapabilities: userCapabilities).isSubset(of: Self.memberCapabilities)
    }

    /// True when `role` grants more than a member's capabilities; an unknown role grants nothing.
    public func isPrivileged(role: String) -> Bool {
        !Set((roles[role] ?? [:]).filter(\.value).keys).isSubset(of: Self.memberCapabilities)
    }

    /// An unreadable roles option: any user with capabilities at all counts as privileged.
    public static func isPrivilegedWithoutRoles(userCapabilities: [UInt8]?) -> Bool {
        guard let userCapabilities, case .array(let own) = try? PHPUnserializer.maybeUnserialize(userCapabilities)
        else {
            return false
        }
        return own.entries.contains { $0.value.isTruthy && !memberCapabilities.contains(text($0.key)) }
    }

    private static func text(_ key: PHPArrayKey) -> String {
        switch key {
        case .int(let number): String(number)
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }
}
