/// What a server adapter (FastCGI today) hands each request to. One responder per worker thread:
/// `respond(to:)` is called by its own thread only, so a responder may own non-thread-safe state
/// such as a database connection. It never throws: every failure is already a response.
public protocol HTTPResponder {
    func respond(to request: HTTPRequest) -> HTTPResponse
}
