/// Where `pressgate serve` listens: `unix:PATH`, `127.0.0.1:PORT` (a host is required: libfcgi
/// binds every interface for a bare `:PORT`), or an inherited listening socket: fd 0 (spawn-fcgi)
/// or fd 3 (systemd's socket activation, `LISTEN_FDS`).
public enum ListenAddress: Equatable, Sendable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)
    case inherited(fd: Int32)

    /// Parses `unix:/run/pressgate/pressgate.sock` or `127.0.0.1:9000` / `[::1]:9000`.
    public init?(_ text: String) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard path.hasPrefix("/"), path.utf8.count < 108 else { return nil }
            self = .unix(path: path)
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self = .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .inherited(let fd): "fd \(fd)"
        }
    }
}
