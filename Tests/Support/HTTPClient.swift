import Foundation

/// HTTP through real nginx, with curl (the tests see exactly what a browser would get).
public struct HTTPClient: Sendable {
    public let baseURL: String

    public init(baseURL: String) { self.baseURL = baseURL }

    public struct Response: Sendable {
        public let status: Int
        /// Header names lowercased; several values (`set-cookie`) in order.
        public let headers: [(String, String)]
        public let body: String

        public func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
        public func all(_ name: String) -> [String] { headers.filter { $0.0 == name }.map(\.1) }

        /// `name=value` of every Set-Cookie that sets (not deletes) a cookie.
        public var setCookies: [String: String] {
            var cookies: [String: String] = [:]
            for line in all("set-cookie") {
                let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[1] != "deleted" else { continue }
                cookies[String(pair[0])] = String(pair[1])
            }
            return cookies
        }
    }

    /// One request. `form` is sent as application/x-www-form-urlencoded (already encoded by curl),
    /// `rawBody` as is. Redirects are not followed.
    public func request(
        _ method: String, _ path: String, form: [(String, String)]? = nil, rawBody: String? = nil,
        contentType: String? = nil, headers: [String: String] = [:], cookies: [String: String] = [:]
    ) throws -> Response {
        var arguments = ["-s", "-i", "--max-time", "30", "-X", method]
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if !cookies.isEmpty {
            arguments += ["-H", "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
        }
        if let form {
            for (name, value) in form { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        }
        if rawBody != nil {
            arguments += ["--data-binary", "@-"]
            arguments += ["-H", "Content-Type: \(contentType ?? "application/x-www-form-urlencoded")"]
        }
        arguments.append(baseURL + path)
        let output = try TestSite.run("/usr/bin/curl", arguments, input: Data((rawBody ?? "").utf8))
        guard output.status == 0 else { throw TestFailure("curl failed (\(output.status)): \(output.stderr)") }
        return Self.parse(output.stdout)
    }

    static func parse(_ text: String) -> Response {
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let body = parts.dropFirst().joined(separator: "\r\n\r\n")
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: body)
    }
}
