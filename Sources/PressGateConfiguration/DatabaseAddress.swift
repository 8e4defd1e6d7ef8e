/// Where MariaDB is and who PressGate is there: wp-config.php's `DB_HOST` (split as WordPress
/// splits it, the socket completed with `db_socket`), `DB_USER`, `DB_PASSWORD`, `DB_NAME`. Plain
/// values: the store turns them into its connection settings (PressGateApp's SiteConfiguration+Store.swift).
public struct DatabaseAddress: Sendable, Equatable {
    /// nil or `localhost` means the unix socket, as mysqli treats it (even when a port is given).
    public var host: String?
    public var port: Int?
    public var socket: String?
    public var user: String
    public var password: String
    public var name: String

    public init(host: String?, port: Int? = nil, socket: String? = nil, user: String, password: String, name: String) {
        self.host = host
        self.port = port
        self.socket = socket
        self.user = user
        self.password = password
        self.name = name
    }

    /// True when the client library will use the unix socket.
    public var usesSocket: Bool { host == nil || host == "" || host == "localhost" }
}

extension DatabaseAddress: CustomStringConvertible, CustomReflectable {
    /// Never prints the password.
    public var description: String {
        let target = usesSocket ? "socket \(socket ?? "")" : "\(host ?? ""):\(port ?? 3306)"
        return "DatabaseAddress(\(user)@\(target)/\(name), password redacted)"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
