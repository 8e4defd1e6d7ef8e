<?php
/**
 * WordPress's side of the purchase-hook benchmark (scripts/bench). WordPress has no purchase hook,
 * so this is its core member creation with no HTTP at all: wp_insert_user() with a new login and
 * e-mail and wp_generate_password( 24 ), in a loop, from php-cli on the bench's WordPress and
 * database (a generous peer: no request, no signature, no ledger, no product, no e-mail).
 *
 *   php wp-insert-users.php DOC_ROOT TAG START SECONDS
 *
 * Loads DOC_ROOT/wp-load.php (the bench's WordPress folder, bench/lib.sh), sleeps until the Unix
 * time START (so that several processes begin together and loading WordPress is not measured),
 * then creates wpbuyer-TAG-<n> <wpbuyer-TAG-<n>@bench.example> until SECONDS have passed. Each
 * result must be a user id (an int), not a WP_Error: the first error stops the run with exit 1.
 * Prints key<TAB>value lines: members, wall_us, cpu_ms (this process, getrusage) and latency_us (of
 * each wp_insert_user() call, comma separated).
 */

if ( 5 !== $argc || ! preg_match( '/^[A-Za-z0-9-]+$/', $argv[2] ) ) {
	fwrite( STDERR, "usage: php wp-insert-users.php DOC_ROOT TAG START SECONDS\n" );
	exit( 2 );
}
$pg_root    = $argv[1];
$pg_tag     = $argv[2];
$pg_start   = (float) $argv[3];
$pg_seconds = (float) $argv[4];

error_reporting( E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED ); // 6.1 predates PHP 8.2
ini_set( 'display_errors', 'stderr' );
$_SERVER['HTTP_HOST']       = '127.0.0.1';
$_SERVER['SERVER_NAME']     = '127.0.0.1';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
$_SERVER['HTTP_USER_AGENT'] = 'PressGate wp-insert-users.php';

ob_start(); // WordPress may echo (wp_die pages); stdout is for the results only.
require $pg_root . '/wp-load.php';
ob_end_clean();

function pg_cpu_ms() {
	$usage = getrusage();
	return ( $usage['ru_utime.tv_sec'] + $usage['ru_stime.tv_sec'] ) * 1000
		+ ( $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_usec'] ) / 1000;
}

$pg_wait = $pg_start - microtime( true );
if ( $pg_wait > 0 ) {
	usleep( (int) ( $pg_wait * 1e6 ) );
}
$pg_latencies = array();
$pg_cpu       = pg_cpu_ms();
$pg_began     = hrtime( true );
$pg_deadline  = $pg_began + (int) ( $pg_seconds * 1e9 );
for ( $n = 1; ; $n++ ) {
	$before = hrtime( true );
	if ( $before >= $pg_deadline ) {
		break;
	}
	$login = "wpbuyer-$pg_tag-$n";
	$id    = wp_insert_user(
		array(
			'user_login' => $login,
			'user_email' => "$login@bench.example",
			'user_pass'  => wp_generate_password( 24 ),
		)
	);
	$pg_latencies[] = hrtime( true ) - $before;
	if ( ! is_int( $id ) ) {
		fwrite( STDERR, "wp-insert-users.php: wp_insert_user failed for $login: " . ( is_wp_error( $id ) ? $id->get_error_message() : gettype( $id ) ) . "\n" );
		exit( 1 );
	}
}
$pg_wall = hrtime( true ) - $pg_began;
$pg_cpu  = pg_cpu_ms() - $pg_cpu;
printf( "members\t%d\nwall_us\t%d\ncpu_ms\t%d\n", count( $pg_latencies ), $pg_wall / 1000, round( $pg_cpu ) );
echo "latency_us\t" . implode( ',', array_map( fn( $ns ) => intdiv( $ns, 1000 ), $pg_latencies ) ) . "\n";
