import MemberStore

/// The HTTP-side settings of `pressgate serve` (from PressGate's settings; see the README's table).
public struct AppSettings: Sendable {
    /// Routes live under this prefix (`/auth/login`, `/auth/check`, …).
    public var routePrefix = "/auth"
    /// Larger request bodies are answered 413.
    public var maximumBodyBytes = 64 * 1024
    /// Where a login goes when `redirect_to` is missing or not on this site.
    public var defaultRedirect = "/"
    public var throttle = LoginThrottle.Policy()
    /// `pages_dir`: the site's `layout.html` / `style.css` for every page.
    public var pagesDirectory: String?
    /// `gate_cache_seconds`: how long the gate reuses a "yes" (see ``GateCache``); 0 turns it off.
    public var gateCacheSeconds = 2

    public init() {}
}
