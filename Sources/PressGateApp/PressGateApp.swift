import Logging
import MemberStore
import PressGateConfiguration
import WordPressCompat

/// The application: routes requests to handlers. Shared by all worker threads; each thread calls
/// ``makeWorker()`` once and uses the worker (and its own database connection) for every request.
public final class PressGateApp: Sendable {
    public let configuration: SiteConfiguration
    public let settings: AppSettings
    let logger: Logger
    let hasher: PasswordHasher
    let keys = SiteKeysCache()
    let gateCache: GateCache
    /// A hash of the configured format to check when no member matches, so that an unknown login
    /// costs the same time as a known one (made once at start).
    let dummyHash: String

    public init(configuration: SiteConfiguration, settings: AppSettings, logger: Logger) throws {
        self.configuration = configuration
        self.settings = settings
        self.logger = logger
        gateCache = GateCache(lifetimeSeconds: settings.gateCacheSeconds)
        hasher = try PasswordHasher(wordpress: configuration.wordpress,
                                    target: configuration.settings.passwords.hashTarget)
        dummyHash = try hasher.hash(Array(SessionToken.generate().utf8))
        Layout.theme = try Layout.loadTheme(from: settings.pagesDirectory)
    }

    public func makeWorker() -> AppWorker {
        AppWorker(app: self, database: Database(settings: configuration.connection, logger: logger))
    }
}

/// One worker thread's view of the app: its own database connection and repositories.
public final class AppWorker {
    let app: PressGateApp
    let database: Database
    let members: MemberRepository
    let sessions: SessionStore
    let options: SiteOptions
    let memberships: Memberships
    let throttle: LoginThrottle
    let audit: AuditLog
    let purchases: PurchaseStore
    let welcomeClaims: WelcomeClaims
    let accounts: AccountStore
    let links: LoginLinks
    var policy: PasswordPolicy { PasswordPolicy(minimumLength: app.configuration.settings.passwords.minimumLength) }

    init(app: PressGateApp, database: Database) {
        self.app = app
        self.database = database
        let tables = app.configuration.tables
        members = MemberRepository(database: database, tables: tables, wordpressVersion: app.configuration.wordpressVersionString)
        sessions = SessionStore(database: database, tables: tables)
        options = SiteOptions(database: database, tables: tables)
        memberships = Memberships(database: database, tables: tables)
        throttle = LoginThrottle(database: database, tables: tables, policy: app.settings.throttle)
        audit = AuditLog(database: database, tables: tables)
        purchases = PurchaseStore(database: database, tables: tables, wordpressVersion: app.configuration.wordpressVersionString)
        welcomeClaims = WelcomeClaims(database: database, tables: tables)
        accounts = AccountStore(database: database, tables: tables)
        links = LoginLinks(database: database, tables: tables)
    }

    var keys: SiteKeys {
        get throws { try app.keys.get { try SiteKeys.load(configuration: app.configuration, options: options) } }
    }

    /// Answers one request. Never throws and never traps on input: client errors become their
    /// status, an unreachable database 503 with `Retry-After`, anything else a generic 500 (logged
    /// with its detail, which never contains secrets).
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        do {
            return try route(request)
        } catch let error as HTTPError {
            return errorResponse(error, for: request)
        } catch let error as DatabaseError where error.kind == .unavailable {
            app.logger.warning("database unavailable", metadata: ["db.errno": "\(error.code)", "http.path": "\(request.path)"])
            return errorResponse(HTTPError(503, message: "The service is temporarily unavailable. Please try again shortly.",
                                           headers: [("Retry-After", "5")]), for: request)
        } catch {
            app.logger.error("request failed", metadata: ["error": "\(error)", "http.path": "\(request.path)"])
            return errorResponse(HTTPError(500, message: "Something went wrong on our side."), for: request)
        }
    }

    func errorResponse(_ error: HTTPError, for request: HTTPRequest) -> HTTPResponse {
        var response: HTTPResponse
        if request.wantsJSON || request.path.hasSuffix("/check") {
            response = .json(error.status, .object([("error", .string(error.message))]))
        } else {
            let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(error.status)</title></head>"
                + "<body><main><h1>\(HTTPResponse.reason(error.status))</h1><p>\(HTML.escape(error.message))</p></main></body></html>"
            response = .html(error.status, page)
        }
        response.headers += error.headers
        return response
    }
}
