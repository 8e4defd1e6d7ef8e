<?php
/**
 * PressGate vector harness: loads the REAL WordPress 6.1 credential code from
 * Debian's /usr/share/wordpress without a database, plus the WordPress 6.8+
 * functions (prefixed wp68_) re-implemented from the reference document.
 *
 * The database is replaced by an in-memory fake ($GLOBALS['pg_fake']) that the
 * stubs below read and write:
 *   users    ID => row (ID, user_login, user_pass, user_activation_key, ...)
 *   options  name => value (served through the real get_option()/get_site_option()
 *            via their pre_option_/pre_site_option_ short-circuit filters)
 *   usermeta user_id => meta_key => stored string (as in wp_usermeta.meta_value)
 *
 * wp_salt() and wp_cookie_constants() cache in statics/constants, so every
 * configuration that needs different constants must run in its own php process.
 */

if ( defined( 'PG_HARNESS_LOADED' ) ) {
	return;
}
define( 'PG_HARNESS_LOADED', true );

error_reporting( E_ALL );
ini_set( 'display_errors', 'stderr' );

// Fail loudly on unexpected warnings/notices (not on @-silenced ones, not on deprecations).
set_error_handler(
	static function ( $severity, $message, $file, $line ) {
		if ( ! ( error_reporting() & $severity ) ) {
			return false; // silenced with @
		}
		if ( in_array( $severity, array( E_DEPRECATED, E_USER_DEPRECATED ), true ) ) {
			return true; // WordPress 6.1 predates PHP 8.2; ignore its deprecations
		}
		throw new ErrorException( $message, 0, $severity, $file, $line );
	}
);

define( 'ABSPATH', '/usr/share/wordpress/' );
define( 'WPINC', 'wp-includes' );

$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR']    = '';
$_SERVER['HTTP_USER_AGENT'] = '';
$_COOKIE                   = array();

$GLOBALS['pg_fake'] = array(
	'users'    => array(),
	'options'  => array(),
	'usermeta' => array(),
);

// ---------------------------------------------------------------------------
// Real WordPress 6.1 files (function/class definitions only; no DB access at load).
// ---------------------------------------------------------------------------
require ABSPATH . WPINC . '/load.php';               // is_multisite, wp_doing_ajax, is_ssl, ...
require ABSPATH . WPINC . '/default-constants.php';  // wp_initial_constants, wp_cookie_constants
require ABSPATH . WPINC . '/plugin.php';             // add_filter/do_action (+ class-wp-hook.php)
require ABSPATH . WPINC . '/functions.php';          // maybe_serialize, absint (+ option.php)
require ABSPATH . WPINC . '/formatting.php';         // sanitize_user, wp_unslash, trailingslashit
require ABSPATH . WPINC . '/class-wp-error.php';
require ABSPATH . WPINC . '/class-phpass.php';       // PasswordHash
require ABSPATH . WPINC . '/class-wp-session-tokens.php';
require ABSPATH . WPINC . '/class-wp-user-meta-session-tokens.php';
require ABSPATH . WPINC . '/user.php';               // check_password_reset_key, get_user_meta

wp_initial_constants(); // DAY_IN_SECONDS, HOUR_IN_SECONDS, WP_CONTENT_DIR, ...

// ---------------------------------------------------------------------------
// Stubs for files NOT included (l10n.php, meta.php) and for the DB.
// ---------------------------------------------------------------------------

/** l10n.php is not loaded: no translations, so __() is the identity. */
function __( $text, $domain = 'default' ) {
	return $text;
}

/** l10n.php is not loaded: remove_accents() asks for the locale. */
function get_locale() {
	return 'en_US';
}

/** Mirrors meta.php get_metadata() for the fake store: single => maybe_unserialize or ''. */
function get_metadata( $meta_type, $object_id, $meta_key = '', $single = false ) {
	$raw = $GLOBALS['pg_fake']['usermeta'][ (int) $object_id ][ $meta_key ] ?? null;
	if ( null === $raw ) {
		return $single ? '' : array();
	}
	return $single ? maybe_unserialize( $raw ) : array( maybe_unserialize( $raw ) );
}

