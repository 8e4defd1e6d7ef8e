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
    let requeue: SQL
    let requeueAll: SQL
    let listing: SQL
    let waitingCounts: SQL
    let insert: SQL
    let endedGrants: SQL
    let expireGrant: SQL
    let eraseExpiredClaims: SQL
    let housekeeping: [SQL]

    /// Seconds after it was queued that a message is still retried (`outbox_retry_hours`); a
    /// failed attempt after that marks it failed (kept, sealed, for `pressgate outbox retry`).
    let retrySeconds: Int
    public static let defaultRetrySeconds = 72 * 3600
    /// Seconds a taken message is reserved for its worker.
    static let leaseSeconds = 120

    public init(database: Database, tables: TableNames, retrySeconds: Int = OutboxStore.defaultRetrySeconds) {
        self.database = database
        self.retrySeconds = retrySeconds
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
        // A failed attempt: tried again after the delay while the message is younger than the retry
        // window, else failed. Its payload (sealed) stays for `pressgate outbox retry`.
        retry = sql(
            """
            UPDATE {pg:outbox} SET next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL ? SECOND, last_error = ?,
              status = IF(created_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND, 'failed', 'pending')
            WHERE id = ?
            """)
        requeue = sql(
            """
            UPDATE {pg:outbox} SET status = 'pending', attempts = 0, next_attempt_at = UTC_TIMESTAMP(6),
              created_at = UTC_TIMESTAMP(6)
            WHERE id = ? AND status = 'failed' AND payload <> '{}'
            """)
        requeueAll = sql(
            """
            UPDATE {pg:outbox} SET status = 'pending', attempts = 0, next_attempt_at = UTC_TIMESTAMP(6),
              created_at = UTC_TIMESTAMP(6)
            WHERE status = 'failed' AND payload <> '{}'
            """)
        waitingCounts = sql(
            """
            SELECT status, COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP(6)), 0)
            FROM {pg:outbox} WHERE status IN ('pending', 'failed') GROUP BY status
            """)
        insert = sql(
            """
            INSERT INTO {pg:outbox} (kind, payload, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, 'pending', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """)
        endedGrants = sql(
            """
            SELECT m.id, m.user_id, m.product, u.user_email, u.user_login FROM {pg:memberships} m
            JOIN {users} u ON u.ID = m.user_id
            WHERE m.status = 'active' AND m.expires_at IS NOT NULL AND m.expires_at <= UTC_TIMESTAMP()
            ORDER BY m.user_id LIMIT 500 FOR UPDATE SKIP LOCKED
            """)
        expireGrant = sql("UPDATE {pg:memberships} SET status = 'expired' WHERE id = ? AND status = 'active'")
        eraseExpiredClaims = sql(
            "UPDATE {pg:tokens} SET payload = NULL WHERE payload IS NOT NULL AND expires_at < UTC_TIMESTAMP()")
        housekeeping = [
            // Nothing waits longer than 30 days (a kind without a transport, a CRM never configured).
            sql(
                """
                UPDATE {pg:outbox} SET status = 'failed', last_error = 'not sent within 30 days'
                WHERE status = 'pending' AND created_at < UTC_TIMESTAMP(6) - INTERVAL 30 DAY
                """),
            // A failed message keeps its sealed payload for `outbox retry` for 30 days, then not.
            sql(
                """
                UPDATE {pg:outbox} SET payload = '{}'
                WHERE status = 'failed' AND payload <> '{}' AND created_at < UTC_TIMESTAMP(6) - INTERVAL 30 DAY
                """),
            sql("DELETE FROM {pg:tokens} WHERE expires_at < UTC_TIMESTAMP() - INTERVAL 1 DAY"),
            sql(
                "DELETE FROM {pg:login_throttle} WHERE window_start < UTC_TIMESTAMP() - INTERVAL 1 DAY AND (blocked_until IS NULL OR blocked_until < UTC_TIMESTAMP())"
            ),
            sql("DELETE FROM {pg:audit_log} WHERE occurred_at < UTC_TIMESTAMP(6) - INTERVAL 180 DAY"),
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

    /// A failed attempt: retried after a growing delay (30 s, 1, 2, 4 … minutes, at most an hour)
    /// while the message is younger than the retry window (3 days by default: a weekend's mail
    /// outage loses nothing), else marked failed, payload kept. `error` must not contain secrets.
    public func markFailed(_ message: Message, error: String) throws(DatabaseError) {
        let reason = String(String.UnicodeScalarView(error.unicodeScalars.prefix(500)))
        let delay = min(3600, 30 << min(max(message.attempt - 1, 0), 10))
        try database.run(
            retry, [.int(delay), .text(reason), .int(retrySeconds), .int(message.id)], idempotent: true)
    }

    /// What waits: pending and failed messages, and the age of the oldest pending one (seconds).
    public func statistics() throws(DatabaseError) -> (pending: Int, failed: Int, oldestPendingSeconds: Int) {
        var result = (pending: 0, failed: 0, oldestPendingSeconds: 0)
        for row in try database.run(waitingCounts, idempotent: true).rows {
            let count = Int(row.int(1) ?? 0)
            if row.string(0) == "pending" {
                result.pending = count
                result.oldestPendingSeconds = Int(row.int(2) ?? 0)
            } else {
                result.failed = count
            }
        }
        return result
    }

    /// Queues one message (an operator's command; the app queues in its own transactions).
    public func enqueue(kind: String, payload: String) throws(DatabaseError) {
        try database.run(insert, [.text(kind), .text(payload)])
    }

    /// Housekeeping: grants past their end are marked `expired` (the gate treats them as none
    /// already), up to 500 at a time, each member's with one notification made by `notify` (nil:
    /// none) queued in the same transaction. The number marked.
    @discardableResult
    public func expireEndedGrants(notify: (CRMNotification) throws -> String?) throws -> Int {
        try database.transaction { transaction in
            let rows = try transaction.run(endedGrants).rows
            for row in rows {
                if let id = row.uint("id") { try transaction.run(expireGrant, [.int(id)]) }
            }
            for notification in CRMNotification.perMember(.expired, grants: rows) {
                if let payload = try notify(notification) {
                    try transaction.run(insert, [.text("crm"), .text(payload)])
                }
            }
            return rows.count
        }
    }

    /// `pressgate outbox retry`: failed messages (one, or all) are queued again, as new, while they
    /// still have their payload. The number queued.
    @discardableResult
    public func retryFailed(id: UInt64? = nil) throws(DatabaseError) -> UInt64 {
        if let id { return try database.run(requeue, [.int(id)], idempotent: true).affectedRows }
        return try database.run(requeueAll, idempotent: true).affectedRows
    }

    /// Housekeeping: sealed thank-you passwords whose claim expired unseen are erased.
    @discardableResult
    public func eraseExpiredSecrets() throws(DatabaseError) -> UInt64 {
        try database.run(eraseExpiredClaims, idempotent: true).affectedRows
    }

    /// Housekeeping: payloads of month-old failed messages erased, expired tokens, old throttle
    /// windows and audit rows older than 180 days deleted, so no table grows without bound.
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
