#if canImport(Glibc)
import Glibc
#endif

/// HTTP's IMF-fixdate (`Thu, 01 Jan 2026 00:00:00 GMT`, RFC 9110 §5.6.7) for `Expires`.
public enum HTTPDate {
    public static func format(_ unixSeconds: Int) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "Thu, 01 Jan 1970 00:00:00 GMT" }
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // Int arithmetic: `tm_year + 1900` in Int32 traps for years past Int32's range.
        let year = Int(parts.tm_year) + 1900
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(year) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
