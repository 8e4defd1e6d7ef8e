<?php
/**
 * Writes PressGate's known-answer vectors, computed by real WordPress 6.1 code
 * (and the wp68_* functions for 6.8+), into the directory given as argv[1].
 *
 *   php generate.php OUT_DIR            run every part, each in its own php process
 *   php generate.php --part NAME [ARG]  one part; prints {"file.json": [rows]} to stdout
 *
 * Parts run in separate processes because wp_salt() caches per process and
 * wp_cookie_constants()/salt constants are PHP constants.
 */

// Entry point: pg_main() at the end of this file.

// ===========================================================================
// Shared helpers
// ===========================================================================

/** Report a row whose WordPress result differs from what the reference predicts. */
function pg_expect( $file, $what, $expected, $actual ) {
	if ( null !== $expected && $expected !== $actual ) {
		fwrite( STDERR, sprintf( "  NOTE %s: %s: reference predicts %s, WordPress gives %s\n", $file, $what, var_export( $expected, true ), var_export( $actual, true ) ) );
	}
}

/** A deterministic n-byte ASCII password without surrounding whitespace. */
function pg_long_password( $n ) {
	return substr( str_repeat( 'Tr0ub4dor&3-correct-horse-battery-staple|', intdiv( $n, 40 ) + 2 ), 0, $n );
}

/** JSON object even when empty. */
function pg_obj( array $a ) {
	return empty( $a ) ? new stdClass() : $a;
}

const PG_BCRYPT_SALT = 'abcdefghijklmnopqrstuu'; // 22 chars for crypt() bcrypt settings
const PG_PHPASS_SALT = 'Qx7Ra9Lm';               // 8 chars for phpass settings

// ===========================================================================
// password-checks.json + needs-rehash.json + fast-hash.json
// ===========================================================================

