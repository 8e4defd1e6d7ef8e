import MemberStore

extension AppWorker {
    /// `GET /auth/healthz`: the process is alive and answering.
    func healthz(_ request: HTTPRequest) throws -> HTTPResponse {
        .json(200, .object([("status", "ok")]))
    }

    /// `GET /auth/readyz`: the database answers (200), or 503.
    func readyz(_ request: HTTPRequest) throws -> HTTPResponse {
        do {
            try database.run(SQL(constant: "SELECT 1"), idempotent: true)
            return .json(200, .object([("status", "ready")]))
        } catch {
            return .json(503, .object([("status", "database unavailable")])).adding(header: "Retry-After", "5")
        }
    }
}
