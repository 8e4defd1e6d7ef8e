import PressGateConfiguration
import PressGateHTTP

/// The one place the client's address and scheme are decided (``PressGateResponder`` applies it to
/// every request before anything reads `remoteAddress` or `isHTTPS`: the throttle's budgets, the
/// audit log, session rows, the `Secure` flag and the auth cookie's name).
///
/// Behind a CDN, load balancer or TLS terminator, nginx's `REMOTE_ADDR` is the proxy (every client
/// shares one throttle budget, so one attacker locks everyone out) and `HTTPS` is off. When
/// `REMOTE_ADDR` is in `trusted_proxies`, the client is read from `X-Forwarded-For`, right to left,
/// skipping trusted hops: the first untrusted address is the client (everything left of it was
/// written by the client and proves nothing). The scheme comes from `X-Forwarded-Proto` (its last
/// value, the one the nearest proxy set). From any other peer both headers are ignored entirely:
/// anyone can send them. (nginx's `real_ip` module does the address part in nginx instead; see the
/// README.)
struct TrustedProxies: Sendable {
    let networks: [IPNetwork]

    func trusts(_ address: String) -> Bool {
        guard let bytes = IPAddress.bytes(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The request with the client's own address and scheme; unchanged unless its peer is trusted.
    func resolve(_ request: HTTPRequest) -> HTTPRequest {
        guard !networks.isEmpty, trusts(request.remoteAddress) else { return request }
        var resolved = request
        if let forwarded = request.header("x-forwarded-for") {
            resolved.remoteAddress = client(forwardedFor: forwarded, peer: request.remoteAddress)
        }
        if let proto = request.header("x-forwarded-proto"), let last = proto.split(separator: ",").last {
            switch Self.trimmed(last).lowercased() {
            case "https": resolved.isHTTPS = true
            case "http": resolved.isHTTPS = false
            default: break
            }
        }
        return resolved
    }

    /// The first untrusted hop from the right. An entry that is not an address stops the walk at
    /// the last trusted hop: a trusted proxy wrote it, and guessing past it would let the client choose.
    func client(forwardedFor header: String, peer: String) -> String {
        var client = peer
        for entry in header.split(separator: ",").reversed() {
            guard let address = Self.address(String(Self.trimmed(entry))) else { break }
            client = address
            if !trusts(address) { break }
        }
        return client
    }

    /// An `X-Forwarded-For` entry's address: `192.0.2.1`, `2001:db8::1`, or with a port as some
    /// load balancers write it (`192.0.2.1:5678`, `[2001:db8::1]:443`).
    static func address(_ entry: String) -> String? {
        var text = Substring(entry)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.contains("."), let colon = text.firstIndex(of: ":"), text.filter({ $0 == ":" }).count == 1 {
            text = text[..<colon]
        }
        let address = String(text)
        return IPAddress.bytes(address) == nil ? nil : address
    }

    /// Without the spaces and tabs around a list entry.
    static func trimmed(_ text: Substring) -> Substring {
        var text = text.drop { $0 == " " || $0 == "\t" }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