/** Mirrors meta.php update_metadata(): wp_unslash, then maybe_serialize, then store. */
function update_metadata( $meta_type, $object_id, $meta_key, $meta_value, $prev_value = '' ) {
	$meta_value = wp_unslash( $meta_value );
	$GLOBALS['pg_fake']['usermeta'][ (int) $object_id ][ wp_unslash( $meta_key ) ] = maybe_serialize( $meta_value );
	return true;
}

/** Mirrors meta.php add_metadata() (single-valued fake). */
function add_metadata( $meta_type, $object_id, $meta_key, $meta_value, $unique = false ) {
	return update_metadata( $meta_type, $object_id, $meta_key, $meta_value );
}

/** Mirrors meta.php delete_metadata(): the row disappears. */
function delete_metadata( $meta_type, $object_id, $meta_key, $meta_value = '', $delete_all = false ) {
	unset( $GLOBALS['pg_fake']['usermeta'][ (int) $object_id ][ $meta_key ] );
	return true;
}

/**
 * Pluggable get_user_by() (defined before pluggable.php, so it wins).
 * Mirrors WP_User::get_data_by() — trim, non-strict sanitize_user() for logins —
 * and the MariaDB utf8mb4_unicode_520_ci comparison as far as PHP without
 * mbstring/intl can: ASCII case-insensitive, trailing spaces ignored (PAD SPACE).
 * Accent folding is not emulated (sanitize_user already strips accents from the
 * looked-up value). Returns a plain object carrying the wp_users columns.
 */
function get_user_by( $field, $value ) {
	if ( 'ID' === $field ) {
		$field = 'id';
	}
	if ( 'id' === $field ) {
		if ( ! is_numeric( $value ) ) {
			return false;
		}
		$value = (int) $value;
		if ( $value < 1 ) {
			return false;
		}
		$row = $GLOBALS['pg_fake']['users'][ $value ] ?? null;
		return $row ? (object) $row : false;
	}
	$value = trim( $value );
	if ( ! $value ) {
		return false;
	}
	if ( 'login' === $field ) {
		$value  = sanitize_user( $value );
		$column = 'user_login';
	} elseif ( 'email' === $field ) {
		$column = 'user_email';
	} else {
		return false;
	}
	$needle = strtolower( rtrim( $value, ' ' ) );
	foreach ( $GLOBALS['pg_fake']['users'] as $row ) {
		if ( strtolower( rtrim( (string) ( $row[ $column ] ?? '' ), ' ' ) ) === $needle ) {
			return (object) $row;
		}
	}
	return false;
}

/** Pluggable get_userdata(): get_user_by('id'). */
function get_userdata( $user_id ) {
	return get_user_by( 'id', $user_id );
}

require ABSPATH . WPINC . '/pluggable.php'; // real wp_salt, wp_hash, wp_check_password, cookies, ...

// ---------------------------------------------------------------------------
// Fake-store helpers used by generate.php and oracle.php.
// ---------------------------------------------------------------------------

/** Option names the harness serves through get_option()/get_site_option(). */
const PG_OPTION_NAMES = array(
	'siteurl', 'home',
	'auth_key', 'auth_salt', 'secure_auth_key', 'secure_auth_salt',
	'logged_in_key', 'logged_in_salt', 'nonce_key', 'nonce_salt', 'secret_key',
);

/** Short-circuit for the real get_option()/get_network_option(); unseeded names abort. */
function pg_option_filter( $pre, $option ) {
	if ( ! array_key_exists( $option, $GLOBALS['pg_fake']['options'] ) ) {
		throw new RuntimeException( "harness: option '$option' read but not seeded (WordPress would generate/store it)" );
	}
	return $GLOBALS['pg_fake']['options'][ $option ];
}
foreach ( PG_OPTION_NAMES as $pg_name ) {
	add_filter( "pre_option_{$pg_name}", 'pg_option_filter', 10, 2 );
	add_filter( "pre_site_option_{$pg_name}", 'pg_option_filter', 10, 2 );
}
// WordPress must never try to write an option here (it would hit $wpdb).
foreach ( PG_OPTION_NAMES as $pg_name ) {
	add_filter(
		"pre_update_site_option_{$pg_name}",
		static function () use ( $pg_name ) {
			throw new RuntimeException( "harness: WordPress tried to store option '$pg_name'" );
		}
	);
}

