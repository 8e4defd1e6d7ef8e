/// PressGate's own settings: everything wp-config.php does not already say, grouped by the
/// component that uses them. Every field has a default; a `key = value` file (`--config`,
/// `PRESSGATE_CONFIG`) overrides it, and the environment (`PRESSGATE_<KEY>`) overrides the file.
///
/// Each setting is declared once, in ``keys`` (PressGateSettings+Keys.swift): its key, the field it
/// fills, the parser that turns the text into the field's type, and its one-line meaning. The
/// defaults are the fields' initial values below; the README's table is ``markdownTable``.
public struct PressGateSettings: Sendable, Equatable {
    /// Overrides the version read from `wp-includes/version.php` (e.g. `6.7.2`, `6.8`).
    public var wordpressVersion: String?
    public var logLevel = LogLevel.info
    public var logFormat = LogFormat.text
    public var database = DatabaseOptions()
    public var server = ServerSettings()
    public var http = HTTPSettings()
    public var passwords = PasswordSettings()
    public var purchases = PurchaseSettings()
    public var links = LinkSettings()
    public var mail = MailSettings()
    public var crm = CRMSettings()
    public var guards = GuardSettings()

    public init() {}
}

extension PressGateSettings: CustomStringConvertible, CustomReflectable {
    /// Names the groups only: several hold secrets.
    public var description: String {
        "PressGateSettings(log_level \(logLevel.rawValue), listen \(server.listen), route_prefix \(http.routePrefix), "
            + "secrets redacted)"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
