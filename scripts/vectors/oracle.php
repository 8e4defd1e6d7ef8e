<?php
/**
 * Reverse-direction oracle: values produced by PressGate are checked by real
 * WordPress 6.1 code (or the wp68_* functions for "6.8").
 *
 *   php oracle.php REQUEST.json   →   {"results":[...]} on stdout
 *
 * Request: {"constants": {AUTH_KEY: ..., ... 8 salts}, "items": [ ... ]}
 * Items (one result object per item, same order):
 *   password_check {wordpress, password_b64, hash}                   → {match}
 *   form_login     {wordpress, submitted_b64, hash}                  → {logs_in}
 *   reset_key      {wordpress, login, submitted_key, user_activation_key} → {result}
 *   auth_cookie    {wordpress, scheme, cookie, user:{login,user_pass}|null,
 *                   session_tokens, [method]}                        → {result}
 *   fast_hash      {message_b64, hash}                               → {match}
 *   unserialize    {serialized | serialized_b64}                     → {ok, reserialized, reserialized_b64}
 * reset_key and auth_cookie use the real current time; auth_cookie is a GET
 * unless "method": "POST" is given.
 * A malformed request exits 2 with a message on stderr; a failure inside
 * WordPress exits 1.
 */

function oracle_fail( $message, $code = 2 ) {
	fwrite( STDERR, "oracle.php: $message\n" );
	exit( $code );
}

function oracle_string( array $item, $field, $index ) {
	if ( ! array_key_exists( $field, $item ) || ! is_string( $item[ $field ] ) ) {
		oracle_fail( "item $index: field '$field' must be a string" );
	}
	return $item[ $field ];
}

function oracle_b64( array $item, $field, $index ) {
	$raw = base64_decode( oracle_string( $item, $field, $index ), true );
	if ( false === $raw ) {
		oracle_fail( "item $index: field '$field' is not valid base64" );
	}
	return $raw;
}

function oracle_version( array $item, $index ) {
	$wp = oracle_string( $item, 'wordpress', $index );
	if ( '6.1' !== $wp && '6.8' !== $wp ) {
		oracle_fail( "item $index: wordpress must be \"6.1\" or \"6.8\"" );
	}
	return $wp;
}

/** Checks every item's shape before anything runs; returns normalised items. */
function oracle_parse( $json ) {
	try {
		$request = json_decode( $json, true, 64, JSON_THROW_ON_ERROR );
	} catch ( JsonException $e ) {
		oracle_fail( 'request is not JSON: ' . $e->getMessage() );
	}
	if ( ! is_array( $request ) || ! isset( $request['items'] ) || ! is_array( $request['items'] ) || ! array_is_list( $request['items'] ) ) {
		oracle_fail( 'request must be an object with an "items" array' );
	}
	$constants = $request['constants'] ?? array();
	if ( ! is_array( $constants ) || ( $constants && array_is_list( $constants ) ) ) {
		oracle_fail( '"constants" must be an object' );
	}
	$allowed = array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT', 'SECRET_KEY', 'SECRET_SALT' );
	foreach ( $constants as $name => $value ) {
		if ( ! in_array( $name, $allowed, true ) || ! is_string( $value ) ) {
			oracle_fail( "constant '$name' is not a salt constant with a string value" );
		}
	}

	$items = array();
	foreach ( $request['items'] as $i => $item ) {
		if ( ! is_array( $item ) || ! isset( $item['kind'] ) || ! is_string( $item['kind'] ) ) {
			oracle_fail( "item $i: must be an object with a string \"kind\"" );
		}
		$n = array( 'kind' => $item['kind'] );
		switch ( $item['kind'] ) {
			case 'password_check':
				$n += array( 'wordpress' => oracle_version( $item, $i ), 'password' => oracle_b64( $item, 'password_b64', $i ), 'hash' => oracle_string( $item, 'hash', $i ) );
				break;
			case 'form_login':
				$n += array( 'wordpress' => oracle_version( $item, $i ), 'submitted' => oracle_b64( $item, 'submitted_b64', $i ), 'hash' => oracle_string( $item, 'hash', $i ) );
				break;
			case 'reset_key':
				$n += array(
					'wordpress'           => oracle_version( $item, $i ),
					'login'               => oracle_string( $item, 'login', $i ),
					'submitted_key'       => oracle_string( $item, 'submitted_key', $i ),
					'user_activation_key' => oracle_string( $item, 'user_activation_key', $i ),
				);
				$t = strstr( $n['user_activation_key'], ':', true );
				if ( false !== $t && ! is_numeric( $t ) ) {
					// PHP 8 would throw a TypeError (fatal) on the time arithmetic.
					oracle_fail( "item $i: user_activation_key has a non-numeric request time" );
				}
				break;
			case 'auth_cookie':
				$user = $item['user'] ?? null;
				if ( null !== $user && ( ! is_array( $user ) || ! is_string( $user['login'] ?? null ) || ! is_string( $user['user_pass'] ?? null ) ) ) {
					oracle_fail( "item $i: user must be null or {login, user_pass} strings" );
				}
				$method = $item['method'] ?? 'GET';
				if ( 'GET' !== $method && 'POST' !== $method ) {
					oracle_fail( "item $i: method must be GET or POST" );
				}
				$n += array(
					'wordpress'      => oracle_version( $item, $i ),
					'scheme'         => oracle_string( $item, 'scheme', $i ),
					'cookie'         => oracle_string( $item, 'cookie', $i ),
					'user'           => $user,
					'session_tokens' => array_key_exists( 'session_tokens', $item ) ? oracle_string( $item, 'session_tokens', $i ) : '',
					'method'         => $method,
				);
				break;
			case 'fast_hash':
				$n += array( 'message' => oracle_b64( $item, 'message_b64', $i ), 'hash' => oracle_string( $item, 'hash', $i ) );
				break;
			case 'unserialize':
				if ( array_key_exists( 'serialized_b64', $item ) ) {
					$n['serialized'] = oracle_b64( $item, 'serialized_b64', $i );
				} else {
					$n['serialized'] = oracle_string( $item, 'serialized', $i );
				}
				break;
			default:
				oracle_fail( "item $i: unknown kind '{$item['kind']}'" );
		}
		$items[] = $n;
	}
	return array( $constants, $items );
}

