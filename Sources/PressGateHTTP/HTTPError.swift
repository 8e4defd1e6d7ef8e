/// What a handler throws for an answer the client should see (`HTTPError(404, message: "Not found.")`);
/// anything else becomes a generic 500 in the error middleware. The message is shown to the client,
/// so it never contains a secret or another member's data.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let message: String
    public var headers: [(String, String)] = []

    public init(_ status: HTTPStatus, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status) \(message)" }
}
