import Foundation
import Logging
import PressGateHTTP

/// One access line per request at `info` (first in the pipeline, so every answer is counted):
/// method, path, status, duration, the request id and, when known, the member. Never the query
/// string (links carry bearer tokens there) nor a cookie or header. `log_level = notice` turns
/// the lines off.
struct AccessLogMiddleware: RouterMiddleware {
    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        guard context.app.logger.logLevel <= .info else { return try next(context) }
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try next(context)
        let micros = (DispatchTime.now().uptimeNanoseconds &- started) / 1000
        var metadata: Logger.Metadata = [
            "http.method": "\(context.request.method.rawValue)", "http.path": "\(context.request.path)",
            "http.status": "\(response.status.code)", "duration_ms": "\(Double(micros) / 1000)",
        ]
        if let member = context.memberID ?? context.session?.member.id { metadata["member.id"] = "\(member)" }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