function part_passwords() {
	$rows = array();
	// $expect is the reference's prediction, checked and reported, never forced.
	$add  = static function ( $wp, $password, $hash, $note, $expect = null ) use ( &$rows ) {
		$match = pg_check_password( $wp, $password, $hash );
		pg_expect( 'password-checks', "$wp $note", $expect, $match );
		$rows[] = array(
			'wordpress'    => $wp,
			'password_b64' => base64_encode( $password ),
			'hash'         => $hash,
			'match'        => $match,
			'note'         => $note,
		);
	};
	$both = static function ( $password, $hash, $note, $e61 = null, $e68 = null ) use ( $add ) {
		$add( '6.1', $password, $hash, $note, $e61 );
		$add( '6.8', $password, $hash, $note, $e68 ?? $e61 );
	};

	// wp_hash_password() of each version; hashing trims, checking does not.
	$pw  = 'correct horse';
	$h61 = wp_hash_password( $pw );
	$h68 = wp68_hash_password( $pw );
	$add( '6.1', $pw, $h61, 'wp_hash_password 6.1 ($P$B, 2^13 rounds)', true );
	$add( '6.1', 'correct horsE', $h61, 'wrong password (one letter case)', false );
	$add( '6.1', '', $h61, 'empty password against a phpass hash', false );
	$add( '6.8', $pw, $h61, '6.8 still checks a 6.1 $P$ hash', true );
	$add( '6.8', $pw, $h68, 'wp_hash_password 6.8 ($wp$2y$10$, HMAC-SHA384 pre-hash)', true );
	$add( '6.8', 'correct horsE', $h68, 'wrong password against $wp$', false );
	$add( '6.1', $pw, $h68, '6.1 cannot check $wp$ hashes (crypt_private *0, crypt() fails)', false );
	$t61 = wp_hash_password( ' pw ' );
	$add( '6.1', 'pw', $t61, 'hash of " pw " checked with "pw": hashing trims', true );
	$add( '6.1', ' pw ', $t61, 'hash of " pw " checked with " pw ": checking does not trim', false );
	$t68 = wp68_hash_password( ' pw ' );
	$add( '6.8', 'pw', $t68, 'hash of " pw " checked with "pw": hashing trims', true );
	$add( '6.8', ' pw ', $t68, 'hash of " pw " checked with " pw ": checking does not trim', false );
	$w = "\t\n\0pw\x0B\r ";
	$add( '6.1', 'pw', wp_hash_password( $w ), 'hash of "\t\n\0pw\x0B\r ": trim also strips NUL and \x0B', true );
	$add( '6.8', 'pw', wp68_hash_password( $w ), 'hash of "\t\n\0pw\x0B\r ": trim also strips NUL and \x0B', true );

	// phpass portable hashes built from fixed settings with crypt_private().
	$both( 'correct horse', '$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1', 'reference 1.1 example hash', true );
	foreach ( array( '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D' ) as $c ) {
		$h = pg_crypt_private( 'hunter2', '$P$' . $c . PG_PHPASS_SALT );
		$log2 = strpos( './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', $c );
		$both( 'hunter2', $h, "\$P\$ count char '$c' (2^$log2 rounds)", true );
	}
	$good = pg_crypt_private( 'hunter2', '$P$B' . PG_PHPASS_SALT );
	$both( 'hunter3', $good, 'wrong password against $P$B', false );
	foreach ( array( '4', 'T', '!', 'z' ) as $c ) {
		$both( 'hunter2', substr_replace( $good, $c, 3, 1 ), "bad count char '$c' (outside 5..S): crypt_private gives *0", false );
	}
	$hh = pg_crypt_private( 'hunter2', '$H$B' . PG_PHPASS_SALT );
	$both( 'hunter2', $hh, '$H$ (phpBB3 prefix): 6.1 accepts, 6.8 password_verify rejects', true, false );
	$both( 'hunter2', '$P$B' . substr( PG_PHPASS_SALT, 0, 7 ), 'short salt $P$B + 7 chars (11 chars, md5 branch)', false );
	$both( 'hunter2', substr( $good, 0, 33 ), 'phpass hash truncated to 33 chars', false );
	$both( 'hunter2', substr( $good, 0, 32 ), 'phpass hash truncated to 32 chars (md5 branch)', false );
	$both( 'hunter2', '*0' . substr( $good, 2 ), '34-char hash starting *0', false );
	foreach ( array( '*0', '*1', '*', '' ) as $h ) {
		$both( 'hunter2', $h, "stored hash '$h' (md5 branch)", false );
	}
	$both( '', '', 'empty password, empty hash (md5("") != "")', false );

	// bcrypt and crypt() formats (6.1 reaches them through PasswordHash's crypt() fallback).
	$b2y = password_hash( 'hunter2', PASSWORD_BCRYPT, array( 'cost' => 5 ) );
	$both( 'hunter2', $b2y, 'plain bcrypt $2y$05$ (password_hash)', true );
	$both( 'hunter3', $b2y, 'wrong password against $2y$', false );
	$both( 'hunter2', password_hash( 'hunter2', PASSWORD_BCRYPT ), 'plain bcrypt $2y$10$ (password_hash default cost)', true );
	foreach ( array( '2a', '2b', '2x' ) as $v ) {
		$both( 'hunter2', crypt( 'hunter2', '$' . $v . '$05$' . PG_BCRYPT_SALT ), "bcrypt \$$v\$ via crypt()", true );
	}
	$both( 'hunter2', substr( $b2y, 0, 59 ), 'bcrypt truncated to 59 chars', false );
	$both( 'hunter2', crypt( 'hunter2', '$1$' . PG_PHPASS_SALT . '$' ), 'md5-crypt $1$', true );
	$both( 'hunter2', crypt( 'hunter2', '$5$' . PG_PHPASS_SALT . PG_PHPASS_SALT . '$' ), 'sha256-crypt $5$', true );
	$both( 'hunter2', crypt( 'hunter2', '$6$' . PG_PHPASS_SALT . PG_PHPASS_SALT . '$' ), 'sha512-crypt $6$', true );
	$both( 'hunter2', crypt( 'hunter2', '$6$rounds=1000$' . PG_PHPASS_SALT . '$' ), 'sha512-crypt $6$rounds=1000$', true );
	$both( 'hunter3', crypt( 'hunter2', '$6$' . PG_PHPASS_SALT . '$' ), 'wrong password against $6$', false );
	$both( 'hunter2', crypt( 'hunter2', 'Qx' ), '13-char DES crypt (md5 branch)', false );

	// Legacy md5.
	$both( 'hunter2', md5( 'hunter2' ), 'legacy md5 hex lowercase', true );
	$both( 'hunter2', strtoupper( md5( 'hunter2' ) ), 'legacy md5 hex UPPERCASE (hash_equals is case-sensitive)', false );
	$both( 'hunter3', md5( 'hunter2' ), 'wrong password against md5', false );

	// argon2 (stored by a 6.8+ site with the wp_hash_password_algorithm filter).
	$a2i  = password_hash( 'hunter2', PASSWORD_ARGON2I );
	$a2id = password_hash( 'hunter2', PASSWORD_ARGON2ID );
	$both( 'hunter2', $a2i, '$argon2i$: 6.1 rejects (crypt() cannot), 6.8 password_verify', false, true );
	$both( 'hunter2', $a2id, '$argon2id$: 6.1 rejects, 6.8 password_verify', false, true );
	$add( '6.8', 'hunter3', $a2id, 'wrong password against $argon2id$', false );

	// Other $wp$ shapes: any bcrypt under the prefix verifies; cost is not enforced.
	$both( 'hunter2', '$wp' . password_hash( wp68_prehash( 'hunter2' ), PASSWORD_BCRYPT, array( 'cost' => 4 ) ), '$wp$2y$04$ (low cost still verifies)', false, true );
	$both( 'hunter2', '$wp' . crypt( wp68_prehash( 'hunter2' ), '$2a$05$' . PG_BCRYPT_SALT ), '$wp$2a$05$', false, true );
	$add( '6.8', 'hunter2', '$wp' . password_hash( 'hunter2', PASSWORD_BCRYPT, array( 'cost' => 4 ) ), '$wp$ + bcrypt of the raw password (no pre-hash) fails', false );

	// 4096-byte limit (bytes, not characters).
	$p4096 = pg_long_password( 4096 );
	$p4097 = $p4096 . 'x';
	$both( $p4096, wp_hash_password( $p4096 ), '4096-byte password, 6.1 phpass hash', true );
	$star = wp_hash_password( $p4097 );
	$add( '6.1', $p4097, $star, "4097 bytes: 6.1 wp_hash_password returned '$star'", false );
	$both( $p4097, pg_crypt_private( $p4097, '$P$B' . PG_PHPASS_SALT ), '4097 bytes against its own phpass hash: CheckPassword refuses >4096', false );
	$both( $p4097, md5( $p4097 ), '4097 bytes against md5: md5 branch has no length limit', true );
	$both( $p4096, password_hash( $p4096, PASSWORD_BCRYPT, array( 'cost' => 5 ) ), '4096 bytes, plain bcrypt', true );
	$both( $p4097, password_hash( $p4097, PASSWORD_BCRYPT, array( 'cost' => 5 ) ), '4097 bytes, plain bcrypt: refused by the length limit', false );
	$add( '6.8', $p4096, wp68_hash_password( $p4096 ), '4096 bytes, $wp$ hash', true );
	$add( '6.8', $p4097, '$wp' . password_hash( wp68_prehash( $p4097 ), PASSWORD_BCRYPT, array( 'cost' => 5 ) ), '4097 bytes against its own $wp$ hash: refused', false );
	$add( '6.1', $p4096, wp_hash_password( $p4096 . ' ' ), '4096 bytes + trailing space: 6.1 trims before the 4096 test, hash works', true );
	$star68 = wp68_hash_password( $p4096 . ' ' );
	$add( '6.8', $p4096, $star68, "4096 bytes + trailing space: 6.8 tests untrimmed length, hash is '$star68'", false );

	// NUL bytes: phpass, md5 and the $wp$ pre-hash keep them; crypt() stops at the first NUL.
	$nul = "pass\0word";
	$hn  = wp_hash_password( $nul );
	$add( '6.1', $nul, $hn, 'NUL inside password, $P$', true );
	$add( '6.1', 'pass', $hn, 'prefix before NUL against $P$ of "pass\0word"', false );
	$hn = wp68_hash_password( $nul );
	$add( '6.8', $nul, $hn, 'NUL inside password, $wp$', true );
	$add( '6.8', 'pass', $hn, 'prefix before NUL against $wp$ of "pass\0word"', false );
	$both( $nul, crypt( 'pass', '$2y$05$' . PG_BCRYPT_SALT ), 'plain bcrypt of "pass" accepts "pass\0word": crypt() stops at NUL', true );
	$both( $nul, crypt( 'pass', '$1$' . PG_PHPASS_SALT . '$' ), '$1$ of "pass" accepts "pass\0word": crypt() stops at NUL', true );
	$both( $nul, md5( $nul ), 'NUL inside password, md5', true );
	$both( 'pass', md5( $nul ), 'prefix before NUL against md5 of "pass\0word"', false );
	$a2n = password_hash( $nul, PASSWORD_ARGON2ID, array( 'memory_cost' => 1024, 'time_cost' => 1, 'threads' => 1 ) );
	$both( $nul, $a2n, 'NUL inside password, argon2id keeps all bytes', false, true );
	$add( '6.8', 'pass', $a2n, 'prefix before NUL against argon2id', false );

	// Byte strings: invalid UTF-8, multibyte UTF-8, quotes and backslashes.
	$bytes = array(
		"\xff\xfe\x80pw"                => 'invalid UTF-8 bytes',
		"\xc3\x28"                      => 'invalid 2-byte UTF-8 sequence',
		'pässwörd'                      => 'multibyte UTF-8 (NFC)',
		"\u{1F510}secret"               => 'emoji (4-byte UTF-8)',
		'密码123'                         => 'CJK',
		'it\'s "q" \\ back\\\\slash'    => 'quotes and backslashes',
	);
	foreach ( $bytes as $p => $label ) {
		$add( '6.1', $p, wp_hash_password( $p ), "$label, \$P\$", true );
		$add( '6.8', $p, wp68_hash_password( $p ), "$label, \$wp\$", true );
	}
	$both( "\xff\xfe\x80pw", md5( "\xff\xfe\x80pw" ), 'invalid UTF-8 bytes, md5', true );
	$nfc = wp_hash_password( 'pässwörd' );
	$add( '6.1', "pa\u{0308}sswo\u{0308}rd", $nfc, 'NFD spelling against NFC hash: bytes differ, no normalisation', false );
	$q = 'it\'s "q" \\ back\\\\slash';
	$add( '6.1', addslashes( $q ), wp_hash_password( $q ), 'addslashes() of the password against the unslashed hash', false );
	$add( '6.8', addslashes( $q ), wp68_hash_password( $q ), 'addslashes() of the password against the unslashed hash', false );

	// bcrypt's 72-byte truncation applies to plain bcrypt, not to $wp$.
	$p72 = str_repeat( 'x', 72 );
	$both( $p72 . 'tail2', password_hash( $p72 . 'tail1', PASSWORD_BCRYPT, array( 'cost' => 5 ) ), 'plain bcrypt ignores bytes after 72', true );
	$add( '6.8', $p72 . 'tail2', wp68_hash_password( $p72 . 'tail1' ), '$wp$ pre-hash keeps bytes after 72', false );

	// needs-rehash.json (6.8 semantics, PHP 8.2 default bcrypt cost 10).
	$wp10   = wp68_hash_password( 'hunter2' );
	$rehash = array(
		array( $good, true ),
		array( $hh, true ),
		array( md5( 'hunter2' ), true ),
		array( password_hash( 'hunter2', PASSWORD_BCRYPT ), true ),
		array( $wp10, false ),
		array( wp68_hash_password( 'hunter2', array( 'cost' => 12 ) ), true ),
		array( wp68_hash_password( 'hunter2', array( 'cost' => 8 ) ), true ),
		array( '$wp' . crypt( wp68_prehash( 'hunter2' ), '$2a$10$' . PG_BCRYPT_SALT ), true ),
		array( substr( $wp10, 0, 40 ), true ),
		array( $a2id, true ),
		array( crypt( 'hunter2', '$1$' . PG_PHPASS_SALT . '$' ), true ),
		array( '', true ),
	);
	$needs = array();
	foreach ( $rehash as list( $hash, $expect ) ) {
		$r = wp68_password_needs_rehash( $hash );
		pg_expect( 'needs-rehash', $hash, $expect, $r );
		$needs[] = array( 'hash' => $hash, 'needs_rehash' => $r );
	}

	// fast-hash.json
	$fast = array();
	foreach ( array( '', 'abc', 'Xq3ZbT0aPp9LmN2cVw7R', "a\0b", 'pässwörd', "\xff\xfe", pg_long_password( 1000 ) ) as $m ) {
		$fast[] = array( 'message_b64' => base64_encode( $m ), 'hash' => wp68_fast_hash( $m ) );
	}
	pg_expect( 'fast-hash', '""', '$generic$XJQGK2eUryTa4vHbU0bDv1Ml3wGPwaC1ATczq0o_', $fast[0]['hash'] );
	pg_expect( 'fast-hash', '"abc"', '$generic$YeaPr_itxnUOyFBBm16EGFnt_nzqpbL728cakJ4U', $fast[1]['hash'] );

	return array(
		'password-checks.json' => $rows,
		'needs-rehash.json'    => $needs,
		'fast-hash.json'       => $fast,
	);
}

