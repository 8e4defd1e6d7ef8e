#if canImport(Glibc)
import Glibc
#endif

/// One entry of `trusted_proxies`: an IPv4 or IPv6 network in CIDR form (`10.0.0.0/8`,
/// `2001:db8::/32`) or one address (`192.0.2.1` is `192.0.2.1/32`). Parsed strictly: host bits
/// set beyond the prefix (`10.0.0.1/8`) are refused rather than silently widened, since a typo here
/// decides whose `X-Forwarded-For` is believed; so is a `/0`, which would believe every client.
public struct IPNetwork: Sendable, Equatable, CustomStringConvertible {
    /// 4 or 16 bytes, host bits zero.
    let network: [UInt8]
    let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let network = IPAddress.bytes(String(parts[0])), !IPAddress.isIPv4Mapped(String(parts[0])) else {
            return nil
        }
        let bits = network.count * 8
        var length = bits
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...3).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }),
                !digits.hasPrefix("0"), let value = Int(digits), value <= bits
            else { return nil }
            length = value
        }
        guard Self.masked(network, length) == network else { return nil }
        self.network = network
        prefixLength = length
    }

    /// True when `address` (4 or 16 bytes, as ``IPAddress/bytes(_:)`` gives them) is in this network.
    public func contains(_ address: [UInt8]) -> Bool {
        address.count == network.count && Self.masked(address, prefixLength) == network
    }

    public var description: String {
        let family = network.count == 4 ? AF_INET : AF_INET6
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = inet_ntop(family, network, &text, socklen_t(text.count))
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            + "/\(prefixLength)"
    }

    private static func masked(_ address: [UInt8], _ length: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let kept = min(8, max(0, length - index * 8))
            return kept == 8 ? byte : byte & ~(0xFF >> kept)
        }
    }
}

/// Textual IP addresses as the kernel reads them (`inet_pton`): no leading zeros, no zone, no port.
public enum IPAddress {
    /// The address's bytes (4 for IPv4, 16 for IPv6; an IPv4-mapped IPv6 address,
    /// `::ffff:192.0.2.1`, as its 4 IPv4 bytes); nil for anything that is not exactly an address.
    public static func bytes(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count < Int(INET6_ADDRSTRLEN), !text.utf8.contains(0) else { return nil }
        if !text.contains(":") {
            var bytes = [UInt8](repeating: 0, count: 4)
            return inet_pton(AF_INET, text, &bytes) == 1 ? bytes : nil
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, text, &bytes) == 1 else { return nil }
        return bytes[0..<12].elementsEqual(mappedPrefix) ? Array(bytes[12...]) : bytes
    }

    /// True for `::ffff:a.b.c.d`-style text.
    static func isIPv4Mapped(_ text: String) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 16)
        return text.contains(":") && inet_pton(AF_INET6, text, &bytes) == 1 && bytes[0..<12].elementsEqual(mappedPrefix)
    }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
}
