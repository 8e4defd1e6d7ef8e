# The local SMTP sink (scripts/smtp-sink.py) for the demo and the tests: 127.0.0.1:PORT only, every
# message stored as a file in DIR/mail, stopped by its pid. Source after common.sh.
#   smtp_start DIR PORT    (idempotent)
#   smtp_stop DIR

_smtp_pid() {
    local pid
    [ -s "$1/smtp.pid" ] || return 0
    pid="$(tr -dc 0-9 < "$1/smtp.pid")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q smtp-sink "/proc/$pid/cmdline" 2>/dev/null && printf '%s\n' "$pid"
    return 0
}

smtp_start() {
    local dir="$1" port="$2" i
    mkdir -p "$dir/mail"
    [ -n "$(_smtp_pid "$dir")" ] && return 0
    # Debian's python3, where python3-aiosmtpd is installed (another python3 may come first on PATH).
    rm -f "$dir/smtp.ready"
    setsid /usr/bin/python3 "$PRESSGATE_ROOT/scripts/smtp-sink.py" "$dir/mail" "$port" "$dir/smtp.ready" < /dev/null > "$dir/smtp.log" 2>&1 &
    echo $! > "$dir/smtp.pid"
    # Ready when our sink says it is bound (a listener on the port could be another process's).
    for ((i = 0; i < 100; i++)); do
        if [ -e "$dir/smtp.ready" ]; then log "smtp sink: listening on 127.0.0.1:$port, messages in $dir/mail"; return 0; fi
        kill -0 "$(cat "$dir/smtp.pid")" 2>/dev/null || break
        sleep 0.1
    done
    rm -f "$dir/smtp.pid"
    cat "$dir/smtp.log" >&2
    die "smtp sink did not start (log: $dir/smtp.log)"
}

smtp_stop() {
    local pid i
    pid="$(_smtp_pid "$1")"
    [ -n "$pid" ] || return 0
    kill -TERM "$pid"
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$1/smtp.pid"
    log "smtp sink: stopped (pid $pid)"
}
