import Logging
import MemberStore
import PressGateHTTP
import WordPressCompat

/// What one request carries through the pipeline, built once by ``PressGateResponder``: the
/// request, the clock reading every rule of this request uses, an id and a logger that carries it,
/// and — loaded on first use and then kept — the site keys, the parsed form and the logged-in
/// member (set by ``SessionRequiredMiddleware`` on the routes that need one).
final class RequestContext {
    let request: HTTPRequest
    let app: PressGateApp
    /// Unix time, read once: every check of this request agrees on "now".
    let now: Int
    let requestID: String
    /// The app's logger with this request's id as `request.id` (made on first use: most requests log
    /// nothing, and the gate is on every protected file's path).
    private(set) lazy var logger: Logger = {
        var logger = app.logger
        logger[metadataKey: "request.id"] = .string(requestID)
        return logger
    }()
    /// How an error of this request is answered; the router sets it from the matched route.
    var errorFormat: ErrorFormat = .negotiated
    /// The member behind a live account cookie (``SessionService/accountMember(_:)``), on routes behind
    /// ``SessionRequiredMiddleware``.
    var session: LoggedInMember?
    /// The member this request acted for, once known (a session recognised, a login), for the access line.
    var memberID: UInt64?

    private var cachedKeys: SiteKeys?
    private var cachedForm: FormFields?
    /// The CSRF nonce cookie a page handed out (``csrfToken()``), added to the response on the way out.
    private(set) var pendingCSRFCookie: String?
    private var csrfNonce: String?

    private let loadKeys: () throws -> SiteKeys

    init(request: HTTPRequest, app: PressGateApp, requestID: String, keys: @escaping () throws -> SiteKeys) {
        self.request = request
        loadKeys = keys
        self.app = app
        self.requestID = requestID
        now = app.clock()
    }

    /// Routes live under this prefix (`/auth`).
    var prefix: String { app.http.routePrefix }

    /// The site's keys (salts, cookie names, URLs): from the app's cache, loaded on first use.
    var keys: SiteKeys {
        get throws {
            if let cachedKeys { return cachedKeys }
            let keys = try loadKeys()
            cachedKeys = keys
            return keys
        }
    }

    /// The request body's fields (urlencoded or JSON), parsed once; malformed bodies are 400/415.
    func form() throws(HTTPError) -> FormFields {
        if let cachedForm { return cachedForm }
        let form = try FormFields.body(of: request)
        cachedForm = form
        return form
    }

    /// The logged-in member; only on routes behind ``SessionRequiredMiddleware`` (else a programmer
    /// error, answered 500).
    func requireSession() throws -> LoggedInMember {
        guard let session else { throw PipelineError.sessionStepMissing(path: request.path) }
        return session
    }

    /// Whether the cookies this request sets are `Secure`: when the client used HTTPS, and always
    /// when the site's `home` is https, whatever the request says (a TLS terminator that PressGate
    /// was not told about must not strip the flag).
    func cookiesAreSecure() throws -> Bool {
        try request.isHTTPS || keys.homeIsHTTPS
    }

    /// The CSRF token for a page's form. The browser's nonce is reused when it has a well-formed
    /// one; the nonce cookie goes out with the response, so a browser that arrived without it can
    /// still submit.
    func csrfToken() throws -> String {
        let nonce =
            csrfNonce ?? request.cookies[CSRFToken.cookieName].flatMap { $0.count == SessionToken.length ? $0 : nil }
            ?? CSRFToken.newNonce()
        // One nonce per request, however many forms the page has.
        csrfNonce = nonce
        pendingCSRFCookie = Cookies.setCookie(
            name: CSRFToken.cookieName, value: nonce, path: prefix + "/", expires: nil, secure: try cookiesAreSecure(),
            now: now)
        return CSRFToken.token(forNonce: nonce, key: try keys.csrfKey)
    }

    /// A page framed by the site's layout.
    func page(_ status: HTTPStatus, _ page: Page) -> HTTPResponse {
        .html(status, app.layout.render(page))
    }

    /// The path of one of PressGate's routes (`/auth/login`).
    func path(_ route: String) -> String { prefix + route }
}

/// How errors are answered on a route: by what the client asked for (JSON or a page), or always
/// JSON (the gate, which nginx reads only for its status).
enum ErrorFormat {
    case negotiated
    case json
}

/// Mistakes in wiring the pipeline (never caused by input); answered as a generic 500.
enum PipelineError: Error, CustomStringConvertible {
    case sessionStepMissing(path: String)

    var description: String {
        switch self {
        case .sessionStepMissing(let path): "route \(path) reads the session but has no session step"
        }
    }
}
