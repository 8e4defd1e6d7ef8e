import PressGateHTTP

/// CGI parameters (what nginx's `fastcgi_params` sends) → ``HTTPRequest``. A plain function of its
/// inputs, so the rules are unit-tested without a socket.
public enum CGIRequestDecoder {
    /// Every `HTTP_*` parameter becomes a header (`HTTP_X_WC_WEBHOOK_SIGNATURE` →
    /// `x-wc-webhook-signature`): the adapter knows no application header by name.
    public static func request(parameters: [String: String], body: [UInt8]) -> HTTPRequest {
        let requestURI = parameters["REQUEST_URI"] ?? "/"
        let documentURI = parameters["DOCUMENT_URI"].flatMap { $0.isEmpty ? nil : $0 }
        let path = documentURI ?? String(requestURI.prefix { $0 != "?" })
        var headers: [String: String] = [:]
        for (name, value) in parameters where name.hasPrefix("HTTP_") && name.utf8.count > 5 {
            headers[headerName(cgiName: name)] = value
        }
        // CGI carries these two outside HTTP_* (RFC 3875 §4.1.2, §4.1.3).
        if let type = parameters["CONTENT_TYPE"], !type.isEmpty { headers["content-type"] = type }
        if let length = parameters["CONTENT_LENGTH"], !length.isEmpty { headers["content-length"] = length }
        let https = (parameters["HTTPS"] ?? "").lowercased()
        return HTTPRequest(
            method: HTTPMethod(rawValue: parameters["REQUEST_METHOD"] ?? "GET"), path: path,
            query: FormFields.lenientQuery(parameters["QUERY_STRING"] ?? ""),
            cookies: Cookies.parse(parameters["HTTP_COOKIE"] ?? ""), headers: headers,
            remoteAddress: parameters["REMOTE_ADDR"] ?? "", isHTTPS: https == "on" || https == "1",
            contentType: parameters["CONTENT_TYPE"] ?? "", body: body)
    }

    /// The body length the client announced (`CONTENT_LENGTH`); 0 when absent or malformed.
    public static func contentLength(parameters: [String: String]) -> Int {
        max(0, Int(parameters["CONTENT_LENGTH"] ?? "") ?? 0)
    }

    /// `HTTP_USER_AGENT` → `user-agent` (RFC 3875 §4.1.18, reversed).
    static func headerName(cgiName: String) -> String {
        var bytes = Array(cgiName.utf8.dropFirst(5))
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] += 32
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
