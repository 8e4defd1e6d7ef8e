import MemberStore
import PressGateHTTP
import WordPressCompat

/// One worker thread's application: its stores on its own connection and the router with every
/// controller registered. `respond(to:)` builds the request's context and runs the pipeline:
///
/// security headers → errors → CSRF cookie → route (404/405/413) → the group's middleware
/// (same-site check, session step) → the controller's handler.
public final class PressGateResponder: HTTPResponder {
    let app: PressGateApp
    let stores: SiteStores
    let router: Router
    private let idPrefix = String(SessionToken.generate().prefix(8))
    /// The site keys from the app's cache, loaded on this responder's connection when missing.
    private let loadKeys: () throws -> SiteKeys
    private var served: UInt64 = 0

    init(app: PressGateApp, database: Database) {
        self.app = app
        let configuration = app.configuration
        stores = SiteStores(
            database: database, tables: configuration.tables, wordpressVersion: configuration.wordpressVersionString,
            throttlePolicy: app.throttlePolicy)
        loadKeys = { [app, stores] in try app.siteKeys(loadingWith: stores.options) }
        router = Router(
            prefix: app.http.routePrefix, maximumBodyBytes: app.http.maximumBodyBytes,
            middleware: [
                ObservationMiddleware(), SecurityHeadersMiddleware(), ErrorMiddleware(), CSRFCookieMiddleware(),
            ])
        Controllers.register(on: router, app: app, stores: stores)
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        served &+= 1
        // The client's address and scheme are decided here, once, before anything reads them.
        let context = RequestContext(
            request: app.trustedProxies.resolve(request), app: app, requestID: "\(idPrefix)-\(served)",
            keys: loadKeys)
        return router.respond(context)
    }
}
