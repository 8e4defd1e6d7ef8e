-- PressGate's own tables, version 1. `{pg:name}` is `<table_prefix>pressgate_name`; `pressgate migrate`
-- substitutes it. InnoDB, a primary key on every table, and the indexes the store's queries use.
-- WordPress's own tables are never altered.

-- Serialises the creation of members: WordPress has no UNIQUE index on login or e-mail, so a new
-- member first claims its e-mail and login here, in the same transaction as the wp_users insert.
-- claim_key uses WordPress's collation, so the key collides exactly where WordPress's lookups match
-- (case, trailing spaces, accents).
CREATE TABLE IF NOT EXISTS {pg:member_claims} (
  claim_kind varchar(8) NOT NULL,
  claim_key varchar(100) NOT NULL,
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  created_at datetime NOT NULL,
  PRIMARY KEY (claim_kind, claim_key),
  KEY user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Webhook event ledger: one row per (provider, event id), inserted in the same transaction as the
-- event's effect; a duplicate delivery meets the UNIQUE key and returns the stored outcome.
CREATE TABLE IF NOT EXISTS {pg:events} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  provider varchar(32) NOT NULL,
  event_id varchar(191) NOT NULL,
  event_type varchar(64) NOT NULL,
  status varchar(16) NOT NULL,
  user_id bigint(20) unsigned DEFAULT NULL,
  order_ref varchar(191) DEFAULT NULL,
  outcome text NOT NULL,
  received_at datetime(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY provider_event (provider, event_id),
  KEY provider_order (provider, order_ref),
  KEY user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Products a member holds. One row per (member, product); a revocation marks it, never deletes it.
CREATE TABLE IF NOT EXISTS {pg:memberships} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  user_id bigint(20) unsigned NOT NULL,
  product varchar(191) NOT NULL,
  status varchar(16) NOT NULL,
  source_event_id bigint(20) unsigned DEFAULT NULL,
  source_provider varchar(32) DEFAULT NULL,
  order_ref varchar(191) DEFAULT NULL,
  granted_at datetime NOT NULL,
  revoked_at datetime DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY user_product (user_id, product),
  KEY source_order (source_provider, order_ref),
  KEY product (product)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One-time tokens (thank-you claims, auto-login links): only the SHA-256 of the token is stored.
CREATE TABLE IF NOT EXISTS {pg:tokens} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  token_hash binary(32) NOT NULL,
  purpose varchar(32) NOT NULL,
  user_id bigint(20) unsigned NOT NULL,
  redirect_path varchar(2048) DEFAULT NULL,
  uses_left int(11) NOT NULL DEFAULT 1,
  payload varbinary(1024) DEFAULT NULL,
  provider varchar(32) DEFAULT NULL,
  order_ref varchar(191) DEFAULT NULL,
  created_at datetime NOT NULL,
  expires_at datetime NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY token_hash (token_hash),
  KEY user_purpose (user_id, purpose),
  KEY provider_order (provider, order_ref),
  KEY expires_at (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Failed-login budgets per account and per client address, in fixed windows.
CREATE TABLE IF NOT EXISTS {pg:login_throttle} (
  scope varchar(16) NOT NULL,
  subject varchar(191) NOT NULL,
  window_start datetime NOT NULL,
  failures int(11) NOT NULL DEFAULT 0,
  blocked_until datetime DEFAULT NULL,
  PRIMARY KEY (scope, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Transactional outbox: e-mails and CRM calls written with the change that caused them, sent by
-- the delivery worker with retries.
CREATE TABLE IF NOT EXISTS {pg:outbox} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  kind varchar(16) NOT NULL,
  payload mediumtext NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'pending',
  attempts int(11) NOT NULL DEFAULT 0,
  next_attempt_at datetime(6) NOT NULL,
  last_error varchar(500) DEFAULT NULL,
  created_at datetime(6) NOT NULL,
  sent_at datetime(6) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY status_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Authentication and account events, without secrets.
CREATE TABLE IF NOT EXISTS {pg:audit_log} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  occurred_at datetime(6) NOT NULL,
  event varchar(64) NOT NULL,
  user_id bigint(20) unsigned DEFAULT NULL,
  ip varchar(45) DEFAULT NULL,
  detail varchar(500) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY user_time (user_id, occurred_at),
  KEY occurred_at (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
