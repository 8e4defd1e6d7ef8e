# A private nginx in front of `pressgate serve` for tests and the demo: own config, pid file, logs
# and temp folders in RUN_DIR, listening only on 127.0.0.1:PORT. The system nginx service is never
# used. Source it after common.sh; do not run it.
#
#   nginx_start RUN_DIR PORT SOCKET DOC_ROOT   RUN_DIR/nginx.conf from nginx/pressgate.conf.template,
#                                              FastCGI to unix:SOCKET; DOC_ROOT gets sample pages
#                                              (index.html, members/, wp-content/uploads/members/)
#                                              when it is missing or empty
#   nginx_stop RUN_DIR
#
# Like the MariaDB servers, each nginx is stopped by the pid in its own pid file, never by name.

NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"
# Seconds to wait for 127.0.0.1:PORT to answer after starting, and for nginx to exit after SIGTERM.
NGINX_START_TIMEOUT="${NGINX_START_TIMEOUT:-10}"
NGINX_STOP_TIMEOUT="${NGINX_STOP_TIMEOUT:-10}"

_nginx_temp_dirs=(client_body fastcgi proxy uwsgi scgi)

# True while PID runs. An exited nginx has no parent but init, which may take seconds to reap it:
# a zombie counts as gone.
_nginx_alive() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    [ "${stat%% *}" != Z ]
}

# The pid of the nginx master running from RUN_DIR, or nothing. Checks that the pid is really an
# nginx, so a stale pid file whose number was reused is never signalled.
_nginx_pid() {
    local pidfile="$1/nginx.pid" pid
    [ -s "$pidfile" ] || return 0
    pid="$(tr -dc 0-9 < "$pidfile")"
    [ -n "$pid" ] && _nginx_alive "$pid" || return 0
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = nginx ] || return 0
    printf '%s\n' "$pid"
}

# Paths go into nginx.conf unquoted and into a sed replacement; keep them plain.
_nginx_check_path() {
    [[ "$2" =~ ^/[A-Za-z0-9._/+-]*$ ]] || die "nginx: $1 must be an absolute path of [A-Za-z0-9._/+-]: $2"
}

# Pages to try the gate with, only in an empty or missing doc root: a real one is left alone.
_nginx_sample_doc_root() {
    local root="$1"
    if [ -d "$root" ] && [ -n "$(ls -A "$root")" ]; then
        return 0
    fi
    mkdir -p "$root/members" "$root/wp-content/uploads/members"
    printf '<!doctype html><title>PressGate demo</title><p>Public page.</p>\n' > "$root/index.html"
    printf '<!doctype html><title>Members</title><p>Members only.</p>\n' > "$root/members/index.html"
    printf 'A file for members who hold the product "members".\n' > "$root/wp-content/uploads/members/file.txt"
}

_nginx_log_tail() {
    [ -f "$1/error.log" ] && { printf -- '--- last lines of %s:\n' "$1/error.log" >&2; tail -n 20 "$1/error.log" >&2; }
    return 0
}

