/// The statements of purchase processing, the thank-you claims and the outbox.
struct PurchaseSQL: Sendable {
    let insertEvent: SQL
    let eventOutcome: SQL
    let eventID: SQL
    let finishEvent: SQL
    let forgetEvent: SQL
    let grant: SQL
    let grantPending: SQL
    let revoke: SQL
    let renew: SQL
    let orderGrants: SQL
    let lapse: SQL
    let insertClaim: SQL
    let enqueue: SQL
    let setActivationKey: SQL

    init(tables: TableNames) {
        func sql(_ template: String) -> SQL { SQL(template, tables: tables) }
        insertEvent = sql(
            """
            INSERT INTO {pg:events} (provider, event_id, event_type, status, order_ref, outcome, received_at)
            VALUES (?, ?, ?, 'processing', ?, '', UTC_TIMESTAMP(6))
            """)
        // FOR UPDATE: an unmapped row read here is deleted and processed again in this transaction.
        eventOutcome = sql(
            "SELECT status, outcome FROM {pg:events} WHERE provider = ? AND event_id = ? FOR UPDATE")
        forgetEvent = sql("DELETE FROM {pg:events} WHERE provider = ? AND event_id = ?")
        eventID = sql("SELECT id FROM {pg:events} WHERE provider = ? AND event_id = ?")
        finishEvent = sql(
            "UPDATE {pg:events} SET status = ?, user_id = ?, outcome = ? WHERE provider = ? AND event_id = ?")
        // One grant per (member, product, provider, order). The same order granting again (a
        // renewal, an order completed again) renews its row with the new end. MariaDB assigns
        // left to right, so every IF that reads the old status comes before status is set.
        grant = sql(
            """
            INSERT INTO {pg:memberships}
              (user_id, product, status, source_event_id, source_provider, order_ref, granted_at, expires_at)
            VALUES (?, ?, 'active', ?, ?, ?, UTC_TIMESTAMP(), ?)
            ON DUPLICATE KEY UPDATE granted_at = IF(status = 'active', granted_at, UTC_TIMESTAMP()),
              revoked_at = NULL, source_event_id = VALUES(source_event_id), expires_at = VALUES(expires_at),
              status = 'active'
            """)
        // The order's grant waits as pending (an unproven e-mail); one already active stays so.
        grantPending = sql(
            """
            INSERT INTO {pg:memberships}
              (user_id, product, status, source_event_id, source_provider, order_ref, granted_at, expires_at)
            VALUES (?, ?, 'pending', ?, ?, ?, UTC_TIMESTAMP(), ?)
            ON DUPLICATE KEY UPDATE
              source_event_id = IF(status = 'active', source_event_id, VALUES(source_event_id)),
              expires_at = IF(status = 'active', expires_at, VALUES(expires_at)),
              revoked_at = IF(status = 'active', revoked_at, NULL),
              status = IF(status = 'active', 'active', 'pending')
            """)
        revoke = sql(
            """
            UPDATE {pg:memberships} SET status = 'revoked', revoked_at = UTC_TIMESTAMP()
            WHERE source_provider = ? AND order_ref = ? AND status IN ('active', 'pending')
            """)
        orderGrants = sql(
            """
            SELECT m.user_id, m.product, u.user_email, u.user_login FROM {pg:memberships} m
            JOIN {users} u ON u.ID = m.user_id
            WHERE m.source_provider = ? AND m.order_ref = ? AND m.status IN ('active', 'pending')
            ORDER BY m.user_id FOR UPDATE
            """)
        // A subscription's renewal: its order's grants (an expired one too, not a revoked one) run to the new end.
        renew = sql(
            """
            UPDATE {pg:memberships} SET status = 'active', expires_at = ?
            WHERE source_provider = ? AND order_ref = ? AND status IN ('active', 'expired')
            """)
        // A failed payment: the order's active grants end by the given time (never later than they would).
        lapse = sql(
            """
            UPDATE {pg:memberships} SET expires_at = IF(expires_at IS NULL OR expires_at > ?, ?, expires_at)
            WHERE source_provider = ? AND order_ref = ? AND status = 'active'
            """)
        insertClaim = sql(
            """
            INSERT INTO {pg:tokens} (token_hash, purpose, user_id, uses_left, payload, provider, order_ref, created_at, expires_at)
            VALUES (?, 'welcome', ?, 1, ?, ?, ?, ?, ?)
            """)
        setActivationKey = sql("UPDATE {users} SET user_activation_key = ? WHERE ID = ?")
        enqueue = sql(
            """
            INSERT INTO {pg:outbox} (kind, payload, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, 'pending', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """)
    }
}