// ===========================================================================
// form-logins.json — what wp-login.php does with the pwd field
// ===========================================================================

function part_form_logins() {
	$rows = array();
	// password => [submitted values...]; each stored both ways.
	$cases = array(
		'hunter2'      => array( 'hunter2', '  hunter2 ' ),
		"it's"         => array( "it's" ),
		'say "hi"'     => array( 'say "hi"' ),
		'back\\slash'  => array( 'back\\slash' ),
		"pw\0x"        => array( "pw\0x" ),
		"\0"           => array( "\0" ),
		''             => array( '' ),
		'0'            => array( '0', ' 0 ' ),
		"  \t "        => array( "  \t " ),
	);
	foreach ( array( '6.1', '6.8' ) as $wp ) {
		foreach ( $cases as $pw => $submits ) {
			$pw     = (string) $pw;
			$stored = array(
				'web UI (hash of addslashes(pw))'  => pg_hash_password( $wp, addslashes( $pw ) ),
				'direct PHP (hash of pw)'          => pg_hash_password( $wp, $pw ),
			);
			foreach ( $stored as $how => $hash ) {
				foreach ( $submits as $submitted ) {
					$rows[] = array(
						'wordpress'     => $wp,
						'submitted_b64' => base64_encode( $submitted ),
						'hash'          => $hash,
						'logs_in'       => pg_form_login( $wp, $submitted, $hash ),
						'note'          => sprintf( 'password %s stored via %s; submitted %s', json_encode( $pw ), $how, json_encode( $submitted ) ),
					);
				}
			}
		}
		// Legacy md5 rows (identical across versions, cheap).
		foreach ( array( 'md5(pw)' => md5( "it's" ), 'md5(addslashes(pw))' => md5( addslashes( "it's" ) ) ) as $how => $hash ) {
			$rows[] = array(
				'wordpress'     => $wp,
				'submitted_b64' => base64_encode( "it's" ),
				'hash'          => $hash,
				'logs_in'       => pg_form_login( $wp, "it's", $hash ),
				'note'          => "password \"it's\" stored as legacy $how",
			);
		}
	}
	return array( 'form-logins.json' => $rows );
}

// ===========================================================================
// reset-keys.json — check_password_reset_key()
// ===========================================================================

function part_reset_keys() {
	$login  = 'resetuser';
	$key    = 'Xq3ZbT0aPp9LmN2cVw7R';
	$random = wp_generate_password( 20, false );
	$phpass = ( new PasswordHash( 8, true ) )->HashPassword( $key );
	$fast   = wp68_fast_hash( $key );
	$rand_p = ( new PasswordHash( 8, true ) )->HashPassword( $random );
	$rand_f = wp68_fast_hash( $random );

	// [wordpress, submitted, stored(now), expected, note]
	$cases = array();
	foreach ( array( '6.1' => $phpass, '6.8' => $fast ) as $wp => $h ) {
		$other = '6.1' === $wp ? $fast : $phpass;
		$cases = array_merge(
			$cases,
			array(
				array( $wp, $key, fn( $n ) => ( $n - 100 ) . ':' . $h, 'valid', 'fresh key' ),
				array( $wp, $random, fn( $n ) => ( $n - 100 ) . ':' . ( '6.1' === $wp ? $rand_p : $rand_f ), 'valid', 'key from wp_generate_password(20, false)' ),
				array( $wp, $key, fn( $n ) => ( $n - 86300 ) . ':' . $h, 'valid', '23h58m old' ),
				array( $wp, $key, fn( $n ) => ( $n - 86399 ) . ':' . $h, 'valid', '86399 s old: now < t + 86400' ),
				array( $wp, $key, fn( $n ) => ( $n - 86400 ) . ':' . $h, 'expired', 'exactly 86400 s old: strict <, so expired' ),
				array( $wp, $key, fn( $n ) => ( $n - 86500 ) . ':' . $h, 'expired', 'older than a day' ),
				array( $wp, $key, fn( $n ) => ( $n + 3600 ) . ':' . $h, 'valid', 'request time in the future' ),
				array( $wp, 'Xq3Zb-T0aPp9!LmN2c Vw7R', fn( $n ) => ( $n - 100 ) . ':' . $h, 'valid', 'dashes, punctuation and space are stripped' ),
				array( $wp, $key . 'ü', fn( $n ) => ( $n - 100 ) . ':' . $h, 'valid', 'non-ASCII bytes are stripped' ),
				array( $wp, strtolower( $key ), fn( $n ) => ( $n - 100 ) . ':' . $h, 'invalid', 'key is case-sensitive' ),
				array( $wp, 'WrongWrongWrongWrong', fn( $n ) => ( $n - 100 ) . ':' . $h, 'invalid', 'wrong key' ),
				array( $wp, '', fn( $n ) => ( $n - 100 ) . ':' . $h, 'invalid', 'empty key' ),
				array( $wp, '-!- .:', fn( $n ) => ( $n - 100 ) . ':' . $h, 'invalid', 'key of only punctuation' ),
				array( $wp, $key, fn( $n ) => $h, 'expired', 'stored hash without "time:" prefix' ),
				array( $wp, $key, fn( $n ) => $key, 'expired', 'pre-3.7 plaintext key, equal' ),
				array( $wp, $key, fn( $n ) => ( $n - 100 ) . ':' . $key, 'invalid', 'plaintext key after "time:"' ),
				array( $wp, $key, fn( $n ) => ( $n - 100 ) . ':', 'invalid', 'empty pass_key after ":"' ),
				array( $wp, $key, fn( $n ) => '', 'invalid', 'no user_activation_key' ),
				array( $wp, $key, fn( $n ) => ( $n - 100 ) . ':' . ( $n - 100 ) . ':' . $h, 'invalid', 'two ":" : split at the first, pass_key keeps the rest' ),
				array( $wp, $key, fn( $n ) => ( $n - 100 ) . ':' . $h . ':x', 'invalid', 'trailing ":x" stays in pass_key' ),
				array( $wp, $key, fn( $n ) => ( $n - 100 ) . ':' . $other, '6.1' === $wp ? 'invalid' : 'valid', '6.1' === $wp ? '6.1 reading a 6.8 $generic$ key' : '6.8 reading a 6.1 $P$ key' ),
				array( $wp, $key, fn( $n ) => ( $n - 86500 ) . ':' . $other, '6.1' === $wp ? 'invalid' : 'expired', '6.1' === $wp ? '6.1 reading an old 6.8 key' : '6.8 reading an old 6.1 key' ),
			)
		);
	}

	$rows = array();
	foreach ( $cases as list( $wp, $submitted, $stored_fn, $expect, $note ) ) {
		list( $now, $row ) = pg_at_fixed_second(
			static function ( $now ) use ( $wp, $submitted, $stored_fn, $login ) {
				$stored = $stored_fn( $now );
				pg_set_user( array( 'user_login' => $login, 'user_activation_key' => $stored ) );
				return array( $stored, pg_reset_key_result( $wp, $submitted, $login ) );
			}
		);
		pg_expect( 'reset-keys', "$wp $note", $expect, $row[1] );
		$rows[] = array(
			'wordpress'           => $wp,
			'submitted_key'       => $submitted,
			'user_activation_key' => $row[0],
			'now'                 => $now,
			'result'              => $row[1],
			'note'                => $note,
		);
	}
	return array( 'reset-keys.json' => $rows );
}

