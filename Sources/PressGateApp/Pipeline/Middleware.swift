import PressGateHTTP

/// One step of the request pipeline: it may answer itself, change the context, or call `next` and
/// change the response (Hummingbird's `RouterMiddleware`, synchronous: each worker thread runs one
/// request at a time).
protocol RouterMiddleware {
    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse
}

/// A handler of one route and method.
typealias RouteHandler = (RequestContext) throws -> HTTPResponse

extension Array where Element == any RouterMiddleware {
    /// `handler` wrapped by the middleware, the first one outermost.
    func wrapping(_ handler: @escaping RouteHandler) -> RouteHandler {
        reversed().reduce(handler) { next, middleware in
            { context in try middleware.handle(context, next: next) }
        }
    }
}
