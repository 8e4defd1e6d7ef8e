<?php
/*
 * php_phpass.php - WordPress's own phpass check, as WordPress 6.1 runs it.
 *
 * Loads Debian's unmodified class-phpass.php and times
 * (new PasswordHash(8, true))->CheckPassword(), i.e. what wp_check_password()
 * does for a $P$ hash (minus the filter call).
 *
 *   printf 'correct horse' | php bench/php_phpass.php '$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1' 2000
 *
 * stdin is the password (all of it, raw bytes, one trailing "\n" dropped).
 * Output: one TSV line  php-wordpress-phpass <iterations> <wall ms/check> <cpu ms/check>
 */
require '/usr/share/wordpress/wp-includes/class-phpass.php';

if ($argc !== 3 || !ctype_digit($argv[2]) || (int)$argv[2] <= 0) {
    fwrite(STDERR, "usage: php {$argv[0]} HASH ITERATIONS < password\n");
    exit(2);
}
$stored = $argv[1];
$iters = (int)$argv[2];

$password = file_get_contents('php://stdin');
if (substr($password, -1) === "\n")
    $password = substr($password, 0, -1);

$hasher = new PasswordHash(8, true);  // exactly what WordPress constructs

// prove the hash/password pair is real phpass before timing it
if (!$hasher->CheckPassword($password, $stored)) {
    fwrite(STDERR, "hash mismatch: computed " . $hasher->crypt_private($password, $stored)
        . ", expected $stored\n");
    exit(1);
}

// user + system CPU time of this process, in ms
function cpu_ms(): float {
    $r = getrusage();
    return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e3
         + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) / 1e3;
}

$ok = 0;
$w0 = hrtime(true);
$c0 = cpu_ms();
for ($i = 0; $i < $iters; $i++)
    $ok += $hasher->CheckPassword($password, $stored) ? 1 : 0;
$c1 = cpu_ms();
$w1 = hrtime(true);
if ($ok !== $iters) {
    fwrite(STDERR, "check failed during timing ($ok/$iters)\n");
    exit(1);
}

printf("php-wordpress-phpass\t%d\t%.4f\t%.4f\n", $iters,
       ($w1 - $w0) / 1e6 / $iters, ($c1 - $c0) / $iters);
