# The servers and helpers of scripts/bench's HTTP benchmarks. Source it after scripts/lib/common.sh,
# mariadb.sh and nginx.sh; do not run it. Everything lives in one run folder (BENCH_RUN); every
# server listens on 127.0.0.1 or a unix socket in it and is stopped by its own pid.
#
#   bench_wordpress_root DOC_ROOT SITE_CONFIG     WordPress served from DOC_ROOT with the site's config
#   bench_members_insert DB_DIR DBNAME FIRST LAST HASH   members member<FIRST>…member<LAST>, bulk SQL
#   bench_members_trim DB_DIR DBNAME KEEP          only member1…member<KEEP> remain
#   bench_pressgate_start RUN SOCKET THREADS / bench_pressgate_stop RUN
#   bench_php_fpm_start RUN SOCKET CHILDREN / bench_php_fpm_stop RUN
#   bench_nginx_start RUN PORT PRESSGATE_SOCKET PHP_SOCKET DOC_ROOT / nginx_stop RUN (nginx.sh)
#   bench_cpu_ms                                  CPU ms so far: nginx php-fpm pressgate mariadbd
#   bench_sql_statements                          MariaDB so far: client statements, InnoDB fsyncs
#   bench_outbox_wait DB_DIR DBNAME               waits until no welcome e-mail is pending; prints ms
#   bench_wrk OUT KIND URL CONNECTIONS SECONDS    one wrk run (bench/wrk.lua); key<TAB>value in OUT

BENCH_DIR="$PRESSGATE_ROOT/bench"
PHP_FPM_BIN="${PHP_FPM_BIN:-$(command -v php-fpm8.2 || command -v php-fpm || echo /usr/sbin/php-fpm8.2)}"
CLOCK_TICKS="$(getconf CLK_TCK)"

