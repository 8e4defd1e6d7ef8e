<?php
/**
 * WordPress's side of the gate benchmark (scripts/bench): the nginx auth_request target that a site
 * without PressGate would use to protect a static folder. Loads WordPress and answers 204 for a
 * logged-in member, 401 otherwise, with no body. Copied next to the bench's wp-load.php.
 */
require __DIR__ . '/wp-load.php';
http_response_code( is_user_logged_in() ? 204 : 401 );
header( 'Cache-Control: no-store' );
exit;
