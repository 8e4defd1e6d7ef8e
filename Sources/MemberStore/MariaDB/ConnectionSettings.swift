/// Where and how to reach MariaDB: from wp-config.php's `DB_*` constants and PressGate's own
/// timeouts.
public struct ConnectionSettings: Sendable, Equatable {
    /// nil or `localhost` means the unix socket, as mysqli treats it (even when a port is given).
    public var host: String?
    public var port: Int?
    public var socket: String?
    public var user: String
    public var password: String
    public var database: String
    /// Seconds. Every request is bounded by these, so a stopped server never hangs a worker.
    public var connectTimeout: Int = 3
    public var readTimeout: Int = 10
    public var writeTimeout: Int = 10

    public init(
        host: String?, port: Int? = nil, socket: String? = nil, user: String, password: String, database: String
    ) {
        self.host = host
        self.port = port
        self.socket = socket
        self.user = user
        self.password = password
        self.database = database
    }

    /// True when the client library will use the unix socket.
    public var usesSocket: Bool { host == nil || host == "" || host == "localhost" }
}

extension ConnectionSettings: CustomStringConvertible, CustomReflectable {
    /// Never prints the password.
    public var description: String {
        let target = usesSocket ? "socket \(socket ?? "")" : "\(host ?? ""):\(port ?? 3306)"
        return "ConnectionSettings(\(user)@\(target)/\(database), password redacted)"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
