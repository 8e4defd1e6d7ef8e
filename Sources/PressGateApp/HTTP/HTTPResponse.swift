/// A response: status, headers in order (several `Set-Cookie` allowed), body bytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func html(_ status: Int, _ page: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
            .addingSecurityHeaders()
    }

    public static func json(_ status: Int, _ object: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(object.serialized.utf8))
            .addingSecurityHeaders()
    }

    public static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(status: 303, headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")],
                     body: Array("See \(location)\n".utf8)).addingSecurityHeaders()
    }

    public static func empty(_ status: Int) -> HTTPResponse {
        HTTPResponse(status: status)
    }

    public func adding(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }

    /// Pages that carry credentials or forms are never cached and never framed.
    func addingSecurityHeaders() -> HTTPResponse {
        var copy = self
        copy.headers += [
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            // No scripts anywhere; one inline stylesheet; forms post only to this site.
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ]
        return copy
    }

    /// The reason phrase for the `Status:` line.
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 303: "See Other"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// What a handler throws for an answer the client should see; anything else becomes a generic 500.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public let status: Int
    public let message: String
    public var headers: [(String, String)] = []

    public init(_ status: Int, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status) \(message)" }
}
