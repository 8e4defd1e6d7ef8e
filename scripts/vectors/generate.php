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

if ( ( $argv[1] ?? '' ) === '--part' ) {
	require __DIR__ . '/harness.php';
	$name = $argv[2] ?? '';
	$arg  = $argv[3] ?? null;
	$fn   = 'part_' . str_replace( '-', '_', $name );
	if ( ! function_exists( $fn ) ) {
		fwrite( STDERR, "generate.php: unknown part '$name'\n" );
		exit( 2 );
	}
	echo pg_json( $fn( $arg ) );
	exit( 0 );
}

if ( $argc !== 2 ) {
	fwrite( STDERR, "usage: php generate.php OUT_DIR\n" );
	exit( 2 );
}
$out_dir = rtrim( $argv[1], '/' );
if ( ! is_dir( $out_dir ) && ! mkdir( $out_dir, 0777, true ) ) {
	fwrite( STDERR, "generate.php: cannot create $out_dir\n" );
	exit( 1 );
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
			exit( 1 );
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
		exit( 1 );
	}
	$results[ $idx ] = json_decode( $stdout, true, 512, JSON_THROW_ON_ERROR );
	fwrite( STDERR, "  part $label done\n" );
}
ksort( $results );
foreach ( $results as $by_file ) {
	foreach ( $by_file as $file => $rows ) {
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
		exit( 1 );
	}
	$json = json_encode( $files[ $file ], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR );
	file_put_contents( "$out_dir/$file", $json . "\n" );
	printf( "%-32s %4d rows\n", $file, count( $files[ $file ] ) );
}
