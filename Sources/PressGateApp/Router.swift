/// The route table: path under the prefix → allowed methods → handler.
extension AppWorker {
    typealias Handler = @Sendable (AppWorker) -> (HTTPRequest) throws -> HTTPResponse

    static let routes: [(path: String, methods: [String: Handler])] = [
        ("/login", ["GET": AppWorker.showLogin, "POST": AppWorker.login]),
        ("/logout", ["POST": AppWorker.logout]),
        ("/check", ["GET": AppWorker.check]),
        ("/healthz", ["GET": AppWorker.healthz]),
        ("/readyz", ["GET": AppWorker.readyz]),
        ("/hooks/purchase", ["POST": AppWorker.purchaseHook]),
        ("/hooks/stripe", ["POST": AppWorker.stripeHook]),
        ("/hooks/woocommerce", ["POST": AppWorker.wooCommerceHook]),
        ("/welcome", ["GET": AppWorker.welcome, "POST": AppWorker.welcomeLogin]),
        ("/password/forgot", ["GET": AppWorker.showForgot, "POST": AppWorker.forgot]),
        ("/password/reset", ["GET": AppWorker.showReset, "POST": AppWorker.reset]),
        ("/account", ["GET": AppWorker.account]),
        ("/account/password", ["POST": AppWorker.changePassword]),
        ("/account/sessions", ["POST": AppWorker.endOtherSessions]),
        ("/link", ["GET": AppWorker.showLink, "POST": AppWorker.useLink]),
        ("/link/request", ["POST": AppWorker.requestLink]),
        ("/hooks/login-link", ["POST": AppWorker.loginLinkHook]),
    ]

    func route(_ request: HTTPRequest) throws -> HTTPResponse {
        let prefix = app.settings.routePrefix
        guard request.path.hasPrefix(prefix + "/") else { throw HTTPError(404, message: "Not found.") }
        let path = String(request.path.dropFirst(prefix.count))
        guard let route = Self.routes.first(where: { $0.path == path }) else { throw HTTPError(404, message: "Not found.") }
        let method = request.method == "HEAD" ? "GET" : request.method
        guard let handler = route.methods[method] else {
            let allowed = route.methods.keys.sorted().joined(separator: ", ")
            throw HTTPError(405, message: "Use \(allowed).", headers: [("Allow", allowed)])
        }
        if request.body.count > app.settings.maximumBodyBytes { throw HTTPError(413, message: "The request body is too large.") }
        return try handler(self)(request)
    }
}
