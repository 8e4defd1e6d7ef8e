import PressGateHTTP

/// The route table of one responder: path under the prefix → method → handler wrapped in its
/// group's middleware. Controllers register their routes through ``RouterGroup``s; the router
/// answers unknown paths 404, other methods 405 with `Allow`, oversized bodies 413, and runs the
/// app-wide middleware around all of it.
final class Router {
    struct Route {
        var handlers: [HTTPMethod: RouteHandler] = [:]
        var errorFormat = ErrorFormat.negotiated
    }

    let prefix: String
    let maximumBodyBytes: Int
    private var routes: [String: Route] = [:]
    private let middleware: [any RouterMiddleware]
    /// The app-wide middleware around ``dispatch(_:)``, composed once. (Built once and never
    /// reassigned: storing a closure back into a property on every request would wrap it in one more
    /// reabstraction thunk each time, and the chain would grow until the stack overflows.)
    private lazy var pipeline: RouteHandler = middleware.wrapping { [unowned self] in try dispatch($0) }

    init(prefix: String, maximumBodyBytes: Int, middleware: [any RouterMiddleware]) {
        self.prefix = prefix
        self.maximumBodyBytes = maximumBodyBytes
        self.middleware = middleware
    }

    /// A group of routes under `path` (relative to the prefix) sharing `middleware`.
    func group(_ path: String = "", middleware: [any RouterMiddleware] = []) -> RouterGroup {
        RouterGroup(router: self, path: path, middleware: middleware)
    }

    func add(_ method: HTTPMethod, _ path: String, errorFormat: ErrorFormat, _ handler: @escaping RouteHandler) {
        precondition(routes[path]?.handlers[method] == nil, "\(method) \(path) registered twice")
        routes[path, default: Route()].handlers[method] = handler
        routes[path]?.errorFormat = errorFormat
    }

    /// The paths and methods, for tests and `pressgate check`.
    var table: [(path: String, methods: [HTTPMethod])] {
        routes.keys.sorted().map { path in (path, routes[path]!.handlers.keys.sorted { $0.rawValue < $1.rawValue }) }
    }

    func respond(_ context: RequestContext) -> HTTPResponse {
        // The outermost middleware turns every error into a response; this catch is a last guard.
        (try? pipeline(context)) ?? .empty(500)
    }

    private func dispatch(_ context: RequestContext) throws -> HTTPResponse {
        let request = context.request
        guard request.path.hasPrefix(prefix + "/"), let route = routes[String(request.path.dropFirst(prefix.count))]
        else {
            throw HTTPError(404, message: "Not found.")
        }
        context.errorFormat = route.errorFormat
        let method = request.method == .head ? .get : request.method
        guard let handler = route.handlers[method] else {
            let allowed = route.handlers.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw HTTPError(405, message: "Use \(allowed).", headers: [("Allow", allowed)])
        }
        if request.body.count > maximumBodyBytes { throw HTTPError(413, message: "The request body is too large.") }
        return try handler(context)
    }
}

/// Routes under one path sharing middleware (Hummingbird's `RouterGroup`).
struct RouterGroup {
    let router: Router
    let path: String
    let middleware: [any RouterMiddleware]
    var errorFormat = ErrorFormat.negotiated

    init(router: Router, path: String, middleware: [any RouterMiddleware]) {
        self.router = router
        self.path = path
        self.middleware = middleware
    }

    func group(_ subpath: String = "", middleware more: [any RouterMiddleware] = []) -> RouterGroup {
        var group = RouterGroup(router: router, path: path + subpath, middleware: middleware + more)
        group.errorFormat = errorFormat
        return group
    }

    /// The same group answering every error as JSON.
    func answeringErrorsAsJSON() -> RouterGroup {
        var group = self
        group.errorFormat = .json
        return group
    }

    func get(_ subpath: String = "", _ handler: @escaping RouteHandler) {
        router.add(.get, path + subpath, errorFormat: errorFormat, middleware.wrapping(handler))
    }

    func post(_ subpath: String = "", _ handler: @escaping RouteHandler) {
        router.add(.post, path + subpath, errorFormat: errorFormat, middleware.wrapping(handler))
    }
}

/// A controller registers its routes on a group (Vapor's `RouteCollection`).
protocol RouteController {
    func register(on routes: RouterGroup)
}
