import Logging
import MemberStore
import PressGateHTTP

/// Turns what a handler throws into the answer (Vapor's `ErrorMiddleware`): an ``HTTPError`` into
/// its status and message, an unreachable database into 503 with `Retry-After`, anything else into
/// a generic 500 whose detail goes only to the log, under the request's id. It never throws, so no
/// input can take a worker down.
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try next(context)
        } catch let error as HTTPError {
            return Self.response(for: error, context: context)
        } catch is SessionRefusal {
            // The thank-you page or a login link for an account the guard refuses (the audit log
            // says why; the answer does not).
            let refused = HTTPError(403, message: "This account cannot log in here. Please use the site's login page.")
            return Self.response(for: refused, context: context)
        } catch let error as SessionStoreError {
            // A session_tokens value too large for PressGate to read (WordPress may still): the
            // member logs in at wp-login.php; nothing was written.
            context.logger.warning("session_tokens unreadable", metadata: ["reason": "\(error)"])
            let elsewhere = HTTPError(
                409, message: "This account cannot log in here right now. Please use the site's login page.")
            return Self.response(for: elsewhere, context: context)
        } catch let error as DatabaseError where error.kind == .unavailable {
            context.logger.warning(
                "database unavailable", metadata: ["db.errno": "\(error.code)", "http.path": "\(context.request.path)"])
            let unavailable = HTTPError(
                503, message: "The service is temporarily unavailable. Please try again shortly.",
                headers: [("Retry-After", "5")])
            return Self.response(for: unavailable, context: context)
        } catch {
            context.logger.error(
                "request failed", metadata: ["error": "\(error)", "http.path": "\(context.request.path)"])
            return Self.response(for: HTTPError(500, message: "Something went wrong on our side."), context: context)
        }
    }

    static func response(for error: HTTPError, context: RequestContext) -> HTTPResponse {
        var response: HTTPResponse
        if context.errorFormat == .json || context.request.wantsJSON {
            response = .json(error.status, .object([("error", .string(error.message))]))
        } else {
            let content = "<h1>\(HTML.escape(error.status.reasonPhrase))</h1>\n<p>\(HTML.escape(error.message))</p>"
            response = context.page(error.status, Page(title: error.status.reasonPhrase, content))
        }
        response.headers += error.headers
        return response
    }
}