// ===========================================================================
// salts.json — wp_salt(), one configuration per process
// ===========================================================================

/** Options seeded in every salt configuration so WordPress never generates one. */
function pg_salt_options() {
	$o = array();
	foreach ( array( 'auth', 'secure_auth', 'logged_in', 'nonce' ) as $s ) {
		$o[ "{$s}_key" ]  = "opt-{$s}-key-" . substr( md5( "{$s}_key" ), 0, 12 );
		$o[ "{$s}_salt" ] = "opt-{$s}-salt-" . substr( md5( "{$s}_salt" ), 0, 12 );
	}
	$o['secret_key'] = 'opt-secret-key-' . substr( md5( 'secret_key' ), 0, 12 );
	return $o;
}

/** Eight distinct wp-config.php-style constants. */
function pg_eight( $tag = 'c' ) {
	$c = array();
	foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as $s ) {
		foreach ( array( 'KEY', 'SALT' ) as $t ) {
			$c[ "{$s}_{$t}" ] = "$tag " . strtolower( "$s $t" ) . ' ' . substr( sha1( "$tag$s$t" ), 0, 16 ) . ' <{|}>';
		}
	}
	return $c;
}

function pg_salt_configs() {
	$all        = array( 'auth', 'secure_auth', 'logged_in', 'nonce', 'foo', '' );
	$eight      = pg_eight();
	$missing    = $eight;
	unset( $missing['LOGGED_IN_KEY'] );
	$dup        = $eight;
	$dup['NONCE_SALT'] = $dup['AUTH_SALT'];
	$placeholder = array_fill_keys( array_keys( $eight ), 'put your unique phrase here' );
	$legacy      = array( 'SECRET_KEY' => 'legacy secret key', 'SECRET_SALT' => 'legacy secret salt' );
	return array(
		array( 'constants' => $eight, 'schemes' => $all, 'note' => 'all 8 distinct' ),
		array( 'constants' => $missing, 'schemes' => array( 'logged_in', 'auth' ), 'note' => 'LOGGED_IN_KEY undefined: option logged_in_key' ),
		array( 'constants' => array_merge( $eight, array( 'AUTH_KEY' => 'put your unique phrase here' ) ), 'schemes' => array( 'auth', 'logged_in' ), 'note' => 'AUTH_KEY is the placeholder: option auth_key' ),
		array( 'constants' => $placeholder, 'schemes' => array( 'auth', 'logged_in', 'nonce' ), 'note' => 'fresh wp-config-sample: every constant is the placeholder' ),
		array( 'constants' => $dup, 'schemes' => array( 'auth', 'nonce', 'logged_in' ), 'note' => 'AUTH_SALT == NONCE_SALT: both ignored' ),
		array( 'constants' => $legacy, 'schemes' => array( 'auth', 'secure_auth', 'logged_in', 'nonce', 'foo', '' ), 'note' => 'only legacy SECRET_KEY/SECRET_SALT' ),
		array( 'constants' => array_merge( $eight, $legacy ), 'schemes' => array( 'auth', 'secure_auth', 'foo' ), 'note' => '8 constants plus legacy: the 8 win, foo uses SECRET_KEY' ),
		array( 'constants' => array_merge( $eight, array( 'SECRET_KEY' => $eight['LOGGED_IN_SALT'] ) ), 'schemes' => array( 'logged_in', 'foo' ), 'note' => 'SECRET_KEY duplicates LOGGED_IN_SALT: both ignored' ),
		array( 'constants' => array_merge( $eight, array( 'SECRET_KEY' => 'put your unique phrase here' ) ), 'schemes' => array( 'foo', 'auth' ), 'note' => 'SECRET_KEY placeholder: foo uses option secret_key' ),
		array( 'constants' => array_merge( $eight, array( 'AUTH_KEY' => '0', 'AUTH_SALT' => '' ) ), 'schemes' => array( 'auth', 'secure_auth' ), 'note' => "falsy AUTH_KEY '0' and AUTH_SALT ''" ),
		array( 'constants' => array_merge( $eight, array( 'AUTH_KEY' => '0' ), $legacy ), 'schemes' => array( 'auth' ), 'note' => "falsy AUTH_KEY '0' falls back to SECRET_KEY" ),
		array( 'constants' => array(), 'schemes' => array( 'auth', 'logged_in', 'foo' ), 'note' => 'no constants at all' ),
	);
}

function part_salts( $index ) {
	$cfg = pg_salt_configs()[ (int) $index ] ?? null;
	if ( null === $cfg ) {
		throw new InvalidArgumentException( "no salt config $index" );
	}
	pg_define_salts( $cfg['constants'] );
	pg_set_options( pg_salt_options() );
	$rows = array();
	foreach ( $cfg['schemes'] as $scheme ) {
		$rows[] = array(
			'constants' => pg_obj( $cfg['constants'] ),
			'options'   => pg_salt_options(),
			'scheme'    => $scheme,
			'salt'      => wp_salt( $scheme ),
			'note'      => $cfg['note'],
		);
	}
	return array( 'salts.json' => $rows );
}

// ===========================================================================
// auth-cookies.json + auth-cookie-validations.json
// ===========================================================================

