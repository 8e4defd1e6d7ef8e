/// A response: status, headers in order (several `Set-Cookie` allowed), body bytes.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func html(_ status: HTTPStatus, _ page: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    public static func json(_ status: HTTPStatus, _ object: JSONValue) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "application/json")], body: Array(object.serialized.utf8))
    }

    /// 303 See Other: after a POST the browser follows with a GET.
    public static func redirect(to location: String) -> HTTPResponse {
        HTTPResponse(
            status: .seeOther, headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")],
            body: Array("See \(location)\n".utf8))
    }

    public static func empty(_ status: HTTPStatus) -> HTTPResponse {
        HTTPResponse(status: status)
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Every value of a header (`Set-Cookie`), in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    public func adding(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }

    /// The response with `name` set to `value` alone (any earlier values removed).
    public func setting(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers = copy.headers.filter { $0.0.lowercased() != name.lowercased() } + [(name, value)]
        return copy
    }

    /// One `Set-Cookie` header per value.
    public func adding(cookies: [String]) -> HTTPResponse {
        var copy = self
        copy.headers += cookies.map { ("Set-Cookie", $0) }
        return copy
    }
}
