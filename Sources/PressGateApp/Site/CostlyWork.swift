import Synchronization

/// How many worker threads may do a password's worth of work (a hash check or a new hash) at once.
///
/// Login shares the worker threads with the gate, and a flood of logins (each 1–100 ms of hashing,
/// unknown names included) would otherwise take every thread and stop protected files from loading.
/// So some threads are kept for the rest: past ``limit`` busy ones, a costly request is answered
/// 503 with `Retry-After` at once (it never waits, which would hold a thread too), and the gate,
/// health checks and pages keep their threads.
final class CostlyWork: Sendable {
    let limit: Int
    private let busy = Mutex(0)

    /// - Parameters:
    ///   - threads: the server's worker threads.
    ///   - reservedForOthers: threads costly requests may never all take (at least one stays costly).
    init(threads: Int, reservedForOthers: Int) {
        limit = max(1, threads - reservedForOthers)
    }

    /// Runs `work` when a slot is free; nil (nothing run) when all are taken.
    func ifAvailable<Result>(_ work: () throws -> Result) rethrows -> Result? {
        let entered = busy.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard entered else { return nil }
        defer { busy.withLock { $0 -= 1 } }
        return try work()
    }

    var inUse: Int { busy.withLock { $0 } }
}
