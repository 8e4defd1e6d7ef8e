/// The transactional outbox (`<prefix>pressgate_outbox`): messages written with the change that
/// caused them, handed out to the delivery worker under a lease, retried with backoff.
///
/// Several responders may run delivery workers against one database: rows are taken with
/// `FOR UPDATE SKIP LOCKED` and leased (their next attempt moved into the future) before the slow
/// send, so no two workers send the same row, and a worker that dies mid-send only delays it.
public struct OutboxStore {
    public struct Message: Sendable {
        public let id: UInt64
        public let kind: String
        public let payload: String
        /// Attempts including the current one.
        public let attempt: Int
    }

    public struct Row: Sendable {
        public let id: UInt64, kind: String, status: String, attempts: Int, nextAttempt: String, lastError: String
    }

    let database: Database
    let due: SQL
    let lease: SQL
    let sent: SQL
    let retry: SQL
    let fail: SQL
    let listing: SQL
    let eraseExpiredClaims: SQL
    let housekeeping: [SQL]

    /// After this many failed attempts a message is marked failed (visible in `pressgate outbox`).
    public static let maximumAttempts = 12
    /// Seconds a taken message is reserved for its worker.
    static let leaseSeconds = 120

    public init(database: Database, tables: TableNames) {
        self.database = database
        func sql(_ text: String) -> SQL { SQL(text, tables: tables) }
        due = sql(
            """
            SELECT id, kind, payload, attempts, next_attempt_at FROM {pg:outbox}
            WHERE status = 'pending' AND kind = ? AND next_attempt_at <= UTC_TIMESTAMP(6)
            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED
            """)
        lease = sql(
            "UPDATE {pg:outbox} SET attempts = attempts + 1, next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND WHERE id = ?"
        )
        // Once sent, the payload (which may hold a set-password link) is no longer kept.
        sent = sql(
            "UPDATE {pg:outbox} SET status = 'sent', sent_at = UTC_TIMESTAMP(6), last_error = NULL, payload = '{}' WHERE id = ?"
        )
        retry = sql(
            "UPDATE {pg:outbox} SET next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, last_error = ? WHERE id = ?"
        )
        // A message that will not be sent keeps no payload (it may hold a set-password link).
        fail = sql("UPDATE {pg:outbox} SET status = 'failed', last_error = ?, payload = '{}' WHERE id = ?")
        eraseExpiredClaims = sql(
            "UPDATE {pg:tokens} SET payload = NULL WHERE payload IS NOT NULL AND expires_at < UTC_TIMESTAMP()")
        housekeeping = [
            // Messages that could not go out for a week are given up, and their payload erased.
            sql(
                """
                UPDATE {pg:outbox} SET status = 'failed', payload = '{}', last_error = 'not sent within 7 days'
                WHERE status = 'pending' AND created_at < UTC_TIMESTAMP(6) - INTERVAL 7 DAY
                """),
            sql("DELETE FROM {pg:tokens} WHERE expires_at < UTC_TIMESTAMP() - INTERVAL 1 DAY"),
            sql(
                "DELETE FROM {pg:login_throttle} WHERE window_start < UTC_TIMESTAMP() - INTERVAL 1 DAY AND (blocked_until IS NULL OR blocked_until < UTC_TIMESTAMP())"
            ),
            sql("DELETE FROM {pg:audit_log} WHERE occurred_at < UTC_TIMESTAMP(6) - INTERVAL 180 DAY"),
            // Grants whose term is over read as expired (the gate already treats them as none).
            sql(
                """
                UPDATE {pg:memberships} SET status = 'expired'
                WHERE status = 'active' AND expires_at IS NOT NULL AND expires_at <= UTC_TIMESTAMP()
                """),
        ]
        listing = sql(
            """
            SELECT id, kind, status, attempts, next_attempt_at, COALESCE(last_error, '') FROM {pg:outbox}
            WHERE status <> 'sent' ORDER BY id LIMIT 1000
            """)
    }

    /// Takes up to `limit` due messages of `kinds` (the ones this worker can send; the others wait
    /// without using up attempts) and leases them to the caller, the longest-waiting first whatever
    /// their kind. One query per kind, each an index range on `kind_due`, so waiting messages of
    /// other kinds are never read or locked.
    public func take(kinds: [String], limit: Int = 10) throws -> [Message] {
        guard !kinds.isEmpty else { return [] }
        return try database.transaction(retryOnLostConnection: true) { transaction in
            var rows: [DatabaseRow] = []
            for kind in kinds { rows += try transaction.run(due, [.text(kind), .int(limit)]).rows }
            // DATETIME(6) text sorts as time; a burst of one kind does not starve the other.
            rows.sort { ($0.string("next_attempt_at") ?? "") < ($1.string("next_attempt_at") ?? "") }
            var messages: [Message] = []
            for row in rows.prefix(limit) {
                guard let id = row.uint("id") else { continue }
                try transaction.run(lease, [.int(Self.leaseSeconds), .int(id)])
                messages.append(
                    Message(
                        id: id, kind: row.string("kind") ?? "", payload: row.string("payload") ?? "",
                        attempt: Int(row.int("attempts") ?? 0) + 1))
            }
            return messages
        }
    }

    public func markSent(_ message: Message) throws(DatabaseError) {
        try database.run(sent, [.int(message.id)], idempotent: true)
    }

    /// A failed attempt: retried after a growing delay (30 s, 1, 2, 4 … minutes, at most an hour),
    /// or marked failed after ``maximumAttempts``. `error` must not contain secrets.
    public func markFailed(_ message: Message, error: String) throws(DatabaseError) {
        let reason = String(String.UnicodeScalarView(error.unicodeScalars.prefix(500)))
        if message.attempt >= Self.maximumAttempts {
            try database.run(fail, [.text(reason), .int(message.id)], idempotent: true)
        } else {
            let delay = min(3600, 30 << min(message.attempt - 1, 10))
            try database.run(retry, [.int(delay), .text(reason), .int(message.id)], idempotent: true)
        }
    }

    /// Housekeeping: sealed thank-you passwords whose claim expired unseen are erased.
    @discardableResult
    public func eraseExpiredSecrets() throws(DatabaseError) -> UInt64 {
        try database.run(eraseExpiredClaims, idempotent: true).affectedRows
    }

    /// Housekeeping: week-old unsent messages given up (payload erased), expired tokens, old
    /// throttle windows and audit rows older than 180 days deleted, so no table grows without bound;
    /// grants past their end marked `expired`.
    public func purgeOldRows() throws(DatabaseError) {
        for statement in housekeeping { try database.run(statement, idempotent: true) }
    }

    /// Messages not sent yet (pending and failed), for `pressgate outbox`.
    public func unsent() throws(DatabaseError) -> [Row] {
        try database.run(listing, idempotent: true).rows.map { row in
            Row(
                id: row.uint(0) ?? 0, kind: row.string(1) ?? "", status: row.string(2) ?? "",
                attempts: Int(row.int(3) ?? 0),
                nextAttempt: row.string(4) ?? "", lastError: row.string(5) ?? "")
        }
    }
}
