<?php
/**
 * Real WordPress, fully loaded, as an oracle against a site's database: what PressGate wrote is
 * read and checked by WordPress, and what WordPress writes is handed to the tests.
 *
 *   php wordpress-site.php /path/to/wp-config.php < request.json   →   {"results":[...]} on stdout
 *
 * The config is required as is (it loads Debian's /usr/share/wordpress/wp-settings.php), so the
 * database, table prefix and salts are the site's own. Request: {"commands":[...]}; one result per
 * command, in order: the command's result, or {"error": WordPress's error code or a message}.
 *
 *   insert_user  {user_login?, user_email, user_pass, first_name?, last_name?, role?} → {id}
 *       wp_insert_user() with login, e-mail and names slashed and the password not, exactly as
 *       wp_create_user() hands them over; no role means get_option('default_role'); no
 *       user_login means the e-mail is the login.
 *   dump_user    {id}  → {user: {every wp_users column, as strings} | null,
 *                         meta: [[meta_key, meta_value], ...] in umeta_id order}   (straight SQL)
 *   find_user    {by: "login"|"email", value}  → {id: N | null}                   (get_user_by)
 *   authenticate {log, pwd, form?}  → {id} | {error}: wp_authenticate(log, pwd); with form:true
 *       the password is addslashes()ed first, as wp_magic_quotes() + wp_signon() deliver it
 *       (reference §2.3).
 *   check_password {pwd, id}  → {match}: wp_check_password() against the stored hash, without a
 *       user id, so nothing is rehashed.
 *   get_password_reset_key {login}  → {key}
 *   check_password_reset_key {key, login}  → {result: "valid"|"expired_key"|"invalid_key"}
 *   set_password {id, pwd}  → {}                                                   (wp_set_password)
 *   validate_auth_cookie {cookie, scheme?, method?}  → {id} | {error: "malformed" | "expired" |
 *       "bad_username" | "bad_hash" | "bad_session_token"}: wp_validate_auth_cookie() on the value
 *       as a browser sends it (percent-encoded or not), decoded and slashed as PHP and
 *       wp_magic_quotes() hand $_COOKIE over (reference §5.2). scheme: "logged_in" (default),
 *       "auth" or "secure_auth"; method: "GET" (default) or "POST", which earns the grace hour.
 *   signon {log, pwd, remember?}  → {id, logged_in_cookie, expiration, cookie_name} | {error}:
 *       wp_signon() with the password slashed as wp-login.php delivers it; creates a session. The
 *       cookie is the value WordPress generates (not percent-encoded); no header is sent.
 *   sessions {id}  → {count}: live sessions, WP_Session_Tokens::get_instance(id)->get_all().
 *
 * Every string field may instead be given as <field>_b64 (standard base64), for bytes that are not
 * UTF-8. Results must be UTF-8; a result that is not becomes {"error":"result_not_utf8"}.
 * A malformed request exits 2 with a message on stderr; WordPress stopping (a wp_die(), a dead
 * database) exits 1. Nothing secret is printed except what a command returns: PHP messages and
 * anything WordPress echoes go to stderr, database errors without their query.
 */

