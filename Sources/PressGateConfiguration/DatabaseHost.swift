/// `DB_HOST` as `wpdb::parse_db_host()` splits it, and as mysqli then connects.
public struct DatabaseHost: Equatable, Sendable {
    public let host: String
    public let port: Int?
    public let socket: String?
    public let isIPv6: Bool

    /// - `localhost`, `localhost:3307`, `127.0.0.1:3306`, `db:3307:/run/x.sock`
    /// - `:/run/mysql.sock`, `localhost:/var/run/mysqld/mysqld.sock` (the socket is what follows `:/`)
    /// - `[::1]:3306`, `[2001:db8::5]` (more than one `:` means IPv6)
    /// A non-numeric port is ignored, as WordPress ignores it.
    public init?(_ value: String) {
        var rest = Substring(value)
        var socket: String?
        if let range = rest.firstRange(of: ":/") {
            socket = String(rest[rest.index(after: range.lowerBound)...])
            rest = rest[..<range.lowerBound]
        }
        var host: Substring
        var portText: Substring = ""
        if rest.filter({ $0 == ":" }).count > 1 {
            // '#^(?:\[)?(?P<host>[0-9a-fA-F:]+)(?:\]:(?P<port>[\d]+))?#'
            isIPv6 = true
            if rest.first == "[" { rest = rest.dropFirst() }
            host = rest.prefix { $0.isHexDigit || $0 == ":" }
            let after = rest.dropFirst(host.count)
            if after.hasPrefix("]:") { portText = after.dropFirst(2).prefix { $0.isASCII && $0.isNumber } }
            guard !host.isEmpty else { return nil }
        } else {
            // '#^(?P<host>[^:/]*)(?::(?P<port>[\d]+))?#'
            isIPv6 = false
            host = rest.prefix { $0 != ":" && $0 != "/" }
            let after = rest.dropFirst(host.count)
            if after.hasPrefix(":") { portText = after.dropFirst().prefix { $0.isASCII && $0.isNumber } }
        }
        self.host = String(host)
        // `! empty( $matches['port'] ) ? abs( (int) … ) : null`: "0" counts as no port.
        let port = Int(portText).flatMap { $0 == 0 ? nil : $0 }
        // mysqli would fail to connect to anything past 65535; say so instead.
        if let port, port > 65535 { return nil }
        self.port = port
        self.socket = socket
    }

    /// mysqli treats `localhost` and an empty host as "use the unix socket", even with a port.
    public var usesSocket: Bool { host.isEmpty || host == "localhost" }
}
