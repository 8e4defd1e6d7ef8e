import MemberStore
import PressGateHTTP

/// `GET /auth/healthz` (the process answers) and `GET /auth/readyz` (the database answers, with
/// PressGate's tables at the version this binary needs: a binary upgraded before `pressgate
/// migrate` ran is not ready, rather than failing on the first request that needs a new column).
struct HealthController: RouteController {
    let database: Database
    let migrator: SchemaMigrator

    func register(on routes: RouterGroup) {
        routes.get("/healthz") { _ in .json(200, .object([("status", "ok")])) }
        routes.get("/readyz") { _ in readiness() }
    }

    func readiness() -> HTTPResponse {
        let applied: Set<Int>
        do {
            applied = try migrator.appliedVersions()
        } catch {
            return .json(503, .object([("status", "database unavailable")])).adding(header: "Retry-After", "5")
        }
        guard applied.contains(SchemaMigrator.latestVersion) else {
            let status =
                "schema version \(applied.max() ?? 0) is older than \(SchemaMigrator.latestVersion): run pressgate migrate"
            return .json(503, .object([("status", .string(status))]))
        }
        return .json(200, .object([("status", "ready")]))
    }
}
