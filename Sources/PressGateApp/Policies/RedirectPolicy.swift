/// Where a login or logout may send the browser: only the site's own host (no open redirects).
enum RedirectPolicy {
    /// `redirect_to` if it is a path on this site (`/members/`, not `//evil` or `/\\evil`) or an
    /// absolute http(s) URL whose host is the site's; otherwise `fallback`.
    static func target(_ requested: String?, homeHost: String, fallback: String) -> String {
        guard let requested, !requested.isEmpty,
            requested.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else {
            return fallback
        }
        if requested.hasPrefix("/") {
            let second = requested.dropFirst().first
            return second == "/" || second == "\\" ? fallback : requested
        }
        let lower = requested.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            let rest = requested.dropFirst(scheme.count)
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != "\\" }
            guard !authority.contains("@"), authority.lowercased() == homeHost else { return fallback }
            return requested
        }
        return fallback
    }
}
