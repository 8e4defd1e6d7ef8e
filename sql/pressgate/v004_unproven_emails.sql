-- Members a purchase created whose e-mail address nobody has proven yet. Anyone can buy with any
-- address, and the buyer sees the new account's password: until someone sets the password with a
-- key e-mailed to the address (which also ends the buyer's password and sessions), later purchases
-- for it are kept as 'pending' memberships. `email` is the address the purchase named; pending
-- access is attached only while the account still has that address.
CREATE TABLE IF NOT EXISTS {pg:unproven_emails} (
  user_id bigint(20) unsigned NOT NULL,
  email varchar(100) NOT NULL,
  created_at datetime NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
