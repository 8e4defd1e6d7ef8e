import MemberStore
import PressGateApp
import WordPressCompat

extension CheckCommand {
    /// Which account guards are active: privileged accounts, the role purchases give, and the
    /// two-factor state PressGate honours (README, security model).
    func checkGuards(_ context: SiteContext, report: (Bool, String, String) -> Void) {
        let settings = context.configuration.settings
        let tables = context.configuration.tables
        do {
            let stored = try context.options.value(tables.prefix + "user_roles").map { Array($0.utf8) }
            guard let roles = RoleCapabilities(rolesOption: stored) else {
                report(
                    false, "guards",
                    "\(tables.prefix)user_roles is missing or unreadable: every role counts as privileged")
                return
            }
            let members = roles.roles.keys.filter { !roles.isPrivileged(role: $0) }.sorted()
            let privileged = settings.guards.allowPrivilegedSessions ? "let in (allow_privileged_sessions)" : "refused"
            report(
                true, "guards",
                "accounts beyond a member's capabilities: \(privileged); member roles: "
                    + (members.isEmpty ? "none" : members.joined(separator: ", "))
                    + "; blocked accounts (user_status, WP 2FA lock): refused")
            let role = try settings.purchases.defaultRole ?? context.options.value("default_role") ?? "subscriber"
            report(
                AccountGuard.isMemberRole(role, rolesOption: stored), "role for new members",
                AccountGuard.isMemberRole(role, rolesOption: stored)
                    ? "\(role)" : "\(role) grants more than a member's capabilities: purchase hooks answer 503")
            report(true, "two-factor", try twoFactorSummary(context))
        } catch {
            report(false, "guards", "\(error)")
        }
    }

    /// How many accounts each honoured two-factor plugin protects.
    private func twoFactorSummary(_ context: SiteContext) throws -> String {
        let tables = context.configuration.tables
        func accounts(withMeta key: String) throws -> Int64 {
            try context.database.run(
                SQL(
                    "SELECT COUNT(DISTINCT user_id) FROM {usermeta} WHERE meta_key = ? AND meta_value != ''",
                    tables: tables),
                [.text(key)], idempotent: true
            ).first?.int(0) ?? 0
        }
        let wordfence: String
        do {
            let table = tables.prefix + OtherTwoFactorPlugins.wordfenceSecretsTable
            let count =
                try context.database.run(
                    SQL("SELECT COUNT(DISTINCT user_id) FROM `\(table)`", tables: tables), idempotent: true
                ).first?.int(0) ?? 0
            wordfence = "\(count) accounts"
        } catch {
            guard error.code == DatabaseError.noSuchTable else { throw error }
            wordfence = "no table"
        }
        let twoFactor = try accounts(withMeta: TwoFactorPlugin.enabledProvidersMetaKey)
        let wp2fa = try accounts(withMeta: OtherTwoFactorPlugins.wp2faMethodMetaKey)
        return "honoured: Two Factor / Solid Security state on \(twoFactor) accounts (TOTP and backup codes "
            + "checked here, other providers sent to wp-login.php); sent to wp-login.php: WP 2FA on \(wp2fa) "
            + "accounts, Wordfence \(wordfence)"
    }
}