function pg_cookie_salt_sets() {
	$simple = array(
		'AUTH_KEY'         => 'k1',
		'SECURE_AUTH_KEY'  => 'k2',
		'LOGGED_IN_KEY'    => 'k3',
		'NONCE_KEY'        => 'k4',
		'AUTH_SALT'        => 's1',
		'SECURE_AUTH_SALT' => 's2',
		'LOGGED_IN_SALT'   => 's3',
		'NONCE_SALT'       => 's4',
	);
	$real = array();
	foreach ( array_keys( $simple ) as $name ) {
		// 64 chars like api.wordpress.org/secret-key, deterministic.
		$real[ $name ] = strtr( base64_encode( hash( 'sha384', "pressgate-vectors-$name", true ) ), array( '/' => '|', '+' => ' ' ) );
	}
	return array( 'simple' => $simple, 'realistic' => $real );
}

const PG_TOKEN   = 'Qm9vbGVhbkZhbHNlVG9rZW5GcmFnbWVudEFCQ0RFRkc';
const PG_TOKEN_2 = 'Zx81mNq0LkPv7Rt2YwS5HjC4GdF6BaE9UoI3TyXeWr1';

/** user_pass values of every shape (only pass_frag matters for cookies). */
function pg_cookie_passes() {
	return array(
		'$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1',
		'$wp$2y$10$7zF0vQ2kPj8m1sYc3Qx9UeK4rB6tN5wL0aH2dG1iJ3oM5pR7uS9yW',
		'5f4dcc3b5aa765d61d8327deb882cf99',
		'$2y$10$abcdefghijklmnopqrstuuMFdJu9yVgmagVAIC24fOZkaFqd3s9JC',
		'$2a$10$abcdefghijklmnopqrstuuMFdJu9yVgmagVAIC24fOZkaFqd3s9JC',
		'$argon2id$v=19$m=65536,t=4,p=1$UlJBVXh4NnAyLmRIaUxxeg$ynGUF1o4Qb+gkfrYFS0DZepYEDTFAptovzM+6b2g2VU',
		'abc',
		'',
	);
}

function part_auth_cookies( $set ) {
	$constants = pg_cookie_salt_sets()[ $set ] ?? null;
	if ( null === $constants ) {
		throw new InvalidArgumentException( "no salt set $set" );
	}
	pg_define_salts( $constants );
	pg_set_options( array( 'siteurl' => 'http://example.test', 'home' => 'http://example.test' ) );
	wp_plugin_directory_constants();
	wp_cookie_constants(); // an empty cookie makes wp_parse_auth_cookie() read $_COOKIE[LOGGED_IN_COOKIE]

	// Generation rows.
	$gen = array();
	foreach ( array( '6.1', '6.8' ) as $wp ) {
		foreach ( pg_cookie_passes() as $i => $pass ) {
			$schemes = $i < 2 ? array( 'auth', 'secure_auth', 'logged_in' ) : array( 'logged_in' );
			foreach ( $schemes as $scheme ) {
				foreach ( array( array( 'admin', 4102444800, PG_TOKEN ), array( 'jane doe@example.test', 1700000000, PG_TOKEN_2 ) ) as list( $login, $exp, $token ) ) {
					if ( 'simple' !== $set && 'admin' !== $login ) {
						continue;
					}
					pg_set_user( array( 'user_login' => $login, 'user_pass' => $pass ) );
					$gen[] = array(
						'wordpress'  => $wp,
						'constants'  => $constants,
						'login'      => $login,
						'user_pass'  => $pass,
						'expiration' => $exp,
						'token'      => $token,
						'scheme'     => $scheme,
						'cookie'     => pg_generate_cookie( $wp, $exp, $scheme, $token ),
					);
				}
			}
		}
	}
	if ( 'simple' === $set ) {
		// Reference 5.3 worked example.
		$want = 'admin|4102444800|' . PG_TOKEN . '|cf9dd2a49689986da66715078275efa69b08e81515c8d68767915c0a0380d694';
		foreach ( $gen as $g ) {
			if ( 'admin' === $g['login'] && 'logged_in' === $g['scheme'] && '$P$B' === substr( $g['user_pass'], 0, 4 ) ) {
				pg_expect( 'auth-cookies', "{$g['wordpress']} reference 5.3 example", $want, $g['cookie'] );
			}
		}
	}

	// Validation rows.
	$val   = array();
	$cases = pg_validation_cases( 'simple' === $set );
	foreach ( array( '6.1', '6.8' ) as $wp ) {
		foreach ( $cases as $case ) {
			list( $now, $row ) = pg_at_fixed_second(
				static function ( $now ) use ( $wp, $case ) {
					return pg_build_validation( $wp, $now, $case );
				}
			);
			$expect = $case['expect'][ $wp ] ?? $case['expect']['*'];
			pg_expect( 'auth-cookie-validations', "$wp {$case['note']}", $expect, $row['result'] );
			$val[] = array_merge(
				array( 'wordpress' => $wp, 'constants' => $constants ),
				$row,
				array( 'now' => $now, 'note' => $case['note'] )
			);
		}
	}
	return array( 'auth-cookies.json' => $gen, 'auth-cookie-validations.json' => $val );
}

/**
 * One validation scenario. Offsets are relative to 'now'.
 *   user     login/user_pass stored in the fake wp_users (null = no user)
 *   mint     login/user_pass/scheme/exp used to mint the cookie (defaults: the stored user)
 *   sessions list of [token, expiration offset] stored for user 1 (int entry if 'legacy')
 *   mutate   function(cookie) => presented cookie
 */
