import Synchronization

/// The site keys, shared by every worker thread, read again every ``refreshSeconds``: rotating the
/// salts in wp-config.php (or in the options), WordPress's way to log everyone out, reaches a
/// running PressGate within seconds, without a restart.
///
/// Loading (a file read and database I/O) happens outside the lock. When the keys are stale, the
/// first thread to notice reloads them while the others go on with the old ones for that moment;
/// a failed reload keeps the old keys and is tried again a period later. The first load has no old
/// keys to fall back on, so it waits for (and throws with) the load.
final class SiteKeysCache: Sendable {
    static let refreshSeconds = 5

    private struct Loaded {
        let keys: SiteKeys
        var checkedAt: Int
    }

    private let fixed: SiteKeys?
    private let loaded = Mutex<Loaded?>(nil)

    /// - Parameter fixed: keys that never change (tests).
    init(fixed: SiteKeys? = nil) {
        self.fixed = fixed
    }

    /// The keys; `changed` runs once when a reload finds other salts than before (answers cached
    /// under the old ones, such as the gate's, must go).
    func get(now: Int, load: () throws -> SiteKeys, changed: () -> Void) throws -> SiteKeys {
        if let fixed { return fixed }
        let cached: SiteKeys? = loaded.withLock { loaded in
            guard var current = loaded else { return nil }
            if now >= current.checkedAt && now - current.checkedAt < Self.refreshSeconds { return current.keys }
            // Stale: this thread reloads; the others keep the current keys meanwhile.
            current.checkedAt = now
            loaded = current
            return nil
        }
        let old = loaded.withLock { $0?.keys }
        if let cached { return cached }
        let fresh: SiteKeys
        do {
            fresh = try load()
        } catch {
            if let old { return old }
            throw error
        }
        loaded.withLock { $0 = Loaded(keys: fresh, checkedAt: now) }
        if let old, old.fingerprint != fresh.fingerprint { changed() }
        return fresh
    }
}
