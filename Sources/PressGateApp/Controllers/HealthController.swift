import MemberStore
import PressGateHTTP

/// `GET /auth/healthz` (the process answers) and `GET /auth/readyz` (the database answers too).
struct HealthController: RouteController {
    let database: Database

    func register(on routes: RouterGroup) {
        routes.get("/healthz") { _ in .json(200, .object([("status", "ok")])) }
        routes.get("/readyz") { _ in readiness() }
    }

    func readiness() -> HTTPResponse {
        do {
            try database.run(SQL(constant: "SELECT 1"), idempotent: true)
            return .json(200, .object([("status", "ready")]))
        } catch {
            return .json(503, .object([("status", "database unavailable")])).adding(header: "Retry-After", "5")
        }
    }
}