function pg_set_options( array $options ) {
	foreach ( $options as $name => $value ) {
		if ( ! in_array( $name, PG_OPTION_NAMES, true ) ) {
			throw new RuntimeException( "harness: unsupported option $name" );
		}
		$GLOBALS['pg_fake']['options'][ $name ] = $value;
	}
}

/** The 8 wp-config.php salt constants plus legacy SECRET_KEY/SECRET_SALT. */
const PG_SALT_CONSTANTS = array(
	'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY',
	'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT',
	'SECRET_KEY', 'SECRET_SALT',
);

/** define() the given salt constants; must happen before the first wp_salt() call. */
function pg_define_salts( array $constants ) {
	foreach ( $constants as $name => $value ) {
		if ( ! in_array( $name, PG_SALT_CONSTANTS, true ) || ! is_string( $value ) ) {
			throw new InvalidArgumentException( "harness: bad salt constant $name" );
		}
		define( $name, $value );
	}
}

/** Replace the fake users table with one user (ID 1) or none; usermeta is cleared too. */
function pg_set_user( ?array $user ) {
	$GLOBALS['pg_fake']['users']    = array();
	$GLOBALS['pg_fake']['usermeta'] = array();
	if ( null !== $user ) {
		$GLOBALS['pg_fake']['users'][1] = array_merge(
			array(
				'ID'                  => 1,
				'user_login'          => '',
				'user_pass'           => '',
				'user_email'          => '',
				'user_activation_key' => '',
			),
			$user,
			array( 'ID' => 1 )
		);
	}
}

/** Raw wp_usermeta.meta_value string for session_tokens, '' when the row is absent. */
function pg_session_tokens_raw( $user_id = 1 ) {
	return $GLOBALS['pg_fake']['usermeta'][ $user_id ]['session_tokens'] ?? '';
}

function pg_set_session_tokens_raw( $raw, $user_id = 1 ) {
	if ( '' === $raw ) {
		unset( $GLOBALS['pg_fake']['usermeta'][ $user_id ]['session_tokens'] );
	} else {
		$GLOBALS['pg_fake']['usermeta'][ $user_id ]['session_tokens'] = $raw;
	}
}

/**
 * Run $fn so that time() inside it equals the returned 'now': retry when the
 * clock ticked during the call. Returns array(now, result).
 */
function pg_at_fixed_second( callable $fn ) {
	for ( $i = 0; $i < 20; $i++ ) {
		$now    = time();
		$result = $fn( $now );
		if ( time() === $now ) {
			return array( $now, $result );
		}
	}
	throw new RuntimeException( 'harness: clock kept ticking' );
}

/** PasswordHash::crypt_private() is private; reach it with Reflection. */
function pg_crypt_private( $password, $setting ) {
	static $method = null;
	static $hasher = null;
	if ( null === $method ) {
		$hasher = new PasswordHash( 8, true );
		$method = new ReflectionMethod( PasswordHash::class, 'crypt_private' );
		$method->setAccessible( true );
	}
	return $method->invoke( $hasher, $password, $setting );
}

// ---------------------------------------------------------------------------
// WordPress 6.8+ functions, written from the reference (§2.2, §4.2, §4.3, §5.3/5.5).
// The plugin override branch (global $wp_hasher) is deliberately left out: the
// real 6.1 code in this process sets that global, and a stock 6.8 site has none.
// ---------------------------------------------------------------------------

/** 6.8+ pre-hash for $wp$ bcrypt: standard base64 of raw HMAC-SHA384, key "wp-sha384". */
function wp68_prehash( $password ) {
	return base64_encode( hash_hmac( 'sha384', $password, 'wp-sha384', true ) );
}

/** Mirrors 6.8+ wp_hash_password() with the default algorithm (bcrypt, PHP default cost). */
function wp68_hash_password( $password, array $options = array() ) {
	if ( strlen( $password ) > 4096 ) {
		return '*';
	}
	return '$wp' . password_hash( wp68_prehash( trim( $password ) ), PASSWORD_BCRYPT, $options );
}

