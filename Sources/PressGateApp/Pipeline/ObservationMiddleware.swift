import Foundation
import Logging
import PressGateHTTP

/// First in the pipeline, so every answer is seen: the request's metrics (count by route and
/// status, duration) and one access line at `info` — method, path, status, duration, the request id
/// and, when known, the member. Never the query string (links carry bearer tokens there) nor a
/// cookie or header. `log_level = notice` turns the lines off; the metrics stay.
struct ObservationMiddleware: RouterMiddleware {
    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try next(context)
        let elapsed = DispatchTime.now().uptimeNanoseconds &- started
        // The route table's paths only: an unknown path (a scanner's) is one label, not one each.
        let route = response.status.code == 404 ? "unmatched" : context.request.path
        AppMetrics.request(route: route, status: response.status.code, nanoseconds: elapsed)
        guard context.app.logger.logLevel <= .info else { return response }
        var metadata: Logger.Metadata = [
            "http.method": "\(context.request.method.rawValue)", "http.path": "\(context.request.path)",
            "http.status": "\(response.status.code)", "duration_ms": "\(Double(elapsed / 1000) / 1000)",
        ]
        if let member = context.memberID ?? context.session?.member.id { metadata["member.id"] = "\(member)" }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
