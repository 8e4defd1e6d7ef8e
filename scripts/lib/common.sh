# Shared by the scripts in scripts/: where things are, and small helpers. Source it, do not run it.
set -euo pipefail

PRESSGATE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PRESSGATE_ROOT
# Run-time state (databases, sockets, logs of the demo) lives here and is never committed.
PRESSGATE_RUN_DIR="${PRESSGATE_RUN_DIR:-$PRESSGATE_ROOT/.run}"
export PRESSGATE_RUN_DIR

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Swift lives in /opt/swift on these machines; make sure it is on PATH for non-login shells.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || die "swift is not installed (expected /opt/swift/usr/bin/swift)"
