# A private MariaDB server for tests and the demo: own datadir, own unix socket, no TCP, no
# /etc/mysql. Source it after common.sh; do not run it.
#
#   mariadb_start DIR                                   DIR/data, DIR/mysqld.sock, .pid, .log
#   mariadb_stop DIR
#   mariadb_restart DIR                                 keeps the data
#   mariadb_sql DIR [DATABASE [CLIENT-ARGS...]]         SQL on stdin, as root over the socket
#   mariadb_create_database DIR NAME USER PASSWORD      utf8mb4 database + USER@localhost on it
#
# Every server is stopped by the pid in its own pid file, never by name, so several can run side
# by side (one per test run, one for the demo).

# Seconds to wait for the server to answer after starting, and to exit after SIGTERM.
MARIADB_START_TIMEOUT="${MARIADB_START_TIMEOUT:-60}"
MARIADB_STOP_TIMEOUT="${MARIADB_STOP_TIMEOUT:-30}"

# Options shared by mariadb-install-db (which bootstraps with mariadbd) and the server itself.
# WordPress's own charset and collation (reference §7.1), a small footprint (tests start several
# servers on a small machine), and a short lock wait so a deadlocked test fails fast instead of
# hanging for the default 50 s.
_mariadb_server_options=(
    --character-set-server=utf8mb4
    --collation-server=utf8mb4_unicode_520_ci
    --innodb-buffer-pool-size=64M
    --innodb-log-file-size=16M
    --innodb-lock-wait-timeout=5
)

# mariadbd refuses to run as root unless told to; install-db passes --user on its own.
_mariadb_user_option() {
    if [ "$(id -u)" = 0 ]; then printf -- '--user=root\n'; else printf -- '--user=%s\n' "$(id -un)"; fi
}

_mariadb_dir() {
    [ -n "${1:-}" ] || die "mariadb: no directory given"
    mkdir -p "$1"
    (cd "$1" && pwd)
}

# The pid of the server running in DIR, or nothing. Checks that the pid is really a mariadbd, so a
# stale pid file whose number was reused by another process is never signalled.
_mariadb_pid() {
    local pidfile="$1/mysqld.pid" pid
    [ -s "$pidfile" ] || return 0
    pid="$(tr -dc 0-9 < "$pidfile")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = mariadbd ] || return 0
    printf '%s\n' "$pid"
}

_mariadb_log_tail() {
    [ -f "$1/mysqld.log" ] && { printf -- '--- last lines of %s:\n' "$1/mysqld.log" >&2; tail -n 20 "$1/mysqld.log" >&2; }
    return 0
}

