<?php
/**
 * Installs real WordPress (Debian's core in /usr/share/wordpress) into the empty database that a
 * wp-config.php names, the way the web installer does it: wp_install() with the administrator
 * "admin" <admin@example.test> and a random password that is thrown away. Used by
 * scripts/lib/site.sh (site_install_with_wordpress) so oracle tests run against exactly the
 * tables and options WordPress makes.
 *
 *   php wordpress-install.php /path/to/wp-config.php SITEURL
 *
 * Prints nothing on stdout; exits 0 when WordPress reports itself installed, 1 otherwise, 2 on bad
 * arguments.
 */

if ( 3 !== $argc ) {
	fwrite( STDERR, "usage: php wordpress-install.php /path/to/wp-config.php SITEURL\n" );
	exit( 2 );
}
$pg_config  = $argv[1];
$pg_siteurl = $argv[2];
$pg_host    = parse_url( $pg_siteurl, PHP_URL_HOST );
if ( ! is_file( $pg_config ) || ! is_string( $pg_host ) || '' === $pg_host ) {
	fwrite( STDERR, "wordpress-install.php: need an existing wp-config.php and an absolute site URL\n" );
	exit( 2 );
}

error_reporting( E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED ); // 6.1 predates PHP 8.2
ini_set( 'display_errors', 'stderr' );

// The request a browser would make to the installer; WordPress reads these while loading.
$_SERVER['HTTP_HOST']       = $pg_host . ( parse_url( $pg_siteurl, PHP_URL_PORT ) ? ':' . parse_url( $pg_siteurl, PHP_URL_PORT ) : '' );
$_SERVER['SERVER_NAME']     = $pg_host;
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['REQUEST_URI']     = '/wp-admin/install.php';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';
$_SERVER['HTTP_USER_AGENT'] = 'PressGate wordpress-install.php';
if ( 'https' === parse_url( $pg_siteurl, PHP_URL_SCHEME ) ) {
	$_SERVER['HTTPS'] = 'on';
}

// Without it, wp-settings.php finds no tables and redirects to wp-admin/install.php.
define( 'WP_INSTALLING', true );
// wp_install() stores wp_guess_url() as siteurl and home; that guess is built from the web
// request's script path, which a CLI run does not have. WP_SITEURL is what it returns first.
define( 'WP_SITEURL', $pg_siteurl );

// WordPress may echo (wp_die pages, database errors); stdout must stay empty for the caller.
ob_start();
$pg_done = false;
register_shutdown_function(
	static function () use ( &$pg_done ) {
		$output = '';
		while ( ob_get_level() > 0 ) {
			$output .= ob_get_clean();
		}
		if ( '' !== trim( $output ) ) {
			fwrite( STDERR, 'wordpress-install.php: WordPress printed: ' . trim( preg_replace( '/\s+/', ' ', strip_tags( preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', $output ) ) ) ) . "\n" );
		}
		if ( ! $pg_done ) {
			fwrite( STDERR, "wordpress-install.php: WordPress stopped before the install finished\n" );
			exit( 1 );
		}
	}
);

require $pg_config;
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// No network and no mail: the installer probes the site URL for pretty permalinks (a failed probe
// leaves permalink_structure empty, as on a server without rewrites) and mails the admin.
add_filter(
	'pre_http_request',
	static function () {
		return new WP_Error( 'http_request_failed', 'PressGate: no network during install' );
	}
);
add_filter( 'pre_wp_mail', '__return_false' );

if ( is_blog_installed() ) {
	fwrite( STDERR, "wordpress-install.php: WordPress is already installed in this database\n" );
	$pg_done = true;
	exit( 1 );
}

$pg_result = wp_install( 'PressGate', 'admin', 'admin@example.test', 1, '', bin2hex( random_bytes( 16 ) ) );

wp_cache_flush();
$pg_done = true;
if ( empty( $pg_result['user_id'] ) || ! is_blog_installed() ) {
	fwrite( STDERR, "wordpress-install.php: wp_install() did not complete\n" );
	exit( 1 );
}
exit( 0 );
