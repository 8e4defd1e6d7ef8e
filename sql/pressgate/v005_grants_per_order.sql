-- One grant per order: a row per (member, product, provider, order), so refunding one order no
-- longer revokes access another paid order still grants. Access is any active grant whose
-- expires_at (NULL: no end) has not passed. Existing rows, one per (member, product), keep their
-- order and become that order's grant.
ALTER TABLE {pg:memberships} ADD COLUMN IF NOT EXISTS expires_at datetime DEFAULT NULL;
UPDATE {pg:memberships} SET source_provider = '' WHERE source_provider IS NULL;
UPDATE {pg:memberships} SET order_ref = '' WHERE order_ref IS NULL;
ALTER TABLE {pg:memberships}
  MODIFY source_provider varchar(32) NOT NULL DEFAULT '',
  MODIFY order_ref varchar(191) NOT NULL DEFAULT '',
  ADD UNIQUE INDEX IF NOT EXISTS grant_per_order (user_id, product, source_provider, order_ref),
  ADD INDEX IF NOT EXISTS access (user_id, product, status, expires_at),
  DROP INDEX IF EXISTS user_product;