function pg_validation_cases( $full ) {
	$pass_for = fn( $wp ) => '6.1' === $wp ? '$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1' : '$wp$2y$10$7zF0vQ2kPj8m1sYc3Qx9UeK4rB6tN5wL0aH2dG1iJ3oM5pR7uS9yW';
	$c        = array();
	$c[]      = array( 'note' => 'valid (GET)', 'expect' => array( '*' => 'valid' ) );
	$c[]      = array( 'note' => 'valid (POST)', 'method' => 'POST', 'expect' => array( '*' => 'valid' ) );
	$c[]      = array( 'note' => 'valid, auth scheme', 'scheme' => 'auth', 'expect' => array( '*' => 'valid' ) );
	if ( ! $full ) {
		$c[] = array( 'note' => 'wrong scheme (minted logged_in, checked as auth)', 'check_scheme' => 'auth', 'expect' => array( '*' => 'bad_hash' ) );
		return pg_fill_cases( $c, $pass_for );
	}
	$c[] = array( 'note' => 'valid, secure_auth scheme', 'scheme' => 'secure_auth', 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => '3 fields', 'mutate' => fn( $k ) => implode( '|', array_slice( explode( '|', $k ), 0, 3 ) ), 'expect' => array( '*' => 'malformed' ) );
	$c[] = array( 'note' => '5 fields', 'mutate' => fn( $k ) => $k . '|extra', 'expect' => array( '*' => 'malformed' ) );
	$c[] = array( 'note' => 'empty cookie (falls back to $_COOKIE, which is empty)', 'mutate' => fn( $k ) => '', 'expect' => array( '*' => 'malformed' ) );
	$c[] = array( 'note' => 'expired 10 s ago (GET)', 'exp' => -10, 'session_exp' => 3600, 'expect' => array( '*' => 'expired' ) );
	$c[] = array( 'note' => 'expiration == now passes the expiry step; session expiration == now is still valid', 'exp' => 0, 'session_exp' => 0, 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'expired 30 min ago (GET)', 'exp' => -1800, 'expect' => array( '*' => 'expired' ) );
	$c[] = array( 'note' => 'expired 30 min ago (POST): grace hour passes, session already expired', 'exp' => -1800, 'method' => 'POST', 'expect' => array( '*' => 'bad_session_token' ) );
	$c[] = array( 'note' => 'expired 30 min ago (POST) with a longer-lived session: grace hour rescues', 'exp' => -1800, 'session_exp' => 3600, 'method' => 'POST', 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'expired 61 min ago (POST): beyond the grace hour', 'exp' => -3660, 'method' => 'POST', 'expect' => array( '*' => 'expired' ) );
	$c[] = array( 'note' => 'unknown user (no users at all)', 'no_user' => true, 'expect' => array( '*' => 'bad_username' ) );
	$c[] = array( 'note' => 'unknown user (cookie login differs)', 'mint_login' => 'someone', 'expect' => array( '*' => 'bad_username' ) );
	$c[] = array( 'note' => 'stored login Admin, cookie minted as admin: lookup is case-insensitive, HMAC uses the cookie spelling', 'login' => 'Admin', 'mint_login' => 'admin', 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'cookie minted for Admin, login changed to ADMIN in transit', 'login' => 'Admin', 'mutate' => fn( $k ) => 'ADMIN' . substr( $k, 5 ), 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => 'cookie login with a leading space: get_user_by trims, HMAC uses the cookie spelling', 'mint_login' => ' admin', 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'cookie login with accents: sanitize_user removes them for the lookup', 'mint_login' => 'ädmin', 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'wrong HMAC (last hex digit changed)', 'mutate' => fn( $k ) => substr( $k, 0, -1 ) . ( '0' === substr( $k, -1 ) ? '1' : '0' ), 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => 'HMAC in uppercase hex', 'mutate' => fn( $k ) => substr( $k, 0, -64 ) . strtoupper( substr( $k, -64 ) ), 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => 'wrong scheme (minted logged_in, checked as auth)', 'check_scheme' => 'auth', 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => 'expiration edited to extend the cookie', 'mutate' => fn( $k ) => preg_replace( '/\|(\d+)\|/', '|9999999999|', $k, 1 ), 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => 'no session stored', 'sessions' => array(), 'expect' => array( '*' => 'bad_session_token' ) );
	$c[] = array( 'note' => 'session expired 10 s ago, cookie still valid', 'session_exp' => -10, 'expect' => array( '*' => 'bad_session_token' ) );
	$c[] = array( 'note' => 'only another token has a session', 'sessions' => array( array( PG_TOKEN_2, 3600 ) ), 'expect' => array( '*' => 'bad_session_token' ) );
	$c[] = array( 'note' => 'two sessions, ours second', 'sessions' => array( array( PG_TOKEN_2, 3600 ), array( PG_TOKEN, 3600 ) ), 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'legacy int session entry (expiration only)', 'legacy_session' => true, 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'password changed after the cookie was minted', 'mint_pass' => '$P$BzyxwvutsXXXXXXXXXXXXXXXXXXXXXXX', 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => '$wp$ user, cookie minted by the other version', 'pass' => '$wp$2y$10$7zF0vQ2kPj8m1sYc3Qx9UeK4rB6tN5wL0aH2dG1iJ3oM5pR7uS9yW', 'mint_other' => true, 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => '$P$ user, cookie minted by the other version (same pass_frag)', 'pass' => '$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1', 'mint_other' => true, 'expect' => array( '*' => 'valid' ) );
	$c[] = array( 'note' => 'md5 user_pass, cookie minted by the other version', 'pass' => '5f4dcc3b5aa765d61d8327deb882cf99', 'mint_other' => true, 'expect' => array( '*' => 'bad_hash' ) );
	$c[] = array( 'note' => 'non-numeric expiration "zzz" (GET): 6.1 compares as a string, 6.8 casts to 0', 'exp_literal' => 'zzz', 'expect' => array( '6.1' => 'valid', '6.8' => 'expired' ) );
	return pg_fill_cases( $c, $pass_for );
}

function pg_fill_cases( array $cases, callable $pass_for ) {
	foreach ( $cases as &$case ) {
		$case['pass_for'] = $pass_for;
	}
	return $cases;
}

function pg_build_validation( $wp, $now, array $case ) {
	$login  = $case['login'] ?? 'admin';
	$pass   = $case['pass'] ?? ( $case['pass_for'] )( $wp );
	$scheme = $case['scheme'] ?? 'logged_in';
	$exp    = $case['exp_literal'] ?? $now + ( $case['exp'] ?? 3600 );
	$method = $case['method'] ?? 'GET';

	// Mint the cookie as the (possibly different) user/version would have.
	pg_set_user( array( 'user_login' => $case['mint_login'] ?? $login, 'user_pass' => $case['mint_pass'] ?? $pass ) );
	$mint_wp = empty( $case['mint_other'] ) ? $wp : ( '6.1' === $wp ? '6.8' : '6.1' );
	$cookie  = pg_generate_cookie( $mint_wp, $exp, $scheme, PG_TOKEN );
	if ( isset( $case['mutate'] ) ) {
		$cookie = $case['mutate']( $cookie );
	}

	// The database as the validator sees it.
	$user = empty( $case['no_user'] ) ? array( 'login' => $login, 'user_pass' => $pass ) : null;
	pg_set_user( null === $user ? null : array( 'user_login' => $login, 'user_pass' => $pass ) );
	if ( null !== $user ) {
		$session_exp = $now + ( $case['session_exp'] ?? ( is_int( $exp ) ? $exp - $now : 3600 ) );
		if ( ! empty( $case['legacy_session'] ) ) {
			pg_set_session_tokens_raw( serialize( array( hash( 'sha256', PG_TOKEN ) => $session_exp ) ) );
		} else {
			$sessions = $case['sessions'] ?? array( array( PG_TOKEN, null ) );
			foreach ( $sessions as list( $token, $offset ) ) {
				pg_store_session(
					$token,
					array(
						'expiration' => null === $offset ? $session_exp : $now + $offset,
						'ip'         => '192.0.2.10',
						'ua'         => 'PressGate-vectors/1.0',
						'login'      => $now - 60,
					)
				);
			}
		}
	}
	$raw = pg_session_tokens_raw();

	return array(
		'cookie'         => $cookie,
		'method'         => $method,
		'user'           => $user,
		'session_tokens' => $raw,
		'scheme'         => $case['check_scheme'] ?? $scheme,
		'result'         => pg_validate_cookie( $wp, $cookie, $case['check_scheme'] ?? $scheme, $method ),
	);
}

// ===========================================================================
// cookie-constants.json — wp_cookie_constants(), one site per process
// ===========================================================================

function pg_site_configs() {
	return array(
		array( 'http://example.test/blog', 'http://example.test/blog' ),
		array( 'https://shop.example.test', 'https://shop.example.test' ),
		array( 'http://127.0.0.1:8080', 'http://127.0.0.1:8080' ),
		array( 'http://example.test/wordpress', 'http://example.test' ),
		array( 'https://example.test/blog', 'https://www.example.test/news' ),
		array( 'HTTPS://Example.Test/Blog', 'HTTPS://Example.Test/Blog' ),
	);
}

