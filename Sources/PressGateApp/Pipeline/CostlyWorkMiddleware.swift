import PressGateHTTP

/// Routes that hash a password (login and its second step, reset, password change, two-step
/// settings, forgot-password and link requests) run within ``CostlyWork``'s limit, so a flood of
/// them cannot take the threads the gate needs; past it they are answered 503 with `Retry-After`.
struct CostlyWorkMiddleware: RouterMiddleware {
    let costlyWork: CostlyWork

    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        if let response = try costlyWork.ifAvailable({ try next(context) }) { return response }
        context.logger.notice("costly request refused: every thread for them is busy")
        if context.request.path.hasSuffix("/login") { AppMetrics.login("busy") }
        throw HTTPError(
            503, message: "The service is busy. Please try again in a moment.", headers: [("Retry-After", "1")])
    }
}

extension RouterGroup {
    /// The same group with ``CostlyWorkMiddleware`` last (after its cheaper checks).
    func costly(_ app: PressGateApp) -> RouterGroup {
        group(middleware: [CostlyWorkMiddleware(costlyWork: app.costlyWork)])
    }
}