/** Mirrors 6.8+ wp_check_password(). */
function wp68_check_password( $password, $hash ) {
	if ( strlen( $hash ) <= 32 ) {
		$check = hash_equals( $hash, md5( $password ) ); // no 4096 limit, no inline rehash
	} elseif ( strlen( $password ) > 4096 ) {
		$check = false;
	} elseif ( str_starts_with( $hash, '$wp' ) ) {
		$check = password_verify( wp68_prehash( $password ), substr( $hash, 3 ) );
	} elseif ( str_starts_with( $hash, '$P$' ) ) {
		$check = ( new PasswordHash( 8, true ) )->CheckPassword( $password, $hash );
	} else {
		$check = password_verify( $password, $hash ); // $2y$/$2a$/$2b$, argon2, crypt(): not $H$
	}
	return apply_filters( 'check_password', $check, $password, $hash, '' );
}

/** Mirrors 6.8+ wp_password_needs_rehash() with the default bcrypt algorithm. */
function wp68_password_needs_rehash( $hash ) {
	$prefixed = str_starts_with( $hash, '$wp' );
	if ( ! $prefixed ) {
		$needs = true;
	} else {
		$needs = password_needs_rehash( substr( $hash, 3 ), PASSWORD_BCRYPT, array() );
	}
	return apply_filters( 'password_needs_rehash', $needs, $hash, '' );
}

/** Mirrors 6.8+ wp_fast_hash(): "$generic$" . base64url(BLAKE2b-240 keyed "wp_fast_hash_6.8+"). */
function wp68_fast_hash( $message ) {
	$hashed = sodium_crypto_generichash( $message, 'wp_fast_hash_6.8+', 30 );
	return '$generic$' . sodium_bin2base64( $hashed, SODIUM_BASE64_VARIANT_URLSAFE_NO_PADDING );
}

/** Mirrors 6.8+ wp_verify_fast_hash(): phpass fallback for non-$generic$ values. */
function wp68_verify_fast_hash( $message, $hash ) {
	if ( ! str_starts_with( $hash, '$generic$' ) ) {
		return ( new PasswordHash( 8, true ) )->CheckPassword( $message, $hash );
	}
	return hash_equals( $hash, wp68_fast_hash( $message ) );
}

/** Mirrors 6.8+ check_password_reset_key(): 6.1 logic with wp_verify_fast_hash(). */
function wp68_check_password_reset_key( $key, $login ) {
	$key = preg_replace( '/[^a-z0-9]/i', '', $key );
	if ( empty( $key ) || ! is_string( $key ) ) {
		return new WP_Error( 'invalid_key', __( 'Invalid key.' ) );
	}
	if ( empty( $login ) || ! is_string( $login ) ) {
		return new WP_Error( 'invalid_key', __( 'Invalid key.' ) );
	}
	$user = get_user_by( 'login', $login );
	if ( ! $user ) {
		return new WP_Error( 'invalid_key', __( 'Invalid key.' ) );
	}
	$expiration_duration = apply_filters( 'password_reset_expiration', DAY_IN_SECONDS );
	if ( str_contains( $user->user_activation_key, ':' ) ) {
		list( $pass_request_time, $pass_key ) = explode( ':', $user->user_activation_key, 2 );
		$expiration_time                      = $pass_request_time + $expiration_duration;
	} else {
		$pass_key        = $user->user_activation_key;
		$expiration_time = false;
	}
	if ( ! $pass_key ) {
		return new WP_Error( 'invalid_key', __( 'Invalid key.' ) );
	}
	$hash_is_correct = wp68_verify_fast_hash( $key, $pass_key );
	if ( $hash_is_correct && $expiration_time && time() < $expiration_time ) {
		return $user;
	} elseif ( $hash_is_correct && $expiration_time ) {
		return new WP_Error( 'expired_key', __( 'Invalid key.' ) );
	}
	if ( hash_equals( $user->user_activation_key, $key ) || ( $hash_is_correct && ! $expiration_time ) ) {
		return apply_filters( 'password_reset_key_expired', new WP_Error( 'expired_key', __( 'Invalid key.' ) ), $user->ID );
	}
	return new WP_Error( 'invalid_key', __( 'Invalid key.' ) );
}

