/// What wp-login.php and WordPress's other forms really hash and check (reference §2.3).
///
/// `wp_magic_quotes()` runs `addslashes()` over every request field, `wp_signon()` passes `pwd`
/// without unslashing, and `wp_authenticate()` trims it. So a form login checks
/// `trim(addslashes(submitted))`, and a password set through a form is stored as the hash of that
/// same value. PressGate does both so that a password set on either side logs in on the other.
public enum LoginFormPassword {
    /// The value `wp_check_password()` sees for a password posted to wp-login.php, or nil when the
    /// form refuses it before checking (`empty($password)`: `""` and `"0"` never log in).
    public static func candidate(submitted: [UInt8]) -> [UInt8]? {
        let candidate = PHPString.trim(PHPString.addslashes(submitted))
        return PHPString.isEmpty(candidate) ? nil : candidate
    }

    /// The value to pass to `wp_hash_password()` for a password a member sets through a form, so
    /// wp-login.php accepts it afterwards (the reset and profile forms hash the slashed value).
    public static func storable(_ chosen: [UInt8]) -> [UInt8] {
        PHPString.trim(PHPString.addslashes(chosen))
    }
}
