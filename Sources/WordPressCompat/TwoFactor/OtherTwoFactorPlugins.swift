/// Two-factor plugins that keep their state outside the Two Factor plugin's meta. PressGate does
/// not run their second step: a member they protect is sent to wp-login.php. (Solid Security keeps
/// the Two Factor plugin's own meta keys, so ``TwoFactorPlugin`` covers what it stores per user.)
public enum OtherTwoFactorPlugins {
    /// WP 2FA (Melapress): the user's method (`totp`, `email`, `backup_codes`, …) as a plain string,
    /// and whether the plugin locked the account (`User_Helper::is_user_locked`).
    public static let wp2faMethodMetaKey = "wp_2fa_enabled_methods"
    public static let wp2faLockedMetaKey = "wp_2fa_is_locked"
    /// Wordfence Login Security: a row per user with 2FA in `<base prefix>wfls_2fa_secrets`.
    public static let wordfenceSecretsTable = "wfls_2fa_secrets"

    /// `User_Helper::is_user_using_two_factor()`: a non-empty enabled method.
    public static func wp2faIsOn(method: [UInt8]?) -> Bool {
        guard let method else { return false }
        return PHPValue.string(method).isTruthy
    }

    /// `(bool) get_user_meta( $id, 'wp_2fa_is_locked', true )`.
    public static func wp2faIsLocked(_ value: [UInt8]?) -> Bool {
        guard let value else { return false }
        return PHPValue.string(value).isTruthy
    }
}
