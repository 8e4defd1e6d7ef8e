#if canImport(Glibc)
import Glibc
#endif

/// Unix time and MariaDB `DATETIME` text in UTC (`gmdate('Y-m-d H:i:s')`, as WordPress writes
/// `user_registered`). Callers pass `now` in, so tests use a fixed clock.
public enum UTCTime {
    public static func now() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return spec.tv_sec
    }

    public static func dateTime(_ unixSeconds: Int) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // Int arithmetic: `tm_year + 1900` in Int32 traps for a year near Int32's end.
        return "\(Int(parts.tm_year) + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// `Thu, 01 Jan 2026 00:00:00 <zone>`: with `GMT`, HTTP's IMF-fixdate (a cookie's `Expires`);
    /// with `+0000`, an e-mail's `Date:` (RFC 5322). English names whatever the locale.
    public static func rfc1123(_ unixSeconds: Int, zone: String) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(zone)"
    }
}
