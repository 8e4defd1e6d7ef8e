-- Repeated refusals (throttled logins, refused webhooks and links) are one row per subject and hour
-- with a count, not a row each: a flood cannot grow the log (kept 180 days) without bound.
-- aggregate_key is SHA-256 of event, member, address (IPv6 by /64), detail and the hour; NULL for
-- the events that keep a row each (a unique key allows any number of NULLs).
ALTER TABLE {pg:audit_log}
  ADD COLUMN IF NOT EXISTS repeats int(10) unsigned NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS last_occurred_at datetime(6) DEFAULT NULL,
  ADD COLUMN IF NOT EXISTS aggregate_key binary(32) DEFAULT NULL,
  ADD UNIQUE INDEX IF NOT EXISTS aggregate_key (aggregate_key);