# WordPress's core resolves its own directory from __DIR__ (symlinks resolved), and Debian's
# /usr/share/wordpress/wp-config.php looks for /etc/wordpress/config-<host>.php. So that nothing is
# written outside the run folder, DOC_ROOT links every entry of the core, except three small files
# that are copied (wp-load.php, wp-login.php: their __DIR__ must be DOC_ROOT) and a wp-config.php of
# our own that loads the site's config. WP-Cron is off: it would fire HTTP requests of its own into
# the measurements (a busy production site runs it from the system cron instead).
bench_wordpress_root() {
    local root="$1" config="$2" core="${WORDPRESS_CORE:-/usr/share/wordpress}" entry name
    core="${core%/}"
    rm -rf "$root"
    mkdir -p "$root"
    for entry in "$core"/* "$core"/.htaccess; do
        [ -e "$entry" ] || continue
        name="$(basename "$entry")"
        case "$name" in
            wp-config.php) ;;
            wp-load.php | wp-login.php) cp "$entry" "$root/$name" ;;
            *) ln -s "$entry" "$root/$name" ;;
        esac
    done
    cat > "$root/wp-config.php" <<PHP
<?php
// scripts/bench: the site's own configuration, with WordPress served from this folder.
define( 'DISABLE_WP_CRON', true );
require '$config';
PHP
    # The site's config sets ABSPATH only when it is not yet defined; wp-load.php defines it as this
    # folder, so wp-settings.php and everything after it are loaded through the links.
    cp "$BENCH_DIR/wp-gate.php" "$root/wp-gate.php"
    mkdir -p "$root/static" "$root/members" "$root/wp-members"
    # One small file, the same bytes behind each of the three doors.
    local file
    for file in static members wp-members; do
        printf 'A file of about a hundred bytes, served by nginx to whoever may read it (PressGate bench).\n' > "$root/$file/file.txt"
    done
}

# Members member<FIRST> … member<LAST>: the wp_users row and the 13 usermeta rows wp_insert_user
# writes for a subscriber of WordPress 6.1 (Sources/MemberStore/Members/MemberMeta.swift), all with
# the same password HASH, inserted in bulk from MariaDB's SEQUENCE engine (seq_A_to_B), 200,000
# members per transaction. Each member's usermeta rows are consecutive, as WordPress writes them.
bench_members_insert() {
    local db_dir="$1" database="$2" first="$3" last="$4" hash="$5" from to
    [[ "$first" =~ ^[0-9]+$ && "$last" =~ ^[0-9]+$ && "$hash" =~ ^[\$./A-Za-z0-9]+$ ]] || die "bench_members_insert: bad arguments"
    for ((from = first; from <= last; from += 200000)); do
        to=$(( from + 199999 < last ? from + 199999 : last ))
        mariadb_sql "$db_dir" "$database" <<SQL
START TRANSACTION;
INSERT INTO wp_users (user_login, user_pass, user_nicename, user_email, user_url, user_registered,
                      user_activation_key, user_status, display_name)
SELECT CONCAT('member', seq), '$hash', CONCAT('member', seq), CONCAT('member', seq, '@example.test'), '',
       UTC_TIMESTAMP(), '', 0, CONCAT('member', seq)
FROM seq_${from}_to_${to};
-- One multi-row INSERT … SELECT gets consecutive IDs (nothing else inserts meanwhile).
SET @first_id = LAST_INSERT_ID(), @last_id = LAST_INSERT_ID() + ROW_COUNT() - 1;
INSERT INTO wp_usermeta (user_id, meta_key, meta_value)
SELECT STRAIGHT_JOIN u.ID, k.meta_key, IF(k.meta_key = 'nickname', u.user_login, k.meta_value)
FROM wp_users u
JOIN (SELECT 1 AS ord, 'nickname' AS meta_key, '' AS meta_value
      UNION ALL SELECT 2, 'first_name', ''
      UNION ALL SELECT 3, 'last_name', ''
      UNION ALL SELECT 4, 'description', ''
      UNION ALL SELECT 5, 'rich_editing', 'true'
      UNION ALL SELECT 6, 'syntax_highlighting', 'true'
      UNION ALL SELECT 7, 'comment_shortcuts', 'false'
      UNION ALL SELECT 8, 'admin_color', 'fresh'
      UNION ALL SELECT 9, 'use_ssl', '0'
      UNION ALL SELECT 10, 'show_admin_bar_front', 'true'
      UNION ALL SELECT 11, 'locale', ''
      UNION ALL SELECT 12, 'wp_capabilities', 'a:1:{s:10:"subscriber";b:1;}'
      UNION ALL SELECT 13, 'wp_user_level', '0') k
WHERE u.ID BETWEEN @first_id AND @last_id;
COMMIT;
SQL
    done
}

# Removes the members after member<KEEP> (users, usermeta) — the scale run starts from 1,000.
bench_members_trim() {
    local db_dir="$1" database="$2" keep="$3"
    [[ "$keep" =~ ^[0-9]+$ ]] || die "bench_members_trim: bad count"
    mariadb_sql "$db_dir" "$database" <<SQL
SET @keep_id = (SELECT ID FROM wp_users WHERE user_login = 'member${keep}');
DELETE FROM wp_usermeta WHERE user_id > @keep_id;
DELETE FROM wp_users WHERE ID > @keep_id;
SQL
}

# The pid in RUN/NAME.pid if that process still runs and its command is COMM.
_bench_pid() {
    local file="$1" comm="$2" pid
    [ -s "$file" ] || return 0
    pid="$(tr -dc 0-9 < "$file")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ] && printf '%s\n' "$pid"
    return 0
}

_bench_wait_socket() {
    local socket="$1" pid="$2" what="$3" log="$4" i
    for ((i = 0; i < 100; i++)); do
        [ -S "$socket" ] && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    tail -n 20 "$log" >&2 || true
    die "$what did not start (log: $log)"
}

# SIGTERM, up to 10 s, then SIGKILL; returns once PID is gone.
_bench_kill() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

bench_pressgate_start() {
    local run="$1" socket="$2" threads="$3" pid
    rm -f "$socket"
    setsid "$PRESSGATE_ROOT/.build/release/pressgate" serve --listen "unix:$socket" --threads "$threads" \
        < /dev/null >> "$run/pressgate.log" 2>&1 &
    pid=$!
    echo "$pid" > "$run/pressgate.pid"
    _bench_wait_socket "$socket" "$pid" "pressgate serve" "$run/pressgate.log"
    log "pressgate: serving (pid $pid, $threads threads, socket $socket)"
}

bench_pressgate_stop() {
    local pid
    pid="$(_bench_pid "$1/pressgate.pid" pressgate)"
    [ -n "$pid" ] || return 0
    _bench_kill "$pid"
    rm -f "$1/pressgate.pid"
    log "pressgate: stopped (pid $pid)"
}

bench_php_fpm_start() {
    local run="$1" socket="$2" children="$3" pid
    [ -x "$PHP_FPM_BIN" ] || die "php-fpm not found (scripts/install-deps --bench installs it)"
    sed -e "s|@RUN_DIR@|$run|g" -e "s|@PHP_SOCKET@|$socket|g" -e "s|@CHILDREN@|$children|g" \
        "$BENCH_DIR/php-fpm.conf.template" > "$run/php-fpm.conf"
    rm -f "$socket"
    # -R: the pool runs as root, like the bench's nginx workers, to reach the private run folder.
    setsid "$PHP_FPM_BIN" --nodaemonize -R -y "$run/php-fpm.conf" < /dev/null >> "$run/php-fpm.out" 2>&1 &
    pid=$!
    echo "$pid" > "$run/php-fpm.master.pid"
    _bench_wait_socket "$socket" "$pid" "php-fpm" "$run/php-fpm.log"
    log "php-fpm: serving (pid $pid, $children workers, socket $socket)"
}

bench_php_fpm_stop() {
    local pid
    pid="$(_bench_pid "$1/php-fpm.master.pid" "$(basename "$PHP_FPM_BIN")")"
    [ -n "$pid" ] || return 0
    # SIGQUIT: graceful stop; the master stops its workers.
    kill -QUIT "$pid" 2>/dev/null || true
    _bench_kill "$pid"
    rm -f "$1/php-fpm.master.pid"
    log "php-fpm: stopped (pid $pid)"
}

bench_nginx_start() {
    local run="$1" port="$2" pg_socket="$3" php_socket="$4" root="$5" pid i dir
    for dir in "${_nginx_temp_dirs[@]}"; do mkdir -p "$run/tmp/$dir"; done
    sed -e "s|@RUN_DIR@|$run|g" -e "s|@PORT@|$port|g" -e "s|@PRESSGATE_SOCKET@|$pg_socket|g" \
        -e "s|@PHP_SOCKET@|$php_socket|g" -e "s|@DOC_ROOT@|$root|g" "$BENCH_DIR/nginx.conf.template" > "$run/nginx.conf"
    ! grep -q '@[A-Z_]*@' "$run/nginx.conf" || die "nginx: placeholder left in $run/nginx.conf"
    "$NGINX_BIN" -t -q -p "$run/" -c "$run/nginx.conf" > "$run/nginx-test.log" 2>&1 \
        || { cat "$run/nginx-test.log" >&2; die "nginx: configuration test failed ($run/nginx.conf)"; }
    "$NGINX_BIN" -p "$run/" -c "$run/nginx.conf" < /dev/null > "$run/nginx-start.log" 2>&1 \
        || { cat "$run/nginx-start.log" >&2; die "nginx: failed to start ($run/nginx.conf)"; }
    for ((i = 0; i < 100; i++)); do
        pid="$(_nginx_pid "$run")"
        if [ -n "$pid" ] && curl --noproxy '*' -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/static/file.txt"; then
            log "nginx: running (pid $pid, http://127.0.0.1:$port/)"
            return 0
        fi
        sleep 0.1
    done
    die "nginx: no answer on 127.0.0.1:$port (log: $run/error.log)"
}

# utime + stime of PID and its children (nginx and php-fpm workers), in clock ticks, plus cutime +
# cstime: the CPU of children that have exited and been waited for (the sendmail command pressgate
# runs for each welcome e-mail in the purchase-hook measurement).
_bench_ticks() {
    local pid="$1" total=0 p stat fields
    [ -n "$pid" ] || { echo 0; return; }
    for p in "$pid" $(pgrep -P "$pid" || true); do
        stat="$(cat "/proc/$p/stat" 2>/dev/null)" || continue
        # Fields after "(comm) ": state is the 1st, utime the 12th, stime the 13th, cutime and
        # cstime the 14th and 15th.
        read -r -a fields <<< "${stat##*) }"
        total=$(( total + fields[11] + fields[12] + fields[13] + fields[14] ))
    done
    echo "$total"
}

# CPU milliseconds used so far by nginx (master + workers), php-fpm (master + workers), pressgate
# (all threads) and mariadbd, on one line. Differences of two readings are what a run cost.
bench_cpu_ms() {
    local nginx php pg db
    nginx="$(_bench_ticks "$(_nginx_pid "$BENCH_RUN")")"
    php="$(_bench_ticks "$(_bench_pid "$BENCH_RUN/php-fpm.master.pid" "$(basename "$PHP_FPM_BIN")")")"
    pg="$(_bench_ticks "$(_bench_pid "$BENCH_RUN/pressgate.pid" pressgate)")"
    db="$(_bench_ticks "$(_mariadb_pid "$BENCH_DB")")"
    echo "$(( nginx * 1000 / CLOCK_TICKS )) $(( php * 1000 / CLOCK_TICKS )) $(( pg * 1000 / CLOCK_TICKS )) $(( db * 1000 / CLOCK_TICKS ))"
}

# MariaDB's counters so far, on one line: statements executed for clients (Questions; the reading
# itself adds one) and InnoDB's fsyncs (Innodb_data_fsyncs: the redo log's at each commit that
# wrote — concurrent commits can share one, a group commit — plus the data files').
bench_sql_statements() {
    echo "SELECT (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'),
                 (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_DATA_FSYNCS')" \
        | mariadb_sql "$BENCH_DB" "" -N | tr '\t' ' '
}

# The purchase hook queues a welcome e-mail per new member; pressgate's outbox worker sends them
# (one thread, one at a time, oldest first) and may still be busy when wrk stops. Waits (at most 5
# minutes) until none is pending and prints how many milliseconds that took, so the measurement's
# CPU includes the delivery of every e-mail it queued. The polling must cost MariaDB next to
# nothing: it watches the newest e-mail by its primary key, and counts the pending ones (a scan
# of the outbox) only once that one is sent.
bench_outbox_wait() {
    local db_dir="$1" database="$2" started status i
    started="$(date +%s%N)"
    for ((i = 0; i < 1200; i++)); do
        # Backwards along the primary key to the first e-mail (e-mail and CRM rows alternate).
        status="$(echo "SELECT status FROM wp_pressgate_outbox WHERE kind = 'email' ORDER BY id DESC LIMIT 1" \
            | mariadb_sql "$db_dir" "$database" -N)"
        if [ "$status" != pending ] && [ "$(echo "SELECT COUNT(*) FROM wp_pressgate_outbox WHERE kind = 'email' AND status = 'pending'" \
                                            | mariadb_sql "$db_dir" "$database" -N)" = 0 ]; then
            echo $(( ($(date +%s%N) - started) / 1000000 ))
            return 0
        fi
        sleep 0.25
    done
    die "outbox: welcome e-mails still pending after 5 minutes (log: $BENCH_RUN/pressgate.log)"
}

# One wrk run with bench/wrk.lua; its key<TAB>value results go to OUT. The BENCH_* variables of
# wrk.lua (members, password, origin, cookie) come from the caller's environment.
bench_wrk() {
    local out="$1" kind="$2" url="$3" connections="$4" seconds="$5" threads=2
    [ "$connections" -ge "$threads" ] || threads="$connections"
    rm -f "$out"
    BENCH_KIND="$kind" BENCH_OUT="$out" BENCH_THREADS="$threads" wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout 10s \
        -s "$BENCH_DIR/wrk.lua" "$url" > "$out.wrk.log" 2>&1 \
        || { cat "$out.wrk.log" >&2; die "wrk failed ($kind $url)"; }
    [ -s "$out" ] || { cat "$out.wrk.log" >&2; die "wrk wrote no results ($kind $url)"; }
}
