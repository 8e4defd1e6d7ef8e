import MemberStore
import WordPressCompat
import XCTest

@testable import PressGateApp

/// The guard's rule apart from its SQL: blocked before privileged before two-factor, the opt-in for
/// privileged accounts, and which roles purchases may give.
final class AccountGuardVerdictTests: XCTestCase {
    let roles: [UInt8] = Array(
        #"a:2:{s:10:"subscriber";a:2:{s:4:"name";s:10:"Subscriber";s:12:"capabilities";a:2:{s:4:"read";b:1;s:7:"level_0";b:1;}}s:6:"editor";a:2:{s:4:"name";s:6:"Editor";s:12:"capabilities";a:2:{s:4:"read";b:1;s:10:"edit_posts";b:1;}}}"#
            .utf8)
    let subscriber = Array(#"a:1:{s:10:"subscriber";b:1;}"#.utf8)
    let editor = Array(#"a:1:{s:6:"editor";b:1;}"#.utf8)
    let totp = TwoFactorPlugin.StoredState(
        enabledProviders: Array(#"a:1:{i:0;s:15:"Two_Factor_Totp";}"#.utf8), totpKey: Array("KEY".utf8))

    func verdict(
        status: Int = 0, capabilities: [UInt8]?, twoFactor: TwoFactorPlugin.StoredState = .init(),
        wp2fa: String? = nil, locked: String? = nil, wordfence: Bool = false, allow: Bool = false
    ) -> AccountGuard.Verdict {
        let state = AccountGuardState(
            capabilities: capabilities, rolesOption: roles, twoFactor: twoFactor,
            wp2faMethod: wp2fa.map { Array($0.utf8) },
            wp2faLocked: locked.map { Array($0.utf8) }, wordfenceSecret: wordfence)
        return AccountGuard.verdict(userStatus: status, state: state, allowPrivileged: allow)
    }

    func testMembersPass() {
        XCTAssertEqual(verdict(capabilities: subscriber), .allowed)
        XCTAssertEqual(verdict(capabilities: nil), .allowed, "no role on a single site: WordPress lets them in")
    }

    func testTheOrderOfRefusals() {
        XCTAssertEqual(verdict(status: 2, capabilities: editor, twoFactor: totp), .blocked)
        XCTAssertEqual(verdict(capabilities: subscriber, locked: "1"), .blocked)
        XCTAssertEqual(verdict(capabilities: editor, twoFactor: totp), .privileged, "an administrator learns nothing")
        XCTAssertEqual(verdict(capabilities: subscriber, twoFactor: totp), .twoFactor(plugin: "Two Factor"))
        XCTAssertEqual(verdict(capabilities: subscriber, wp2fa: "email"), .twoFactor(plugin: "WP 2FA"))
        XCTAssertEqual(
            verdict(capabilities: subscriber, wordfence: true), .twoFactor(plugin: "Wordfence Login Security"))
    }

    func testThePrivilegedOptIn() {
        XCTAssertEqual(verdict(capabilities: editor, allow: true), .allowed)
        XCTAssertEqual(verdict(capabilities: editor, twoFactor: totp, allow: true), .twoFactor(plugin: "Two Factor"))
        XCTAssertEqual(verdict(status: 1, capabilities: editor, allow: true), .blocked)
    }

    func testRolesPurchasesMayGive() {
        XCTAssertTrue(AccountGuard.isMemberRole("subscriber", rolesOption: roles))
        XCTAssertFalse(AccountGuard.isMemberRole("editor", rolesOption: roles))
        XCTAssertFalse(AccountGuard.isMemberRole("no-such-role", rolesOption: roles))
        XCTAssertFalse(AccountGuard.isMemberRole("subscriber", rolesOption: nil), "unreadable roles: refuse")
    }
}
