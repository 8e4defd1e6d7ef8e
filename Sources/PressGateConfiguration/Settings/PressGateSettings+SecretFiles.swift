#if canImport(Glibc)
import Glibc
#endif

/// Secrets from files, so they need not sit in the settings file or the environment (systemd's
/// `LoadCredential`, Docker/Kubernetes secrets): every secret setting `<key>` also accepts
/// `<key>_file = /path` (and `PRESSGATE_<KEY>_FILE`), and, under systemd, a credential named `<key>`
/// in `$CREDENTIALS_DIRECTORY`. The file's content is the value (one trailing newline removed). A
/// file every local user may read is refused: a secret in it is no secret.
extension PressGateSettings {
    /// The settings that hold secrets.
    static let secretKeys: Set<String> = [
        "webhook_secrets", "stripe_webhook_secrets", "woocommerce_webhook_secrets", "welcome_key", "smtp_password",
        "crm_webhook_secret",
    ]

    /// `key` names `<secret>_file`: the secret setting it fills.
    static func secretKey(forFileKey key: String) -> String? {
        guard key.hasSuffix("_file") else { return nil }
        let base = String(key.dropLast("_file".count))
        return secretKeys.contains(base) ? base : nil
    }

    /// Sets the secret `key` from the file at `path`.
    mutating func setSecret(_ key: String, fromFile path: String, source: String) throws(ConfigurationError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IROTH == 0 else {
            throw .invalidSetting(
                key: key + "_file", source: source,
                expected: "a file other users cannot read (chmod 600 or 640: \(path) is readable by every user)")
        }
        var value = try SiteConfiguration.readFile(path)
        if value.hasSuffix("\n") { value.removeLast() }
        if value.hasSuffix("\r") { value.removeLast() }
        try set(key, to: value, source: "\(source) (\(path))")
    }

    /// systemd's credentials: a file named after a secret setting in `directory` sets it.
    mutating func apply(credentialsDirectory directory: String) throws(ConfigurationError) {
        for key in Self.secretKeys.sorted() {
            let path = directory + "/" + key
            guard access(path, F_OK) == 0 else { continue }
            try setSecret(key, fromFile: path, source: "$CREDENTIALS_DIRECTORY")
        }
    }
}