/** 6.8+ pass_frag: chars 8..11 for $P$/$2y$ hashes, else the last 4 chars. */
function wp68_pass_frag( $user_pass ) {
	if ( str_starts_with( $user_pass, '$P$' ) || str_starts_with( $user_pass, '$2y$' ) ) {
		return substr( $user_pass, 8, 4 );
	}
	return substr( $user_pass, -4 );
}

/** Mirrors 6.8+ wp_generate_auth_cookie() (token must be given; no session creation). */
function wp68_generate_auth_cookie( $user_id, $expiration, $scheme = 'auth', $token = '' ) {
	$user = get_userdata( $user_id );
	if ( ! $user ) {
		return '';
	}
	if ( ! $token ) {
		$token = WP_Session_Tokens::get_instance( $user_id )->create( $expiration );
	}
	$pass_frag = wp68_pass_frag( $user->user_pass );
	$key       = wp_hash( $user->user_login . '|' . $pass_frag . '|' . $expiration . '|' . $token, $scheme );
	$hash      = hash_hmac( 'sha256', $user->user_login . '|' . $expiration . '|' . $token, $key );
	$cookie    = $user->user_login . '|' . $expiration . '|' . $token . '|' . $hash;
	return apply_filters( 'auth_cookie', $cookie, $user_id, $expiration, $scheme, $token );
}

/** Mirrors 6.8+ wp_validate_auth_cookie(): (int) expiration for the expiry test, 6.8 pass_frag. */
function wp68_validate_auth_cookie( $cookie = '', $scheme = '' ) {
	$cookie_elements = wp_parse_auth_cookie( $cookie, $scheme );
	if ( ! $cookie_elements ) {
		do_action( 'auth_cookie_malformed', $cookie, $scheme );
		return false;
	}
	$scheme     = $cookie_elements['scheme'];
	$username   = $cookie_elements['username'];
	$hmac       = $cookie_elements['hmac'];
	$token      = $cookie_elements['token'];
	$expiration = $cookie_elements['expiration'];
	$expired    = (int) $expiration;
	if ( wp_doing_ajax() || 'POST' === $_SERVER['REQUEST_METHOD'] ) {
		$expired += HOUR_IN_SECONDS;
	}
	if ( $expired < time() ) {
		do_action( 'auth_cookie_expired', $cookie_elements );
		return false;
	}
	$user = get_user_by( 'login', $username );
	if ( ! $user ) {
		do_action( 'auth_cookie_bad_username', $cookie_elements );
		return false;
	}
	$pass_frag = wp68_pass_frag( $user->user_pass );
	$key       = wp_hash( $username . '|' . $pass_frag . '|' . $expiration . '|' . $token, $scheme );
	$hash      = hash_hmac( 'sha256', $username . '|' . $expiration . '|' . $token, $key );
	if ( ! hash_equals( $hash, $hmac ) ) {
		do_action( 'auth_cookie_bad_hash', $cookie_elements );
		return false;
	}
	if ( ! WP_Session_Tokens::get_instance( $user->ID )->verify( $token ) ) {
		do_action( 'auth_cookie_bad_session_token', $cookie_elements );
		return false;
	}
	if ( $expiration < time() ) {
		$GLOBALS['login_grace_period'] = 1;
	}
	do_action( 'auth_cookie_valid', $cookie_elements, $user );
	return $user->ID;
}

// ---------------------------------------------------------------------------
// Version dispatch used by both scripts ("6.1" = real code, "6.8" = wp68_*).
// ---------------------------------------------------------------------------

function pg_require_version( $wordpress ) {
	if ( '6.1' !== $wordpress && '6.8' !== $wordpress ) {
		throw new InvalidArgumentException( "unknown wordpress version '$wordpress'" );
	}
	return $wordpress;
}

/** wp_hash_password() of the given version. */
function pg_hash_password( $wordpress, $password ) {
	return '6.1' === pg_require_version( $wordpress ) ? wp_hash_password( $password ) : wp68_hash_password( $password );
}