nginx_start() {
    [ $# -eq 4 ] || die "usage: nginx_start RUN_DIR PORT SOCKET DOC_ROOT"
    local run port="$2" socket="$3" root template pid i
    [[ "$port" =~ ^[0-9]{1,5}$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "nginx: bad port: $port"
    _nginx_check_path socket "$socket"
    # sun_path holds 108 bytes including the NUL.
    [ ${#socket} -le 107 ] || die "nginx: socket path too long for a unix socket (${#socket} > 107): $socket"
    [ -x "$NGINX_BIN" ] || die "nginx: $NGINX_BIN not found (is the nginx package installed?)"
    template="$PRESSGATE_ROOT/nginx/pressgate.conf.template"
    mkdir -p "$1"
    run="$(cd "$1" && pwd)"
    _nginx_check_path RUN_DIR "$run"
    _nginx_sample_doc_root "$4"
    root="$(cd "$4" && pwd)"
    _nginx_check_path DOC_ROOT "$root"

    local sed_args=(-e "s|@RUN_DIR@|$run|g" -e "s|@PORT@|$port|g" -e "s|@SOCKET@|$socket|g" -e "s|@DOC_ROOT@|$root|g")
    # Not root: nginx cannot switch users, and `user` would only earn a warning.
    [ "$(id -u)" = 0 ] || sed_args+=(-e '/^user /d')
    sed "${sed_args[@]}" "$template" > "$run/nginx.conf.new"
    ! grep -q '@[A-Z_]*@' "$run/nginx.conf.new" || die "nginx: placeholder left in $run/nginx.conf.new"

    pid="$(_nginx_pid "$run")"
    if [ -n "$pid" ]; then
        # Already running: fine if it is the same site, an error if the caller wants another one.
        if cmp -s "$run/nginx.conf.new" "$run/nginx.conf"; then
            rm -f "$run/nginx.conf.new"
            return 0
        fi
        rm -f "$run/nginx.conf.new"
        die "nginx: already running in $run (pid $pid) with another configuration; nginx_stop it first"
    fi
    mv "$run/nginx.conf.new" "$run/nginx.conf"
    local dir
    for dir in "${_nginx_temp_dirs[@]}"; do mkdir -p "$run/tmp/$dir"; done

    # -t first: a bad config is reported with nginx's own message, and nothing is started.
    "$NGINX_BIN" -t -q -p "$run/" -c "$run/nginx.conf" > "$run/nginx-test.log" 2>&1 \
        || { cat "$run/nginx-test.log" >&2; die "nginx: configuration test failed ($run/nginx.conf)"; }
    rm -f "$run/nginx.pid"
    # nginx daemonizes (its own session, stdio on /dev/null) once it has bound the port, so a
    # busy port or a bad path fails here, with its message on stderr.
    "$NGINX_BIN" -p "$run/" -c "$run/nginx.conf" < /dev/null > "$run/nginx-start.log" 2>&1 \
        || { cat "$run/nginx-start.log" >&2; die "nginx: failed to start ($run/nginx.conf)"; }

    for ((i = 0; i < NGINX_START_TIMEOUT * 10; i++)); do
        pid="$(_nginx_pid "$run")"
        [ -n "$pid" ] || [ ! -s "$run/nginx.pid" ] || { _nginx_log_tail "$run"; die "nginx: exited during start-up (log: $run/error.log)"; }
        # Any HTTP answer will do; --noproxy: an http_proxy in the environment must not see this.
        if [ -n "$pid" ] && curl --noproxy '*' -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
            log "nginx: running (pid $pid, http://127.0.0.1:$port/, FastCGI unix:$socket)"
            return 0
        fi
        sleep 0.1
    done
    _nginx_log_tail "$run"
    pid="$(_nginx_pid "$run")"
    [ -n "$pid" ] && _nginx_kill "$pid"
    die "nginx: no answer on 127.0.0.1:$port after ${NGINX_START_TIMEOUT}s (log: $run/error.log)"
}

# SIGTERM (fast shutdown), wait up to NGINX_STOP_TIMEOUT, then SIGKILL the master and its workers:
# workers do not die with a killed master.
_nginx_kill() {
    local pid="$1" workers i
    workers="$(pgrep -P "$pid" || true)"
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < NGINX_STOP_TIMEOUT * 10; i++)); do
        _nginx_alive "$pid" || return 0
        sleep 0.1
    done
    log "nginx: pid $pid did not exit within ${NGINX_STOP_TIMEOUT}s; killing it"
    # shellcheck disable=SC2086 # one pid per word
    kill -KILL "$pid" $workers 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        _nginx_alive "$pid" || return 0
        sleep 0.1
    done
}

nginx_stop() {
    local run pid
    [ -n "${1:-}" ] || die "nginx_stop: no directory given"
    [ -d "$1" ] || return 0
    run="$(cd "$1" && pwd)"
    pid="$(_nginx_pid "$run")"
    [ -n "$pid" ] || return 0
    _nginx_kill "$pid"
    rm -f "$run/nginx.pid"
    log "nginx: stopped (pid $pid)"
}
