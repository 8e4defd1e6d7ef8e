import Metrics

/// What `pressgate serve` counts, through swift-metrics (the CLI bootstraps swift-prometheus, and
/// ``MetricsController`` shows it as `GET <prefix>/metrics`). Without a bootstrapped system (tests
/// of the app alone) every call is a no-op. Labels are bounded sets: routes of the route table (or
/// `unmatched`), statuses, outcomes PressGate names — never anything a client chooses freely.
enum AppMetrics {
    static func request(route: String, status: Int, nanoseconds: UInt64) {
        Counter(label: "pressgate_requests_total", dimensions: [("route", route), ("status", String(status))])
            .increment()
        Timer(label: "pressgate_request_duration_seconds", dimensions: [("route", route)])
            .recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// `ok`, `failed`, `throttled`, `second_factor`, `refused` or `busy`.
    static func login(_ outcome: String) {
        Counter(label: "pressgate_logins_total", dimensions: [("outcome", outcome)]).increment()
    }

    /// `allowed`, `denied` (not logged in) or `forbidden` (product missing); and whether the cache answered.
    static func gate(_ decision: String, cached: Bool) {
        Counter(label: "pressgate_gate_decisions_total", dimensions: [("decision", decision)]).increment()
        Counter(label: "pressgate_gate_cache_total", dimensions: [("result", cached ? "hit" : "miss")]).increment()
    }

    static func purchaseEvent(provider: String, outcome: String) {
        Counter(label: "pressgate_purchase_events_total", dimensions: [("provider", provider), ("outcome", outcome)])
            .increment()
    }

    static func outbox(pending: Int, failed: Int, oldestPendingSeconds: Int) {
        Gauge(label: "pressgate_outbox_messages", dimensions: [("status", "pending")]).record(pending)
        Gauge(label: "pressgate_outbox_messages", dimensions: [("status", "failed")]).record(failed)
        Gauge(label: "pressgate_outbox_oldest_pending_seconds").record(oldestPendingSeconds)
    }
}