mariadb_start() {
    local dir pid socket i launched
    dir="$(_mariadb_dir "${1:-}")"
    socket="$dir/mysqld.sock"
    # sun_path holds 108 bytes including the NUL; a longer path fails with an obscure bind error.
    [ ${#socket} -le 107 ] || die "mariadb: socket path too long for a unix socket (${#socket} > 107): $socket"
    pid="$(_mariadb_pid "$dir")"
    if [ -n "$pid" ]; then
        return 0
    fi

    if [ ! -d "$dir/data/mysql" ]; then
        log "mariadb: creating datadir $dir/data"
        rm -rf "$dir/data"
        mariadb-install-db --no-defaults --datadir="$dir/data" --auth-root-authentication-method=normal \
            --skip-test-db "${_mariadb_server_options[@]}" > "$dir/install.log" 2>&1 \
            || { tail -n 20 "$dir/install.log" >&2; die "mariadb: mariadb-install-db failed (log: $dir/install.log)"; }
    fi

    # A crashed server leaves its socket and pid file behind; mariadbd would refuse the socket.
    rm -f "$socket" "$dir/mysqld.pid"
    # setsid: the server must not share the caller's process group, so a Ctrl-C or a job-control
    # kill aimed at the calling script does not take it down half-way; it is stopped by its pid.
    # --wait: when setsid has to fork (caller with job control), $! still lives exactly as long as
    # the server, which the loop below relies on to notice a failed start.
    setsid --wait mariadbd --no-defaults "$(_mariadb_user_option)" --datadir="$dir/data" --socket="$socket" \
        --pid-file="$dir/mysqld.pid" --skip-networking --log-error="$dir/mysqld.log" \
        "${_mariadb_server_options[@]}" < /dev/null > /dev/null 2>&1 &
    launched=$!

    for ((i = 0; i < MARIADB_START_TIMEOUT * 10; i++)); do
        if [ -S "$socket" ] && mariadb --no-defaults --socket="$socket" --user=root \
                --connect-timeout=2 -e 'SELECT 1' > /dev/null 2>&1; then
            [ -n "$(_mariadb_pid "$dir")" ] || die "mariadb: server answers on $socket but $dir/mysqld.pid names no running mariadbd"
            log "mariadb: running (pid $(_mariadb_pid "$dir"), socket $socket)"
            return 0
        fi
        # Stop waiting as soon as the server has died (bad option, datadir in use, ...).
        if ! kill -0 "$launched" 2>/dev/null && [ -z "$(_mariadb_pid "$dir")" ]; then
            _mariadb_log_tail "$dir"
            die "mariadb: server exited during start-up (log: $dir/mysqld.log)"
        fi
        sleep 0.1
    done
    _mariadb_log_tail "$dir"
    # Do not leave a half-started server behind. It may not have written its pid file yet (it
    # retries a locked datadir for 30 s), so stop it by the pid it was started with: $! is
    # mariadbd itself, or setsid waiting for it when setsid had to fork.
    pid="$(_mariadb_pid "$dir")"
    if [ -z "$pid" ] && [ "$(cat "/proc/$launched/comm" 2>/dev/null)" = mariadbd ]; then
        pid="$launched"
    elif [ -z "$pid" ]; then
        pid="$(pgrep -P "$launched" -x mariadbd || true)"
    fi
    [ -n "$pid" ] && _mariadb_kill "$pid"
    die "mariadb: no answer on $socket after ${MARIADB_START_TIMEOUT}s; stopped it (log: $dir/mysqld.log)"
}

# SIGTERM, wait up to MARIADB_STOP_TIMEOUT, then SIGKILL. Returns once PID has exited.
_mariadb_kill() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < MARIADB_STOP_TIMEOUT * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "mariadb: pid $pid did not exit within ${MARIADB_STOP_TIMEOUT}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
}

mariadb_stop() {
    local dir pid
    [ -n "${1:-}" ] || die "mariadb_stop: no directory given"
    [ -d "$1" ] || return 0
    dir="$(cd "$1" && pwd)"
    pid="$(_mariadb_pid "$dir")"
    [ -n "$pid" ] || return 0
    _mariadb_kill "$pid"
    # SIGKILL leaves these behind; the next start would trip over the socket.
    rm -f "$dir/mysqld.pid" "$dir/mysqld.sock"
    log "mariadb: stopped (pid $pid)"
}

mariadb_restart() {
    mariadb_stop "${1:-}"
    mariadb_start "${1:-}"
}

# SQL on stdin, as root over DIR's socket. Extra arguments after DATABASE go to the client (for
# example -N to leave out column names).
mariadb_sql() {
    local dir="${1:-}" database="${2:-}"
    [ -n "$dir" ] || die "mariadb_sql: no directory given"
    shift $(( $# >= 2 ? 2 : $# ))
    local args=(--no-defaults --socket="$dir/mysqld.sock" --user=root)
    [ -n "$database" ] && args+=(--database="$database")
    mariadb "${args[@]}" "$@"
}

# A single-quoted SQL string literal: backslash and quote escaped (MariaDB's default sql_mode
# treats backslash as an escape character).
_mariadb_quote() {
    local s="${1//\\/\\\\}"
    printf "'%s'" "${s//\'/\'\'}"
}

mariadb_create_database() {
    local dir="${1:-}" name="${2:-}" user="${3:-}" password="${4:-}"
    [ $# -eq 4 ] || die "usage: mariadb_create_database DIR NAME USER PASSWORD"
    # Names go into SQL identifiers unquoted by anything but backquotes; keep them plain.
    [[ "$name" =~ ^[A-Za-z0-9_]{1,64}$ ]] || die "mariadb_create_database: database name must be [A-Za-z0-9_], at most 64: $name"
    [[ "$user" =~ ^[A-Za-z0-9_]{1,80}$ ]] || die "mariadb_create_database: user name must be [A-Za-z0-9_], at most 80: $user"
    [ -n "$password" ] || die "mariadb_create_database: empty password"
    # In GRANT, '_' in a database name is a wildcard; escape it so the grant covers only NAME.
    local grant_name="${name//_/\\_}" account
    account="$(_mariadb_quote "$user")@'localhost'"
    # The password travels on stdin, never on a command line that ps could show.
    mariadb_sql "$dir" <<SQL
CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER IF NOT EXISTS $account IDENTIFIED BY $(_mariadb_quote "$password");
ALTER USER $account IDENTIFIED BY $(_mariadb_quote "$password");
GRANT ALL PRIVILEGES ON \`$grant_name\`.* TO $account;
SQL
}
