import Synchronization
import WordPressCompat

/// The hash an unknown login is checked against, so that it costs what a member's check costs.
///
/// A fixed hash in the configured `hash_format` is not enough: a WordPress 6.8+ site's members hold
/// `$wp$2y$` bcrypt (50–100 ms a check) while PressGate's phpass dummy costs about 1 ms, and the
/// difference tells members from strangers. So the dummy is decided from the data: the most common
/// hash shape (format and cost) among the newest members, and one stored hash of that shape (its
/// check costs exactly what that shape costs; the result is thrown away). It is decided again every
/// ``refreshSeconds``, so a site that changes format (or its members' rehash on login) is followed.
final class DummyHash: Sendable {
    static let refreshSeconds = 600
    static let sampleSize = 1000

    private struct Decided {
        let hash: String
        let decidedAt: Int
    }

    private let fallback: String
    private let decided = Mutex<Decided?>(nil)

    /// - Parameter fallback: a hash in the configured format, for a site without members.
    init(fallback: String) {
        self.fallback = fallback
    }

    /// The dummy; `sample` (the newest members' hashes) is read when the last decision is stale.
    func current(now: Int, sample: () throws -> [String]) rethrows -> String {
        if let known = decided.withLock({ $0 }), now - known.decidedAt < Self.refreshSeconds, now >= known.decidedAt {
            return known.hash
        }
        let hash = Self.representative(of: try sample()) ?? fallback
        decided.withLock { $0 = Decided(hash: hash, decidedAt: now) }
        return hash
    }

    /// One hash of the most common shape in `hashes`, or nil when none is usable.
    static func representative(of hashes: [String]) -> String? {
        var counts: [String: (count: Int, example: String)] = [:]
        for hash in hashes where !hash.isEmpty {
            let shape = shape(of: hash)
            counts[shape, default: (0, hash)].count += 1
        }
        return counts.max { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.key > $1.key) }?
            .value.example
    }

    /// A hash without its salt and digest: what decides the cost of checking it. phpass `$P$B`,
    /// bcrypt `$2y$10$`, WordPress bcrypt `$wp$2y$10$`, Argon2 `$argon2id$v=19$m=…,t=…,p=…$`,
    /// anything else (plain MD5 and unknown formats) by its length.
    static func shape(of hash: String) -> String {
        if hash.hasPrefix("$P$") || hash.hasPrefix("$H$") { return String(hash.prefix(4)) }
        let fields = hash.split(separator: "$", omittingEmptySubsequences: false)
        if hash.hasPrefix("$wp$2"), fields.count >= 5 { return fields.prefix(4).joined(separator: "$") + "$" }
        if hash.hasPrefix("$2"), fields.count >= 4 { return fields.prefix(3).joined(separator: "$") + "$" }
        if hash.hasPrefix("$argon2"), fields.count >= 6 { return fields.prefix(4).joined(separator: "$") + "$" }
        return "length:\(hash.utf8.count)"
    }
}
