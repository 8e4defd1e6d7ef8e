-- The delivery worker takes the due messages of each kind it can send, one kind at a time. With
-- (status, kind, next_attempt_at) it reads only those rows, never the waiting messages of a kind
-- that has no transport configured (CRM notifications on a site without crm_webhook_url), which
-- status_due alone made it walk past, and lock, on every poll.
ALTER TABLE {pg:outbox} ADD INDEX IF NOT EXISTS kind_due (status, kind, next_attempt_at);