/** wp_check_password() of the given version (no user_id, so 6.1 never rehashes). */
function pg_check_password( $wordpress, $password, $hash ) {
	return '6.1' === pg_require_version( $wordpress ) ? wp_check_password( $password, $hash ) : wp68_check_password( $password, $hash );
}

/**
 * What wp-login.php does with the submitted pwd field:
 * wp_magic_quotes() addslashes(), wp_signon() passes it unslashed-not,
 * wp_authenticate() trims, wp_authenticate_username_password() rejects empty(),
 * then wp_check_password().
 */
function pg_form_login( $wordpress, $submitted, $hash ) {
	$candidate = trim( addslashes( $submitted ) );
	if ( empty( $candidate ) ) {
		return false;
	}
	return pg_check_password( $wordpress, $candidate, $hash );
}

/** check_password_reset_key() of the given version, reduced to valid|expired|invalid. */
function pg_reset_key_result( $wordpress, $key, $login ) {
	$r = '6.1' === pg_require_version( $wordpress ) ? check_password_reset_key( $key, $login ) : wp68_check_password_reset_key( $key, $login );
	if ( is_wp_error( $r ) ) {
		if ( 'expired_key' === $r->get_error_code() ) {
			return 'expired';
		}
		if ( 'invalid_key' === $r->get_error_code() ) {
			return 'invalid';
		}
		throw new RuntimeException( 'unexpected reset error ' . $r->get_error_code() );
	}
	return 'valid';
}

/** The auth_cookie_* actions tell which step of wp_validate_auth_cookie() decided. */
$GLOBALS['pg_cookie_outcome'] = null;
foreach ( array(
	'auth_cookie_malformed'         => 'malformed',
	'auth_cookie_expired'           => 'expired',
	'auth_cookie_bad_username'      => 'bad_username',
	'auth_cookie_bad_hash'          => 'bad_hash',
	'auth_cookie_bad_session_token' => 'bad_session_token',
	'auth_cookie_valid'             => 'valid',
) as $pg_action => $pg_outcome ) {
	add_action(
		$pg_action,
		static function () use ( $pg_outcome ) {
			$GLOBALS['pg_cookie_outcome'] = $pg_outcome;
		},
		10,
		0
	);
}

/** wp_validate_auth_cookie() of the given version; returns the outcome name. */
function pg_validate_cookie( $wordpress, $cookie, $scheme, $method = 'GET' ) {
	$_SERVER['REQUEST_METHOD']    = $method;
	$GLOBALS['pg_cookie_outcome'] = null;
	$id = '6.1' === pg_require_version( $wordpress ) ? wp_validate_auth_cookie( $cookie, $scheme ) : wp68_validate_auth_cookie( $cookie, $scheme );
	$_SERVER['REQUEST_METHOD'] = 'GET';
	$outcome = $GLOBALS['pg_cookie_outcome'];
	if ( null === $outcome || ( 'valid' === $outcome ) !== ( false !== $id ) ) {
		throw new RuntimeException( 'harness: auth cookie outcome not captured' );
	}
	return $outcome;
}

/** wp_generate_auth_cookie() of the given version for fake user 1. */
function pg_generate_cookie( $wordpress, $expiration, $scheme, $token ) {
	return '6.1' === pg_require_version( $wordpress )
		? wp_generate_auth_cookie( 1, $expiration, $scheme, $token )
		: wp68_generate_auth_cookie( 1, $expiration, $scheme, $token );
}

/** Stores one session for user 1 through the real WP_Session_Tokens::update(). */
function pg_store_session( $token, array $session ) {
	WP_Session_Tokens::get_instance( 1 )->update( $token, $session );
}

/** WP_Session_Tokens::hash_token() is private; reach it with Reflection. */
function pg_session_verifier( $token ) {
	$manager = WP_Session_Tokens::get_instance( 1 );
	$method  = new ReflectionMethod( WP_Session_Tokens::class, 'hash_token' );
	$method->setAccessible( true );
	return $method->invoke( $manager, $token );
}

/** JSON output used by both scripts. */
function pg_json( $value ) {
	return json_encode( $value, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR ) . "\n";
}