function part_cookie_constants( $index ) {
	list( $siteurl, $home ) = pg_site_configs()[ (int) $index ];
	pg_set_options( array( 'siteurl' => $siteurl, 'home' => $home ) );
	wp_plugin_directory_constants(); // WP_PLUGIN_URL = siteurl/wp-content/plugins (wp-settings.php order)
	wp_cookie_constants();
	if ( 'http://example.test/blog' === $siteurl ) {
		pg_expect( 'cookie-constants', $siteurl, '66f08f6d33e8d4d96b5164ba0f4df625', COOKIEHASH );
	}
	return array(
		'cookie-constants.json' => array(
			array(
				'siteurl'             => $siteurl,
				'home'                => $home,
				'cookiehash'          => COOKIEHASH,
				'auth_cookie'         => AUTH_COOKIE,
				'secure_auth_cookie'  => SECURE_AUTH_COOKIE,
				'logged_in_cookie'    => LOGGED_IN_COOKIE,
				'cookiepath'          => COOKIEPATH,
				'sitecookiepath'      => SITECOOKIEPATH,
				'admin_cookie_path'   => ADMIN_COOKIE_PATH,
				'plugins_cookie_path' => PLUGINS_COOKIE_PATH,
			),
		),
	);
}

// ===========================================================================
// serialize.json — session_tokens and capabilities as WordPress stores them
// ===========================================================================

function part_serialize() {
	$rows = array();
	// Each entry: list of [REMOTE_ADDR, User-Agent as sent, expiration] for create().
	$maps = array(
		array( 'one session, ip and ua (reference 6 example UA)', array( array( '192.0.2.10', 'OracleTest/1.0 (it\'s "quoted")', 1900000000 ) ) ),
		array( 'two sessions, second without ip and ua', array( array( '192.0.2.10', 'Mozilla/5.0 (X11; Linux x86_64)', 1900000000 ), array( '', '', 4102444800 ) ) ),
		array( 'multibyte UA', array( array( '2001:db8::5', 'Navigateur/2.0 (ünïcødé; 日本語) 🚀', 2000000000 ) ) ),
		array( 'ip only', array( array( '203.0.113.7', '', 1900000000 ) ) ),
		array( 'User-Agent sent as "Mozilla\\5.0 C:\\path": create() and update_metadata() both unslash, so the backslashes are lost', array( array( '192.0.2.10', 'Mozilla\\5.0 C:\\path', 1900000000 ) ) ),
		array( 'three sessions', array( array( '192.0.2.1', 'a', 1900000000 ), array( '192.0.2.2', 'b', 1900000001 ), array( '192.0.2.3', 'c', 1900000002 ) ) ),
	);
	foreach ( $maps as list( $note, $creates ) ) {
		pg_set_user( array( 'user_login' => 'admin' ) );
		foreach ( $creates as list( $ip, $ua, $exp ) ) {
			$_SERVER['REMOTE_ADDR']     = $ip;
			$_SERVER['HTTP_USER_AGENT'] = addslashes( $ua ); // wp_magic_quotes() slashes $_SERVER
			WP_Session_Tokens::get_instance( 1 )->create( $exp );
		}
		$_SERVER['REMOTE_ADDR']     = '';
		$_SERVER['HTTP_USER_AGENT'] = '';
		$raw      = pg_session_tokens_raw();
		$stored   = unserialize( $raw );
		$sessions = array();
		foreach ( $stored as $verifier => $s ) {
			if ( array_keys( $s ) !== array_values( array_intersect( array( 'expiration', 'ip', 'ua', 'login' ), array_keys( $s ) ) ) ) {
				throw new RuntimeException( 'unexpected session key order' );
			}
			$sessions[] = array_merge( array( 'verifier' => $verifier ), $s );
		}
		if ( serialize( $stored ) !== $raw ) {
			throw new RuntimeException( 'stored value is not serialize() of its own decode' );
		}
		$rows[] = array( 'kind' => 'sessions', 'sessions' => $sessions, 'serialized' => $raw, 'note' => $note );
	}
	// Empty map: update_sessions() deletes the row instead of storing a:0:{}.
	pg_set_user( array( 'user_login' => 'admin' ) );
	$token = WP_Session_Tokens::get_instance( 1 )->create( 1900000000 );
	WP_Session_Tokens::get_instance( 1 )->destroy( $token );
	$rows[] = array( 'kind' => 'sessions', 'sessions' => array(), 'serialized' => pg_session_tokens_raw(), 'note' => 'empty map: the session_tokens row is deleted ("" = no row)' );

	// <prefix>capabilities as WP_User::set_role() stores it (update_user_meta of [role => true]).
	foreach ( array( 'subscriber', 'administrator', 'editor', 'shop_manager' ) as $role ) {
		pg_set_user( array( 'user_login' => 'admin' ) );
		update_user_meta( 1, 'wp_capabilities', array( $role => true ) );
		$rows[] = array( 'kind' => 'capabilities', 'role' => $role, 'serialized' => $GLOBALS['pg_fake']['usermeta'][1]['wp_capabilities'] );
	}
	return array( 'serialize.json' => $rows );
}

// ===========================================================================
// unserialize.json — what PHP unserialize() accepts
// ===========================================================================

function pg_php_accepts( $s ) {
	return @unserialize( $s, array( 'allowed_classes' => false ) ) !== false || 'b:0;' === $s;
}

/**
 * php_accepts mirrors the brief: unserialize() with allowed_classes=false, or "b:0;".
 * wp_maybe_unserialize_is_array runs the real maybe_unserialize() (is_serialized()
 * gate, trim, then unserialize()), which is how WordPress reads usermeta.
 */
