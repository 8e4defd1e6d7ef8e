import Foundation
import Synchronization

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
final class GateCache: Sendable {
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

    private struct State {
        var entries: [Key: Entry] = [:]
        var forgets: UInt64 = 0
    }

    /// Nanoseconds an entry is used for; 0 means the cache is off.
    private let lifetime: UInt64
    private let capacity: Int
    /// Monotonic nanoseconds (the tests move it by hand).
    private let clock: @Sendable () -> UInt64
    private let state = Mutex(State())

    init(
        lifetimeSeconds: Int, capacity: Int = 10_000,
        clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        lifetime = UInt64(max(0, lifetimeSeconds)) * 1_000_000_000
        self.capacity = capacity
        self.clock = clock
    }

    var isEnabled: Bool { lifetime > 0 }

    /// Read before a check looks at the database and handed back to ``remember(_:cookie:product:epoch:)``:
    /// if a session ended or a product was revoked in between, the check's "yes" may be stale
    /// already and is not stored.
    var epoch: UInt64 { state.withLock { $0.forgets } }

    /// The stored "yes" for this cookie and product, if it is younger than the lifetime and the
    /// cookie has not expired (`$expiration < time()` is expired, as in `wp_validate_auth_cookie`).
    func answer(cookie: String, product: String?, now: Int) -> Answer? {
        guard isEnabled else { return nil }
        let key = Key(cookie: cookie, product: product)
        let clock = clock()
        return state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            guard clock &- entry.storedAt < lifetime, entry.answer.expiration >= now else {
                state.entries[key] = nil
                return nil
            }
            return entry.answer
        }
    }

    func remember(_ answer: Answer, cookie: String, product: String?, epoch: UInt64) {
        guard isEnabled else { return }
        let key = Key(cookie: cookie, product: product)
        let clock = clock()
        state.withLock { state in
            guard epoch == state.forgets else { return }
            if state.entries.count >= capacity {
                state.entries = state.entries.filter { clock &- $0.value.storedAt < lifetime }
                // Still full of fresh entries: start over rather than grow (a miss only costs a lookup).
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[key] = Entry(answer: answer, storedAt: clock)
        }
    }

    /// Drops every entry of `memberID` (a session ended, the password changed).
    func forget(memberID: UInt64) {
        guard isEnabled else { return }
        state.withLock { state in
            state.forgets &+= 1
            state.entries = state.entries.filter { $0.value.answer.memberID != memberID }
        }
    }

    /// Drops everything (a product was revoked).
    func forgetAll() {
        guard isEnabled else { return }
        state.withLock { state in
            state.forgets &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }
}
