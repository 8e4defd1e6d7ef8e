import Synchronization

/// The site keys, loaded once and shared by every worker thread. Loading (database I/O) happens
/// outside the lock: a slow database holds up only the threads that need the keys, and two
/// threads that both miss may both load; the first stored value wins.
final class SiteKeysCache: Sendable {
    private let keys: Mutex<SiteKeys?>

    init(fixed: SiteKeys? = nil) {
        keys = Mutex(fixed)
    }

    func get(_ load: () throws -> SiteKeys) throws -> SiteKeys {
        if let cached = keys.withLock({ $0 }) { return cached }
        let loaded = try load()
        return keys.withLock { stored in
            if let stored { return stored }
            stored = loaded
            return loaded
        }
    }
}
