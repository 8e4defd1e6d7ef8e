import WordPressCompat

/// Outbox payloads carry set-password, reset and login links and two-step codes for as long as a
/// message waits (days, when the mail server is down): they are written sealed (``StorageSeal``,
/// under a key from the site's salts) so a copy of the database alone does not hand them out, and
/// erased once the message is sent or given up. The delivery worker opens them.
public enum OutboxSealing {
    /// The associated data: a value sealed for another use does not open as a payload.
    public static let purpose = "pressgate outbox payload"

    public static func seal(_ json: String, key: [UInt8]) throws(AESGCM.Failure) -> String {
        try StorageSeal.seal(json, key: key, purpose: purpose)
    }
}
