/// A request as the FastCGI adapter hands it to the app: CGI parameters already split into what
/// handlers use. Built once per request; handlers never see libfcgi.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path nginx routed (`DOCUMENT_URI`, already normalised by nginx), without the query.
    public var path: String
    public var query: [String: String]
    public var cookies: [String: String]
    public var headers: [String: String]
    public var remoteAddress: String
    /// True when nginx says the client used HTTPS (`HTTPS=on`).
    public var isHTTPS: Bool
    public var contentType: String
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], cookies: [String: String] = [:],
                headers: [String: String] = [:], remoteAddress: String = "", isHTTPS: Bool = false,
                contentType: String = "", body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.cookies = cookies
        self.headers = headers
        self.remoteAddress = remoteAddress
        self.isHTTPS = isHTTPS
        self.contentType = contentType
        self.body = body
    }

    /// A header by lowercase name (`user-agent`, `accept`, `origin`, `referer`, `host`).
    public func header(_ name: String) -> String? { headers[name] }

    /// True when the client asked for JSON (`Accept: application/json`) or sent JSON.
    public var wantsJSON: Bool {
        (header("accept") ?? "").contains("application/json") || contentType.hasPrefix("application/json")
    }
}