/** Runs one item against WordPress; mirrors the rules of the vector files. */
function oracle_run( array $item ) {
	switch ( $item['kind'] ) {
		case 'password_check': // wp_check_password()
			return array( 'match' => pg_check_password( $item['wordpress'], $item['password'], $item['hash'] ) );
		case 'form_login': // wp-login.php: trim(addslashes(pwd)), empty() refused, wp_check_password()
			return array( 'logs_in' => pg_form_login( $item['wordpress'], $item['submitted'], $item['hash'] ) );
		case 'reset_key': // check_password_reset_key()
			pg_set_user( array( 'user_login' => $item['login'], 'user_activation_key' => $item['user_activation_key'] ) );
			return array( 'result' => pg_reset_key_result( $item['wordpress'], $item['submitted_key'], $item['login'] ) );
		case 'auth_cookie': // wp_validate_auth_cookie()
			$user = $item['user'];
			pg_set_user( null === $user ? null : array( 'user_login' => $user['login'], 'user_pass' => $user['user_pass'] ) );
			if ( null !== $user ) {
				pg_set_session_tokens_raw( $item['session_tokens'] );
			}
			return array( 'result' => pg_validate_cookie( $item['wordpress'], $item['cookie'], $item['scheme'], $item['method'] ) );
		case 'fast_hash': // wp_verify_fast_hash()
			return array( 'match' => wp68_verify_fast_hash( $item['message'], $item['hash'] ) );
		case 'unserialize': // PHP unserialize() then serialize()
			$s     = $item['serialized'];
			$value = @unserialize( $s, array( 'allowed_classes' => false ) );
			$ok    = false !== $value || 'b:0;' === $s;
			$re    = $ok ? serialize( $value ) : null;
			return array(
				'ok'               => $ok,
				'reserialized'     => ( null !== $re && preg_match( '//u', $re ) ) ? $re : null,
				'reserialized_b64' => null === $re ? null : base64_encode( $re ),
			);
	}
	throw new LogicException( 'unreachable' );
}

if ( 2 !== $argc ) {
	oracle_fail( 'usage: php oracle.php REQUEST.json' );
}
$json = @file_get_contents( $argv[1] );
if ( false === $json ) {
	oracle_fail( "cannot read {$argv[1]}" );
}
list( $constants, $items ) = oracle_parse( $json );

require __DIR__ . '/harness.php';

try {
	pg_define_salts( $constants );
	// Cookie names for wp_parse_auth_cookie('') (an empty cookie reads $_COOKIE).
	pg_set_options( array( 'siteurl' => 'http://example.test', 'home' => 'http://example.test' ) );
	wp_plugin_directory_constants();
	wp_cookie_constants();

	$results = array();
	foreach ( $items as $item ) {
		$results[] = oracle_run( $item );
	}
} catch ( Throwable $e ) {
	oracle_fail( get_class( $e ) . ': ' . $e->getMessage(), 1 );
}
echo pg_json( array( 'results' => $results ) );
