import Foundation

/// The gate's recent "yes" answers, shared by the worker threads, so that the requests of one page
/// (its images, a video's range requests) do not each cost two MariaDB round trips and two HMACs.
///
/// An entry says: this `wordpress_logged_in_` cookie value (its exact bytes) passed
/// `wp_validate_auth_cookie($cookie, 'logged_in')` with a live session and, for a product, the member
/// held it. It is reused for at most `lifetime` seconds and never past the cookie's own expiration.
/// Only "yes" is kept: a "no" is never stale, and a flood of made-up cookies cannot fill the cache.
///
/// The price is a revocation delay of at most `lifetime`: a session ended, a password changed or a
/// product revoked outside this process (in WordPress, by another responder, by
/// `pressgate user set-password`) reaches the gate that much later. What this process changes —
/// logout, log out everywhere, a password change or reset, a rehash at login, a refund — drops the
/// affected entries at once (``forget(memberID:)``, ``forgetAll()``), and a check that was already
/// under way when they ran does not store its answer (``epoch``).
final class GateCache: @unchecked Sendable {
    struct Answer: Equatable {
        let memberID: UInt64
        let login: String
        /// The cookie's expiration (Unix time); the entry is unusable after it.
        let expiration: Int
    }

    private struct Key: Hashable {
        let cookie: [UInt8]
        let product: [UInt8]?

        init(cookie: String, product: String?) {
            self.cookie = Array(cookie.utf8)
            self.product = product.map { Array($0.utf8) }
        }
    }

    private struct Entry {
        let answer: Answer
        let storedAt: UInt64
    }

    /// Nanoseconds an entry is used for; 0 means the cache is off.
    private let lifetime: UInt64
    private let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var forgets: UInt64 = 0

    init(lifetimeSeconds: Int, capacity: Int = 10_000) {
        lifetime = UInt64(max(0, lifetimeSeconds)) * 1_000_000_000
        self.capacity = capacity
    }

    var isEnabled: Bool { lifetime > 0 }

    /// Read before a check looks at the database and handed back to ``remember(_:cookie:product:epoch:)``:
    /// if a session ended or a product was revoked in between, the check's "yes" may be stale
    /// already and is not stored.
    var epoch: UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return forgets
    }

    /// The stored "yes" for this cookie and product, if it is younger than the lifetime and the
    /// cookie has not expired (`$expiration < time()` is expired, as in `wp_validate_auth_cookie`).
    func answer(cookie: String, product: String?, now: Int) -> Answer? {
        guard isEnabled else { return nil }
        let key = Key(cookie: cookie, product: product)
        let clock = Self.monotonicNanoseconds()
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[key] else { return nil }
        guard clock &- entry.storedAt < lifetime, entry.answer.expiration >= now else {
            entries[key] = nil
            return nil
        }
        return entry.answer
    }

    func remember(_ answer: Answer, cookie: String, product: String?, epoch: UInt64) {
        guard isEnabled else { return }
        let key = Key(cookie: cookie, product: product)
        let clock = Self.monotonicNanoseconds()
        lock.lock()
        defer { lock.unlock() }
        guard epoch == forgets else { return }
        if entries.count >= capacity {
            entries = entries.filter { clock &- $0.value.storedAt < lifetime }
            // Still full of fresh entries: start over rather than grow (a miss only costs a lookup).
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        }
        entries[key] = Entry(answer: answer, storedAt: clock)
    }

    /// Drops every entry of `memberID` (a session ended, the password changed).
    func forget(memberID: UInt64) {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        forgets &+= 1
        entries = entries.filter { $0.value.answer.memberID != memberID }
    }

    /// Drops everything (a product was revoked).
    func forgetAll() {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        forgets &+= 1
        entries.removeAll(keepingCapacity: true)
    }

    private static func monotonicNanoseconds() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }
}
