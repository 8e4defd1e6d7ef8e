/// A request as a server adapter hands it over: the method, the path the front server routed, the
/// query, every request header (lowercase names), the cookies, the peer, and the body. Built once
/// per request; nothing above this module sees the transport.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The path nginx routed (`DOCUMENT_URI`, already normalised by nginx), without the query.
    public var path: String
    public var query: [String: String]
    public var cookies: [String: String]
    /// Every request header the client sent, by lowercase name (`user-agent`, `webhook-id`, …).
    public var headers: [String: String]
    public var remoteAddress: String
    /// True when the front server says the client used HTTPS (`HTTPS=on`).
    public var isHTTPS: Bool
    public var contentType: String
    public var body: [UInt8]

    public init(
        method: HTTPMethod, path: String, query: [String: String] = [:], cookies: [String: String] = [:],
        headers: [String: String] = [:], remoteAddress: String = "", isHTTPS: Bool = false,
        contentType: String = "", body: [UInt8] = []
    ) {
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

    /// A header by lowercase name.
    public func header(_ name: String) -> String? { headers[name] }

    /// True when the body is JSON (`Content-Type: application/json`).
    public var hasJSONBody: Bool { contentType.lowercased().hasPrefix("application/json") }

    /// True when the client asked for JSON (`Accept: application/json`) or sent JSON.
    public var wantsJSON: Bool {
        (header("accept") ?? "").contains("application/json") || hasJSONBody
    }
}
