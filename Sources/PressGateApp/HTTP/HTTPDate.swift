import MemberStore

typealias UTCClock = UTCTime

/// `Thu, 01 Jan 2026 00:00:00 GMT` for `Expires`.
enum HTTPDate {
    static func format(_ unixSeconds: Int) -> String {
        UTCTime.rfc1123(unixSeconds, zone: "GMT")
    }
}
