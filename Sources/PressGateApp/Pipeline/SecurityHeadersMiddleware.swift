import PressGateHTTP

/// The headers every answer carries (pages hold credentials and forms): never cached, never
/// framed, no sniffing, no scripts, forms post only to this site. A header a handler set itself
/// (`Referrer-Policy: no-referrer` on pages whose URL holds a token) is kept.
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let headers: [(String, String)] = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        // No scripts anywhere; one inline stylesheet; forms post only to this site.
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'"
        ),
    ]

    func handle(_ context: RequestContext, next: (RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        var response = try next(context)
        // Handlers spell header names as these do; an exact comparison keeps the gate's path cheap.
        for header in Self.headers where !response.headers.contains(where: { $0.0 == header.0 }) {
            response.headers.append(header)
        }
        return response
    }
}

extension HTTPResponse {
    /// For pages reached by a URL holding a token or key: the browser must not send that URL onward.
    func noReferrer() -> HTTPResponse {
        setting(header: "Referrer-Policy", "no-referrer")
    }
}