function part_unserialize() {
	$deep = static fn( $n ) => str_repeat( 'a:1:{i:0;', $n ) . 'i:1;' . str_repeat( '}', $n );
	$inputs = array(
		'a:0:{}'                                        => 'empty array',
		'a:1:{s:1:"a";i:1;}'                            => 'string key',
		'a:2:{i:0;s:1:"x";i:5;b:1;}'                    => 'int keys',
		'a:1:{s:1:"x";a:1:{i:0;b:1;}}'                  => 'nested',
		'a:1:{s:64:"4a8b0aec0f0c6a4c2d8e0b5b0c1f2e3d4a5b6c7d8e9f0a1b2c3d4e5f6a7bdf28";a:4:{s:10:"expiration";i:1900000000;s:2:"ip";s:10:"192.0.2.10";s:2:"ua";s:30:"OracleTest/1.0 (it\'s "quoted")";s:5:"login";i:1795713184;}}' => 'session_tokens shape',
		'a:1:{s:10:"subscriber";b:1;}'                  => 'capabilities',
		'i:5;'                                          => 'int',
		'i:-3;'                                         => 'negative int',
		'i:+3;'                                         => 'int with plus sign',
		'i:99999999999999999999;'                       => 'int overflow (PHP clamps)',
		's:0:"";'                                       => 'empty string',
		'b:0;'                                          => 'false (only detectable by comparing the input)',
		'b:1;'                                          => 'true',
		'b:2;'                                          => 'bool out of range',
		'N;'                                            => 'null',
		'd:0.5;'                                        => 'double',
		'd:NAN;'                                        => 'double NAN',
		'S:1:"\\61";'                                   => 'escaped string S:',
		'a:1:{s:1:"a";i:1;'                             => 'truncated: missing }',
		'a:1:{s:1:"a";i:1'                              => 'truncated: missing ; and }',
		'a:1:{s:1:"a";'                                 => 'truncated after key',
		's:5:"abc";'                                    => 'string length too long',
		's:2:"abc";'                                    => 'string length too short',
		's:-1:"";'                                      => 'negative string length',
		's:99999999999:"a";'                            => 'huge string length',
		'i:5'                                           => 'missing ;',
		'a:2:{i:0;i:1;}'                                => 'array count larger than elements',
		'a:1:{i:0;i:1;i:1;i:2;}'                        => 'array count smaller than elements',
		'a:1:{d:0.5;i:1;}'                              => 'double as array key',
		'a:1:{b:1;i:1;}'                                => 'bool as array key',
		$deep( 100 )                                    => 'nested 100 deep',
		$deep( 4096 )                                   => 'nested 4096 deep (unserialize_max_depth)',
		$deep( 4097 )                                   => 'nested 4097 deep (over unserialize_max_depth)',
		$deep( 10000 )                                  => 'nested 10000 deep',
		'O:8:"stdClass":0:{}'                           => 'object (allowed_classes=false gives __PHP_Incomplete_Class)',
		'O:8:"stdClass":1:{s:1:"a";i:1;}'               => 'object with property',
		'a:1:{i:0;O:8:"stdClass":0:{}}'                 => 'object inside array',
		'C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}' => 'custom-serialized object C:',
		'E:7:"Foo:Bar";'                                => 'enum',
		'R:1;'                                          => 'reference at top level',
		'r:1;'                                          => 'object reference at top level',
		'a:2:{i:0;i:1;i:1;R:2;}'                        => 'reference to an earlier element',
		'a:1:{i:0;r:1;}'                                => 'object reference to the array',
		'i:1;xyz'                                       => 'trailing garbage after a value',
		'a:0:{}a:0:{}'                                  => 'two values',
		' a:0:{}'                                       => 'leading space',
		''                                              => 'empty input',
		"s:3:\"a\0b\";"                                 => 'NUL inside a string',
		"s:2:\"\xff\xfe\";"                             => 'non-UTF-8 bytes inside a string',
		's:2:"é";'                                      => 'multibyte: length counts bytes',
		's:1:"é";'                                      => 'multibyte: length in characters is wrong',
		"a:1:{s:1:\"\0\";i:1;}"                         => 'NUL as array key',
		'a:1:{s:1:"a";s:1:"b"}'                         => 'missing ; after string value',
		's:1:"a"'                                       => 'string missing ;',
		's:1:\'a\';'                                    => 'single quotes',
		'a:-1:{}'                                       => 'negative array count',
		"a:0:{}\n"                                     => 'trailing newline (maybe_unserialize trims)',
		" a:1:{i:0;i:1;} "                              => 'surrounding spaces (maybe_unserialize trims)',
	);
	$rows = array();
	foreach ( $inputs as $s => $note ) {
		$s      = (string) $s;
		$rows[] = array(
			'input_b64'                     => base64_encode( $s ),
			'php_accepts'                   => pg_php_accepts( $s ),
			// What WP_User_Meta_Session_Tokens::get_sessions() sees: is_array(maybe_unserialize()).
			'wp_maybe_unserialize_is_array' => is_array( maybe_unserialize( $s ) ),
			'note'                          => $note,
		);
	}
	return array( 'unserialize.json' => $rows );
}

// ===========================================================================
// session-tokens.json
// ===========================================================================

function part_session_tokens() {
	$rows = array();
	for ( $i = 0; $i < 6; $i++ ) {
		$token  = wp_generate_password( 43, false, false ); // WP_Session_Tokens::create()
		$rows[] = array( 'token' => $token, 'verifier' => pg_session_verifier( $token ) );
	}
	return array( 'session-tokens.json' => $rows );
}

/** Entry point: a single part (child process) or the whole run (parent). */
function pg_main( array $argv ) {
	$argc = count( $argv );
	if ( ( $argv[1] ?? '' ) === '--part' ) {
		require __DIR__ . '/harness.php';
		$name = $argv[2] ?? '';
		$arg  = $argv[3] ?? null;
		$fn   = 'part_' . str_replace( '-', '_', $name );
		if ( ! function_exists( $fn ) ) {
			fwrite( STDERR, "generate.php: unknown part '$name'\n" );
			return 2;
		}
		echo pg_json( $fn( $arg ) );
		return 0;
	}

	if ( $argc !== 2 ) {
		fwrite( STDERR, "usage: php generate.php OUT_DIR\n" );
		return 2;
	}
	$out_dir = rtrim( $argv[1], '/' );
	if ( ! is_dir( $out_dir ) && ! mkdir( $out_dir, 0777, true ) ) {
		fwrite( STDERR, "generate.php: cannot create $out_dir\n" );
		return 1;
	}

	// Every (part, argument) pair becomes one php process.
	$jobs = array(
		array( 'passwords', null ),
		array( 'form-logins', null ),
		array( 'reset-keys', null ),
		array( 'serialize', null ),
		array( 'unserialize', null ),
		array( 'session-tokens', null ),
	);
	foreach ( array_keys( pg_salt_configs() ) as $i ) {
		$jobs[] = array( 'salts', (string) $i );
	}
	foreach ( array_keys( pg_cookie_salt_sets() ) as $set ) {
		$jobs[] = array( 'auth-cookies', $set );
	}
	foreach ( array_keys( pg_site_configs() ) as $i ) {
		$jobs[] = array( 'cookie-constants', (string) $i );
	}

	// Run two processes at a time (the build machine has 2 cores); keep job order in the output.
	$files   = array();
	$results = array();
	$running = array();
	$next    = 0;
	while ( $next < count( $jobs ) || $running ) {
		while ( $next < count( $jobs ) && count( $running ) < 2 ) {
			list( $part, $arg ) = $jobs[ $next ];
			$cmd                = array( PHP_BINARY, __FILE__, '--part', $part );
			if ( null !== $arg ) {
				$cmd[] = $arg;
			}
			$proc = proc_open( $cmd, array( 1 => array( 'pipe', 'w' ), 2 => STDERR ), $pipes );
			if ( ! is_resource( $proc ) ) {
				fwrite( STDERR, "generate.php: cannot start part $part\n" );
				return 1;
			}
			$running[ $next ] = array( $proc, $pipes[1], "$part" . ( null === $arg ? '' : " $arg" ) );
			$next++;
		}
		// Drain the oldest running job (parts are short; simple FIFO is enough).
		$idx                       = array_key_first( $running );
		list( $proc, $pipe, $label ) = $running[ $idx ];
		$stdout                    = stream_get_contents( $pipe );
		fclose( $pipe );
		$status = proc_close( $proc );
		unset( $running[ $idx ] );
		if ( 0 !== $status ) {
			fwrite( STDERR, "generate.php: part '$label' failed (exit $status)\n" );
			return 1;
		}
		// Decode to objects so that an empty {} stays an object when re-encoded.
		$results[ $idx ] = json_decode( $stdout, false, 512, JSON_THROW_ON_ERROR );
		fwrite( STDERR, "  part $label done\n" );
	}
	ksort( $results );
	foreach ( $results as $by_file ) {
		foreach ( get_object_vars( $by_file ) as $file => $rows ) {
			$files[ $file ] = array_merge( $files[ $file ] ?? array(), $rows );
		}
	}

	$expected = array(
		'password-checks.json', 'form-logins.json', 'needs-rehash.json', 'reset-keys.json',
		'fast-hash.json', 'salts.json', 'auth-cookies.json', 'auth-cookie-validations.json',
		'cookie-constants.json', 'serialize.json', 'unserialize.json', 'session-tokens.json',
	);
	foreach ( $expected as $file ) {
		if ( empty( $files[ $file ] ) ) {
			fwrite( STDERR, "generate.php: no rows for $file\n" );
			return 1;
		}
		$json = json_encode( $files[ $file ], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR );
		file_put_contents( "$out_dir/$file", $json . "\n" );
		printf( "%-32s %4d rows\n", $file, count( $files[ $file ] ) );
	}
	return 0;
}

exit( pg_main( $argv ) );
