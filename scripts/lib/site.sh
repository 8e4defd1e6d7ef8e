# A WordPress site for PressGate on a private MariaDB (mariadb.sh): database, DB user, tables,
# DIR/site/wp-config.php and DIR/site/wp-includes/version.php. Source it after common.sh and
# mariadb.sh; do not run it.
#
#   site_create DIR DBNAME PREFIX SITEURL WPVERSION
#       tables and options from sql/wordpress/{schema,options}.sql; WPVERSION (e.g. 6.1.9, 6.8.1)
#       only goes into version.php, where PressGate reads which WordPress it is compatible with.
#   site_install_with_wordpress DIR DBNAME PREFIX SITEURL
#       real WordPress (Debian's, /usr/share/wordpress) creates tables and options with wp_install(),
#       so an oracle test runs against exactly WordPress's database; version.php says Debian's version.
#
# One site per DIR, in DIR/site, or in $PRESSGATE_SITE_DIR when set (tests keep many sites, one
# database each, on one server). The server runs in DIR (started if needed); the DB user is named
# DBNAME and gets a random password that only wp-config.php holds. Core stays in
# /usr/share/wordpress: the config sets ABSPATH there, like a site served from Debian's package.
# Nothing secret is printed.

WORDPRESS_CORE="${WORDPRESS_CORE:-/usr/share/wordpress/}"
# Debian's own config points wp-content here (languages, plugin symlinks); the core's
# /usr/share/wordpress/wp-content is the read-only package copy.
WORDPRESS_CONTENT_DIR="${WORDPRESS_CONTENT_DIR:-/var/lib/wordpress/wp-content}"

