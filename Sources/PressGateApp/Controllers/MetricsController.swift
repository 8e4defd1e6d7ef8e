import MemberStore
import PressGateConfiguration
import PressGateHTTP

/// `GET /auth/metrics`: the Prometheus text format, for the addresses `metrics_allow` names
/// (loopback by default; everyone else gets the 404 of a route that does not exist). The outbox
/// gauges are read from the database when scraped.
struct MetricsController: RouteController {
    let app: PressGateApp
    let outbox: OutboxStore

    func register(on routes: RouterGroup) {
        routes.get("/metrics", metrics)
    }

    func metrics(_ context: RequestContext) throws -> HTTPResponse {
        guard let address = IPAddress.bytes(context.request.remoteAddress),
            app.http.metricsAllow.contains(where: { $0.contains(address) })
        else { throw HTTPError(404, message: "Not found.") }
        let waiting = try outbox.statistics()
        AppMetrics.outbox(
            pending: waiting.pending, failed: waiting.failed, oldestPendingSeconds: waiting.oldestPendingSeconds)
        return HTTPResponse(
            status: .ok, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
            body: app.metricsText?() ?? [])
    }
}