/** What WordPress echoed (a wp_die() page, say) as one line of text, for stderr. */
function pg_echoed_text( $html ) {
	$text = strip_tags( preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', $html ) );
	return trim( preg_replace( '/\s+/', ' ', html_entity_decode( $text, ENT_QUOTES ) ) );
}

function pg_fail( $message, $code = 2 ) {
	fwrite( STDERR, "wordpress-site.php: $message\n" );
	exit( $code );
}

if ( 2 !== $argc || ! is_file( $argv[1] ) ) {
	pg_fail( 'usage: php wordpress-site.php /path/to/wp-config.php < request.json' );
}
$pg_config = $argv[1];

try {
	$pg_request = json_decode( stream_get_contents( STDIN ), true, 64, JSON_THROW_ON_ERROR );
} catch ( JsonException $e ) {
	pg_fail( 'request is not JSON: ' . $e->getMessage() );
}
if ( ! is_array( $pg_request ) || ! isset( $pg_request['commands'] ) || ! is_array( $pg_request['commands'] ) || ! array_is_list( $pg_request['commands'] ) ) {
	pg_fail( 'request must be an object with a "commands" array' );
}

/** A string field, given plain or as <field>_b64; $default when absent and not required. */
function pg_string( array $command, $field, $index, $required = true, $default = null ) {
	if ( array_key_exists( $field . '_b64', $command ) ) {
		$raw = is_string( $command[ $field . '_b64' ] ) ? base64_decode( $command[ $field . '_b64' ], true ) : false;
		if ( false === $raw ) {
			pg_fail( "command $index: field '{$field}_b64' must be a base64 string" );
		}
		return $raw;
	}
	if ( array_key_exists( $field, $command ) ) {
		if ( ! is_string( $command[ $field ] ) ) {
			pg_fail( "command $index: field '$field' must be a string" );
		}
		return $command[ $field ];
	}
	if ( $required ) {
		pg_fail( "command $index: field '$field' is missing" );
	}
	return $default;
}

function pg_id( array $command, $index ) {
	if ( ! isset( $command['id'] ) || ! is_int( $command['id'] ) || $command['id'] < 0 ) {
		pg_fail( "command $index: field 'id' must be a non-negative integer" );
	}
	return $command['id'];
}

// Check every command's shape before WordPress loads, so a bad request changes nothing.
$pg_ops = array( 'insert_user', 'dump_user', 'find_user', 'authenticate', 'check_password', 'get_password_reset_key', 'check_password_reset_key', 'set_password', 'validate_auth_cookie', 'signon', 'sessions', 'hash_password', 'user_meta', 'check_hash', 'wp_hash' );
foreach ( $pg_request['commands'] as $i => $command ) {
	if ( ! is_array( $command ) || ! isset( $command['op'] ) || ! in_array( $command['op'], $pg_ops, true ) ) {
		pg_fail( "command $i: needs an \"op\", one of " . implode( ', ', $pg_ops ) );
	}
	switch ( $command['op'] ) {
		case 'insert_user':
			pg_string( $command, 'user_email', $i );
			pg_string( $command, 'user_pass', $i );
			foreach ( array( 'user_login', 'first_name', 'last_name', 'role' ) as $field ) {
				pg_string( $command, $field, $i, false );
			}
			break;
		case 'dump_user':
			pg_id( $command, $i );
			break;
		case 'find_user':
			if ( ! isset( $command['by'] ) || ! in_array( $command['by'], array( 'login', 'email' ), true ) ) {
				pg_fail( "command $i: \"by\" must be \"login\" or \"email\"" );
			}
			pg_string( $command, 'value', $i );
			break;
		case 'authenticate':
			pg_string( $command, 'log', $i );
			pg_string( $command, 'pwd', $i );
			if ( isset( $command['form'] ) && ! is_bool( $command['form'] ) ) {
				pg_fail( "command $i: \"form\" must be true or false" );
			}
			break;
		case 'check_password':
		case 'set_password':
			pg_id( $command, $i );
			pg_string( $command, 'pwd', $i );
			break;
		case 'get_password_reset_key':
			pg_string( $command, 'login', $i );
			break;
		case 'check_password_reset_key':
			pg_string( $command, 'key', $i );
			pg_string( $command, 'login', $i );
			break;
		case 'validate_auth_cookie':
			pg_string( $command, 'cookie', $i );
			if ( ! in_array( pg_string( $command, 'scheme', $i, false, 'logged_in' ), array( 'logged_in', 'auth', 'secure_auth' ), true ) ) {
				pg_fail( "command $i: \"scheme\" must be \"logged_in\", \"auth\" or \"secure_auth\"" );
			}
			if ( ! in_array( pg_string( $command, 'method', $i, false, 'GET' ), array( 'GET', 'POST' ), true ) ) {
				pg_fail( "command $i: \"method\" must be \"GET\" or \"POST\"" );
			}
			break;
		case 'signon':
			pg_string( $command, 'log', $i );
			pg_string( $command, 'pwd', $i );
			if ( isset( $command['remember'] ) && ! is_bool( $command['remember'] ) ) {
				pg_fail( "command $i: \"remember\" must be true or false" );
			}
			break;
		case 'sessions':
			pg_id( $command, $i );
			break;
		case 'hash_password':
			pg_string( $command, 'pwd', $i );
			break;
		case 'user_meta':
			pg_id( $command, $i );
			pg_string( $command, 'key', $i );
			break;
		case 'check_hash':
			pg_string( $command, 'pwd', $i );
			pg_string( $command, 'hash', $i );
			break;
		case 'wp_hash':
			pg_string( $command, 'data', $i );
			break;
	}
}

error_reporting( E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED ); // 6.1 predates PHP 8.2
ini_set( 'display_errors', 'stderr' );
ini_set( 'log_errors', '0' );

// A request as a browser would make it; WordPress reads these while loading.
$_SERVER['HTTP_HOST']       = 'localhost';
$_SERVER['SERVER_NAME']     = 'localhost';
$_SERVER['REQUEST_METHOD']  = 'POST';
$_SERVER['REQUEST_URI']     = '/wp-login.php';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
$_SERVER['HTTP_USER_AGENT'] = 'PressGate wordpress-site.php';

// No network: WP-Cron would spawn an HTTP request to the site URL at the end of loading.
define( 'DISABLE_WP_CRON', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );

// stdout carries only the JSON answer: whatever WordPress echoes (a wp_die() page, a database
// error) goes to stderr, and an early stop is reported as a failure.
ob_start();
$pg_done = false;
register_shutdown_function(
	static function () use ( &$pg_done ) {
		$output = '';
		while ( ob_get_level() > 0 ) {
			$output .= ob_get_clean();
		}
		if ( ! $pg_done ) {
			if ( '' !== trim( $output ) ) {
				fwrite( STDERR, 'wordpress-site.php: WordPress printed: ' . pg_echoed_text( $output ) . "\n" );
			}
			fwrite( STDERR, "wordpress-site.php: WordPress stopped before answering\n" );
			exit( 1 );
		}
		echo $output;
	}
);

require $pg_config;

if ( ! is_blog_installed() ) {
	pg_fail( 'WordPress does not consider this database installed (no siteurl option?)', 1 );
}
// Report database errors ourselves, without the query (it may hold a hash or key).
$wpdb->suppress_errors( true );
$wpdb->show_errors( false );

/** The code of a WP_Error (its first one), as the tests compare it. */
function pg_error( WP_Error $error ) {
	return array( 'error' => (string) $error->get_error_code() );
}

function pg_run( array $command, $index ) {
	global $wpdb;

	switch ( $command['op'] ) {
		case 'insert_user':
			$email    = pg_string( $command, 'user_email', $index );
			$userdata = array(
				// wp_create_user() slashes login and e-mail (wp_insert_user() unslashes its fields
				// once), but passes the password on as is.
				'user_login' => wp_slash( pg_string( $command, 'user_login', $index, false, $email ) ),
				'user_email' => wp_slash( $email ),
				'user_pass'  => pg_string( $command, 'user_pass', $index ),
			);
			// Names are user meta, which update_user_meta() unslashes: slashed like the login.
			foreach ( array( 'first_name', 'last_name' ) as $field ) {
				$value = pg_string( $command, $field, $index, false );
				if ( null !== $value ) {
					$userdata[ $field ] = wp_slash( $value );
				}
			}
			$role = pg_string( $command, 'role', $index, false );
			if ( null !== $role ) {
				$userdata['role'] = $role;
			}
			$id = wp_insert_user( $userdata );
			return is_wp_error( $id ) ? pg_error( $id ) : array( 'id' => (int) $id );

		case 'dump_user':
			$id   = pg_id( $command, $index );
			$user = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM $wpdb->users WHERE ID = %d", $id ), ARRAY_A );
			$meta = $wpdb->get_results( $wpdb->prepare( "SELECT meta_key, meta_value FROM $wpdb->usermeta WHERE user_id = %d ORDER BY umeta_id", $id ), ARRAY_N );
			return array(
				'user' => null === $user ? null : array_map( static fn( $v ) => null === $v ? null : (string) $v, $user ),
				'meta' => array_map( static fn( $row ) => array( $row[0], $row[1] ), $meta ),
			);

		case 'find_user':
			$user = get_user_by( $command['by'], pg_string( $command, 'value', $index ) );
			return array( 'id' => $user ? (int) $user->ID : null );

		case 'authenticate':
			$pwd = pg_string( $command, 'pwd', $index );
			if ( ! empty( $command['form'] ) ) {
				// wp_magic_quotes() slashes $_POST, and wp_signon() unslashes the login but not
				// the password.
				$pwd = addslashes( $pwd );
			}
			$user = wp_authenticate( pg_string( $command, 'log', $index ), $pwd );
			return is_wp_error( $user ) ? pg_error( $user ) : array( 'id' => (int) $user->ID );

		case 'check_password':
			$hash = $wpdb->get_var( $wpdb->prepare( "SELECT user_pass FROM $wpdb->users WHERE ID = %d", pg_id( $command, $index ) ) );
			if ( null === $hash ) {
				return array( 'error' => 'invalid_user_id' );
			}
			return array( 'match' => (bool) wp_check_password( pg_string( $command, 'pwd', $index ), $hash ) );

		case 'get_password_reset_key':
			$user = get_user_by( 'login', pg_string( $command, 'login', $index ) );
			$key  = get_password_reset_key( $user );
			return is_wp_error( $key ) ? pg_error( $key ) : array( 'key' => $key );

		case 'check_password_reset_key':
			$user = check_password_reset_key( pg_string( $command, 'key', $index ), pg_string( $command, 'login', $index ) );
			return array( 'result' => is_wp_error( $user ) ? (string) $user->get_error_code() : 'valid' );

		case 'set_password':
			wp_set_password( pg_string( $command, 'pwd', $index ), pg_id( $command, $index ) );
			return new stdClass();

		case 'validate_auth_cookie':
			return pg_validate_auth_cookie( $command, $index );

		case 'signon':
			return pg_signon( $command, $index );

		case 'sessions':
			return array( 'count' => count( WP_Session_Tokens::get_instance( pg_id( $command, $index ) )->get_all() ) );

		case 'hash_password':
			// What the Two Factor plugin stores for a backup code.
			return array( 'hash' => wp_hash_password( pg_string( $command, 'pwd', $index ) ) );

		case 'user_meta':
			// get_user_meta( $id, $key, true ): the value as WordPress reads it back.
			return array( 'value' => get_user_meta( pg_id( $command, $index ), pg_string( $command, 'key', $index ), true ) );

		case 'check_hash':
			return array( 'match' => (bool) wp_check_password( pg_string( $command, 'pwd', $index ), pg_string( $command, 'hash', $index ) ) );

		case 'wp_hash':
			// What the Two Factor plugin stores for an e-mailed code.
			return array( 'hash' => wp_hash( pg_string( $command, 'data', $index ) ) );
	}
	return array( 'error' => 'unknown_op' );
}

/**
 * wp_validate_auth_cookie() on a cookie value as a browser sends it. wp_validate_auth_cookie()
 * returns only false on failure; the action it fires says which check failed.
 */
function pg_validate_auth_cookie( array $command, $index ) {
	// PHP fills $_COOKIE with percent-decoding that keeps '+' (rawurldecode), then
	// wp_magic_quotes() slashes it, and wp_parse_auth_cookie() never unslashes.
	$cookie  = addslashes( rawurldecode( pg_string( $command, 'cookie', $index ) ) );
	$failure = null;
	$hooks   = array();
	foreach ( array( 'malformed', 'expired', 'bad_username', 'bad_hash', 'bad_session_token' ) as $reason ) {
		$hooks[ 'auth_cookie_' . $reason ] = static function () use ( &$failure, $reason ) {
			$failure = $reason;
		};
	}
	foreach ( $hooks as $action => $hook ) {
		add_action( $action, $hook );
	}
	// The grace hour depends on the request method; the oracle otherwise poses as a POST to
	// wp-login.php, and the gate is a GET.
	$method                    = $_SERVER['REQUEST_METHOD'];
	$_SERVER['REQUEST_METHOD'] = pg_string( $command, 'method', $index, false, 'GET' );
	try {
		$id = wp_validate_auth_cookie( $cookie, pg_string( $command, 'scheme', $index, false, 'logged_in' ) );
	} finally {
		$_SERVER['REQUEST_METHOD'] = $method;
		foreach ( $hooks as $action => $hook ) {
			remove_action( $action, $hook );
		}
	}
	if ( false !== $id ) {
		return array( 'id' => (int) $id );
	}
	return array( 'error' => $failure ?? 'failed_without_action' );
}

/**
 * wp_signon() as wp-login.php calls it, with the logged-in cookie caught on its way out.
 */
function pg_signon( array $command, $index ) {
	$captured = null;
	$capture  = static function ( $cookie, $expire, $expiration ) use ( &$captured ) {
		$captured = array(
			'logged_in_cookie' => $cookie,
			'expiration'       => (int) $expiration,
			'cookie_name'      => LOGGED_IN_COOKIE,
		);
	};
	add_action( 'set_logged_in_cookie', $capture, 10, 3 );
	// wp_set_auth_cookie() stops before setcookie(): no Set-Cookie on php-cli, nothing to break.
	add_filter( 'send_auth_cookies', '__return_false' );
	try {
		// wp-login.php passes no credentials: wp_signon() reads $_POST, which wp_magic_quotes()
		// slashed; it unslashes the login but not the password (reference §2.3).
		$user = wp_signon(
			array(
				'user_login'    => pg_string( $command, 'log', $index ),
				'user_password' => addslashes( pg_string( $command, 'pwd', $index ) ),
				'remember'      => ! empty( $command['remember'] ),
			)
		);
	} finally {
		remove_action( 'set_logged_in_cookie', $capture, 10 );
		remove_filter( 'send_auth_cookies', '__return_false' );
	}
	if ( is_wp_error( $user ) ) {
		return pg_error( $user );
	}
	if ( null === $captured ) {
		return array( 'error' => 'no_logged_in_cookie' );
	}
	return array( 'id' => (int) $user->ID ) + $captured;
}

$pg_results = array();
foreach ( $pg_request['commands'] as $i => $command ) {
	// Each command sees the database as it is now, not as an earlier command cached it.
	wp_cache_flush();
	$wpdb->last_error = '';
	try {
		$result = pg_run( $command, $i );
	} catch ( Throwable $e ) {
		$result = array( 'error' => 'exception: ' . get_class( $e ) . ': ' . $e->getMessage() );
	}
	if ( '' !== $wpdb->last_error && ! isset( $result['error'] ) ) {
		$result = array( 'error' => 'database: ' . $wpdb->last_error );
	}
	try {
		json_encode( $result, JSON_THROW_ON_ERROR );
	} catch ( JsonException $e ) {
		$result = array( 'error' => 'result_not_utf8' );
	}
	$pg_results[] = $result;
}

// Anything WordPress echoed while the commands ran goes to stderr, not into the answer.
$pg_echoed = '';
while ( ob_get_level() > 0 ) {
	$pg_echoed .= ob_get_clean();
}
if ( '' !== trim( $pg_echoed ) ) {
	fwrite( STDERR, 'wordpress-site.php: WordPress printed: ' . pg_echoed_text( $pg_echoed ) . "\n" );
}
$pg_done = true;
echo json_encode( array( 'results' => $pg_results ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR ), "\n";
