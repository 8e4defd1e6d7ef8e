import PressGateHTTP

/// ``HTTPResponse`` → the bytes of a CGI response: `Status:` line, headers, blank line, body.
public enum CGIResponseEncoder {
    /// A header whose name or value holds CR, LF or NUL is dropped rather than written (no response
    /// splitting, whatever a handler put there). `Content-Length` is written for a non-empty body.
    public static func bytes(for response: HTTPResponse) -> [UInt8] {
        var head = "Status: \(response.status.code) \(response.status.reasonPhrase)\r\n"
        for (name, value) in response.headers where isSafe(name) && isSafe(value) && !name.isEmpty {
            head += "\(name): \(value)\r\n"
        }
        if !response.body.isEmpty { head += "Content-Length: \(response.body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + response.body
    }

    /// Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
    private static func isSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }
}
