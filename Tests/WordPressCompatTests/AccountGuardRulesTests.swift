import Foundation
import XCTest

@testable import WordPressCompat

/// The WordPress and plugin rules behind PressGate's account guard: capabilities as
/// `WP_User::get_role_caps()` computes them, and the Two Factor plugin's decision on stored state.
final class AccountGuardRulesTests: XCTestCase {
    /// `<prefix>user_roles` exactly as `wp_install()` writes it (sql/wordpress/options.sql).
    static let wordpressRoles: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sql/wordpress/options.sql")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.contains("'user_roles'), 'a:") }),
            let start = line.range(of: "'a:"), let end = line.range(of: "}'", options: .backwards)
        else { return [] }
        return Array(line[line.index(after: start.lowerBound)..<line.index(after: end.lowerBound)].utf8)
    }()

    func caps(_ serialized: String) -> [UInt8] { Array(serialized.utf8) }

    func testWordPressRolesAreReadAndOnlySubscribersAreMembers() throws {
        let roles = try XCTUnwrap(RoleCapabilities(rolesOption: Self.wordpressRoles), "the roles option parses")
        XCTAssertEqual(Set(roles.roles.keys), ["administrator", "editor", "author", "contributor", "subscriber"])
        XCTAssertFalse(roles.isPrivileged(userCapabilities: caps(#"a:1:{s:10:"subscriber";b:1;}"#)))
        XCTAssertEqual(
            roles.grantedCapabilities(userCapabilities: caps(#"a:1:{s:10:"subscriber";b:1;}"#)), ["read", "level_0"])
        for role in ["administrator", "editor", "author", "contributor"] {
            let stored = #"a:1:{s:\#(role.utf8.count):"\#(role)";b:1;}"#
            XCTAssertTrue(roles.isPrivileged(userCapabilities: caps(stored)), role)
            XCTAssertTrue(roles.isPrivileged(role: role), role)
        }
        XCTAssertFalse(roles.isPrivileged(role: "subscriber"))
        XCTAssertFalse(roles.isPrivileged(role: "no-such-role"), "an unknown role grants nothing")
    }

    func testUserCapabilitiesMergeOverTheirRoles() throws {
        let roles = try XCTUnwrap(RoleCapabilities(rolesOption: Self.wordpressRoles))
        // A role key counts whatever its value (WP_Role::is_role on the key).
        XCTAssertTrue(roles.isPrivileged(userCapabilities: caps(#"a:1:{s:6:"editor";b:0;}"#)))
        // A capability granted to the user alone makes a subscriber more than a member...
        XCTAssertTrue(
            roles.isPrivileged(userCapabilities: caps(#"a:2:{s:10:"subscriber";b:1;s:10:"edit_posts";b:1;}"#)))
        // ...and one taken away is gone; "read" alone stays a member.
        XCTAssertFalse(
            roles.isPrivileged(userCapabilities: caps(#"a:2:{s:10:"subscriber";b:1;s:7:"level_0";b:0;}"#)))
        XCTAssertTrue(
            roles.isPrivileged(
                userCapabilities: caps(#"a:2:{s:6:"author";b:1;s:10:"edit_posts";b:0;}"#)),
            "an author without edit_posts still uploads files")
    }

    func testAccountsWithoutCapabilitiesAndBrokenValues() throws {
        let roles = try XCTUnwrap(RoleCapabilities(rolesOption: Self.wordpressRoles))
        XCTAssertFalse(roles.isPrivileged(userCapabilities: nil), "no role on the site: nothing granted")
        XCTAssertFalse(roles.isPrivileged(userCapabilities: caps("not serialized")), "not an array: nothing")
        XCTAssertFalse(roles.isPrivileged(userCapabilities: caps("a:0:{}")))
        XCTAssertNil(RoleCapabilities(rolesOption: nil))
        XCTAssertNil(RoleCapabilities(rolesOption: caps("garbage")))
        // An unreadable roles option: any role at all counts as privileged (fail closed).
        XCTAssertTrue(
            RoleCapabilities.isPrivilegedWithoutRoles(userCapabilities: caps(#"a:1:{s:10:"subscriber";b:1;}"#)))
        XCTAssertFalse(RoleCapabilities.isPrivilegedWithoutRoles(userCapabilities: caps(#"a:1:{s:4:"read";b:1;}"#)))
        XCTAssertFalse(RoleCapabilities.isPrivilegedWithoutRoles(userCapabilities: nil))
    }

    func testAWooCommerceStyleCustomerIsAMember() {
        let roles = RoleCapabilities(roles: [
            "customer": ["read": true], "shop_manager": ["read": true, "manage_woocommerce": true],
        ])
        XCTAssertFalse(roles.isPrivileged(userCapabilities: caps(#"a:1:{s:8:"customer";b:1;}"#)))
        XCTAssertTrue(roles.isPrivileged(userCapabilities: caps(#"a:1:{s:12:"shop_manager";b:1;}"#)))
    }

    // MARK: The Two Factor plugin

    typealias State = TwoFactorPlugin.StoredState
    let totpAndBackup = #"a:2:{i:0;s:15:"Two_Factor_Totp";i:1;s:23:"Two_Factor_Backup_Codes";}"#
    let twoCodes =
        #"a:2:{i:0;s:34:"$P$B123456789012345678901234567890";i:1;s:34:"$P$Babcdefghijabcdefghijabcdefghij";}"#

    func state(
        _ enabled: String?, totp: String? = nil, codes: String? = nil, site: String? = nil
    ) -> State {
        State(
            enabledProviders: enabled.map { Array($0.utf8) }, totpKey: totp.map { Array($0.utf8) },
            backupCodes: codes.map { Array($0.utf8) }, siteProviders: site.map { Array($0.utf8) })
    }

    func testNoMetaOrAnEmptyListIsNoTwoFactor() {
        XCTAssertFalse(TwoFactorPlugin.isUsingTwoFactor(state(nil)))
        XCTAssertFalse(TwoFactorPlugin.isUsingTwoFactor(state("")))
        XCTAssertFalse(TwoFactorPlugin.isUsingTwoFactor(state("a:0:{}")))
    }

    func testProvidersCountOnlyWhenConfigured() {
        XCTAssertEqual(
            TwoFactorPlugin.availableProviders(state(totpAndBackup, totp: "JBSWY3DPEHPK3PXP", codes: twoCodes)),
            [.totp, .backupCodes])
        XCTAssertEqual(TwoFactorPlugin.availableProviders(state(totpAndBackup, totp: "JBSWY3DPEHPK3PXP")), [.totp])
        XCTAssertFalse(
            TwoFactorPlugin.isUsingTwoFactor(state(totpAndBackup, codes: "a:0:{}")),
            "listed but with no key and no codes left: the plugin does not ask")
        XCTAssertTrue(TwoFactorPlugin.isUsingTwoFactor(state(#"a:1:{i:0;s:16:"Two_Factor_Email";}"#)))
        XCTAssertTrue(
            TwoFactorPlugin.isUsingTwoFactor(state(#"a:1:{i:3;s:16:"Two_Factor_Email";}"#)),
            "keys need not be 0…n-1 after array_diff")
    }

    func testTheSitesProvidersFilterAndTheEmailFallback() {
        let totpOnly = #"a:1:{i:0;s:15:"Two_Factor_Totp";}"#
        let siteEmailOnly = #"a:1:{i:0;s:16:"Two_Factor_Email";}"#
        // The user's TOTP is no longer allowed: the plugin falls back to e-mail.
        XCTAssertEqual(TwoFactorPlugin.availableProviders(state(totpOnly, totp: "KEY", site: siteEmailOnly)), [.email])
        // Neither allowed: the plugin stops the login (wp_die), so PressGate refuses too.
        XCTAssertTrue(TwoFactorPlugin.isUsingTwoFactor(state(totpOnly, totp: "KEY", site: "a:0:{}")))
        XCTAssertTrue(TwoFactorPlugin.isUsingTwoFactor(state(totpOnly, totp: "KEY", site: "s:3:\"odd\";")))
        // An unknown provider class listed alone: e-mail as well.
        XCTAssertEqual(TwoFactorPlugin.availableProviders(state(#"a:1:{i:0;s:8:"Some_2FA";}"#)), [.email])
    }

    func testUnreadableMetaFailsClosed() {
        XCTAssertTrue(TwoFactorPlugin.isUsingTwoFactor(state("Two_Factor_Totp")))
        XCTAssertTrue(TwoFactorPlugin.isUsingTwoFactor(state("a:1:{broken")))
    }

    func testOtherPlugins() {
        XCTAssertTrue(OtherTwoFactorPlugins.wp2faIsOn(method: Array("totp".utf8)))
        XCTAssertFalse(OtherTwoFactorPlugins.wp2faIsOn(method: Array("".utf8)))
        XCTAssertFalse(OtherTwoFactorPlugins.wp2faIsOn(method: nil))
        XCTAssertTrue(OtherTwoFactorPlugins.wp2faIsLocked(Array("1".utf8)))
        XCTAssertFalse(OtherTwoFactorPlugins.wp2faIsLocked(Array("0".utf8)))
    }
}
