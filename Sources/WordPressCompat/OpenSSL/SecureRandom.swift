internal import COpenSSL

/// A source of random bytes. Production code uses ``SystemRandom`` (OpenSSL's CSPRNG); unit tests
/// pass a seeded source so that generated salts, keys and passwords are repeatable.
public protocol RandomByteSource {
    mutating func nextBytes(_ count: Int) -> [UInt8]
}

/// OpenSSL's `RAND_bytes`, seeded by the operating system.
public struct SystemRandom: RandomByteSource, Sendable {
    public init() {}

    public mutating func nextBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        let status = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        // Without randomness no salt, key or token is safe to issue, and OpenSSL 3 only fails here
        // when the operating system's entropy source is gone: stopping is the only safe answer.
        precondition(status == 1, "RAND_bytes failed: the system CSPRNG is unavailable")
        return bytes
    }
}

/// Constant-time comparison of secrets (hashes, HMACs, tokens): `hash_equals()` in PHP.
public enum ConstantTime {
    /// True when both byte strings are equal. The time depends only on the lengths, never on the
    /// position of the first difference.
    public static func equals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        let a = Array(lhs)
        let b = Array(rhs)
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, x.count) == 0 }
        }
    }

    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(lhs.utf8, rhs.utf8)
    }
}