# LENGTH characters from ALPHABET, uniformly, from /dev/urandom. Bytes at or above the largest
# multiple of the alphabet size are rejected so that no character is more likely than another.
# (tr -dc < /dev/urandom | head would die of SIGPIPE under pipefail.)
_site_random() {
    local length="$1" alphabet="$2" size=${#2} out="" byte limit
    limit=$(( 256 - 256 % size ))
    while [ ${#out} -lt "$length" ]; do
        for byte in $(od -An -tu1 -N "$(( length * 2 ))" /dev/urandom); do
            [ "$byte" -lt "$limit" ] || continue
            out+="${alphabet:byte % size:1}"
            [ ${#out} -lt "$length" ] || break
        done
    done
    printf '%s' "$out"
}

# wp_generate_password(64, true, true)'s alphabet, which is what WordPress's installer and
# api.wordpress.org/secret-key use for keys and salts. It has no ' or \, so every value can sit in a
# single-quoted PHP string as is.
_site_salt_alphabet='abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|'

_site_check_args() {
    local dbname="$1" prefix="$2" siteurl="$3"
    [[ "$dbname" =~ ^[A-Za-z0-9_]{1,64}$ ]] || die "site: database name must be [A-Za-z0-9_], at most 64: $dbname"
    # WordPress itself stops on anything else ("Invalid table prefix"; reference §7.2).
    [[ "$prefix" =~ ^[A-Za-z0-9_]+$ ]] || die "site: table prefix must be [A-Za-z0-9_]: $prefix"
    # It goes into SQL and PHP string literals; keep it to what a real site URL looks like.
    local url_re='^https?://[]A-Za-z0-9.:[-]+(/[A-Za-z0-9._~/%-]*)?$'
    [[ "$siteurl" =~ $url_re ]] || die "site: site URL must be http(s)://host[:port][/path]: $siteurl"
    [[ "$siteurl" != */ ]] || die "site: site URL without a trailing slash, as WordPress stores it: $siteurl"
}

# Database, DB user with a fresh random password, wp-config.php and version.php. An existing site
# or database is refused: a second config with new salts would silently invalidate the first.
_site_prepare() {
    local dir="$1" dbname="$2" prefix="$3" siteurl="$4" wpversion="$5"
    _site_check_args "$dbname" "$prefix" "$siteurl"
    [[ "$wpversion" =~ ^[0-9]+\.[0-9]+(\.[0-9]+)?(-[A-Za-z0-9.]+)?$ ]] || die "site: bad WordPress version: $wpversion"
    mariadb_start "$dir"
    dir="$(cd "$dir" && pwd)"
    local site="${PRESSGATE_SITE_DIR:-$dir/site}"
    [[ "$dir$site" != *[\'\\]* ]] || die "site: directory must not contain a quote or backslash (it goes into wp-config.php): $dir"
    # One site per DIR: a second one would replace the first one's wp-config.php under its feet.
    [ ! -e "$site/wp-config.php" ] || die "site: $site/wp-config.php already exists (one site per directory)"
    local exists
    exists="$(printf 'SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s;\n' "'$dbname'" \
        | mariadb_sql "$dir" "" -N)"
    [ "$exists" = 0 ] || die "site: database $dbname already exists in $dir; drop it or use another name"

    local password
    password="$(_site_random 32 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')"
    mariadb_create_database "$dir" "$dbname" "$dbname" "$password"

    mkdir -p "$site/wp-includes"
    local config="$site/wp-config.php" name
    # Written under umask 077: it holds the DB password and the salts.
    (
        umask 077
        {
            cat <<PHP
<?php
/**
 * WordPress configuration of a PressGate test/demo site, written by scripts/lib/site.sh.
 * The core is Debian's package in $WORDPRESS_CORE; this directory holds only this file and
 * wp-includes/version.php, which tells PressGate the site's WordPress version.
 */

// ** Database settings ** //
define( 'DB_NAME', '$dbname' );
define( 'DB_USER', '$dbname' );
define( 'DB_PASSWORD', '$password' );
define( 'DB_HOST', 'localhost:$dir/mysqld.sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
PHP
            for name in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
                printf "define( '%s', %*s'%s' );\n" "$name" $(( 17 - ${#name} )) '' "$(_site_random 64 "$_site_salt_alphabet")"
            done
            cat <<PHP
/**#@-*/

\$table_prefix = '$prefix';

define( 'WP_DEBUG', false );

// Debian's WordPress keeps wp-content outside the read-only core, as its own wp-config.php does.
if ( ! defined( 'WP_CONTENT_DIR' ) ) {
	define( 'WP_CONTENT_DIR', '${WORDPRESS_CONTENT_DIR%/}' );
}

/* That's all, stop editing! Happy publishing. */

/** Absolute path to the WordPress directory. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', '${WORDPRESS_CORE%/}/' );
}

/** Sets up WordPress vars and included files. */
require_once ABSPATH . 'wp-settings.php';
PHP
        } > "$config"
    )

    cat > "$site/wp-includes/version.php" <<PHP
<?php
/**
 * WordPress Version (written by PressGate's scripts/lib/site.sh; the line below has the format of
 * WordPress's own wp-includes/version.php).
 *
 * @global string \$wp_version
 */
\$wp_version = '$wpversion';
PHP
}

# A PHP/SQL single-quoted literal for a value already checked to hold no quote or backslash.
_site_sql_string() { printf "'%s'" "$1"; }

site_create() {
    [ $# -eq 5 ] || die "usage: site_create DIR DBNAME PREFIX SITEURL WPVERSION"
    local dir="$1" dbname="$2" prefix="$3" siteurl="$4" wpversion="$5"
    local sql="$PRESSGATE_ROOT/sql/wordpress"
    _site_prepare "$dir" "$dbname" "$prefix" "$siteurl" "$wpversion"
    {
        printf 'SET @siteurl = %s, @home = %s, @table_prefix = %s;\n' \
            "$(_site_sql_string "$siteurl")" "$(_site_sql_string "$siteurl")" "$(_site_sql_string "$prefix")"
        # The files name every table `wp_...`; prefix characters are [A-Za-z0-9_], safe in sed.
        sed "s/\`wp_/\`${prefix}/g" "$sql/schema.sql" "$sql/options.sql"
    } | mariadb_sql "$dir" "$dbname"
    log "site: $dbname (prefix $prefix, WordPress $wpversion) from sql/wordpress; config ${PRESSGATE_SITE_DIR:-$(cd "$dir" && pwd)/site}/wp-config.php"
}

site_install_with_wordpress() {
    [ $# -eq 4 ] || die "usage: site_install_with_wordpress DIR DBNAME PREFIX SITEURL"
    local dir="$1" dbname="$2" prefix="$3" siteurl="$4" version
    version="$(sed -n "s/^\$wp_version = '\([^']*\)';\$/\1/p" "${WORDPRESS_CORE%/}/wp-includes/version.php")"
    [ -n "$version" ] || die "site: no \$wp_version in ${WORDPRESS_CORE%/}/wp-includes/version.php (is the wordpress package installed?)"
    _site_prepare "$dir" "$dbname" "$prefix" "$siteurl" "$version"
    php "$PRESSGATE_ROOT/scripts/oracle/wordpress-install.php" "${PRESSGATE_SITE_DIR:-$(cd "$dir" && pwd)/site}/wp-config.php" "$siteurl" \
        || die "site: wp_install() failed for $dbname"
    log "site: $dbname (prefix $prefix) installed by WordPress $version; config ${PRESSGATE_SITE_DIR:-$(cd "$dir" && pwd)/site}/wp-config.php"
}
