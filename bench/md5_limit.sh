#!/bin/sh
# md5_limit.sh - theoretical limit for a phpass ($P$B...) check on this CPU:
# the cost of the MD5 compression function alone, with no per-call overhead.
#
# `openssl speed` hashes 16 KiB buffers, so its throughput is pure block
# compression (256 blocks per call; init/padding/final amortised away).
# A phpass check with count char 'B' is 1 + 2^13 = 8193 MD5 calls.
# The first hashes salt.password (8 + len bytes), each of the other 8192 hashes
# h.password = 16 + len(password) bytes; with MD5 padding (0x80 + 8-byte
# length) that fits one 64-byte block while 16 + len <= 55, i.e. for passwords
# up to 39 bytes. So for such passwords a check is at least 8193 compressions:
#   ms per check = (64 bytes / throughput) * 8193
# (Longer passwords need more blocks per step; this limit does not cover them.)
#
# Flags (OpenSSL 3.0, Debian 12): -evp md5, -bytes N, -seconds N; -mr gives
# machine-readable output whose "+F:<n>:md5:<bytes per second>" line we parse.
# speed divides by user CPU time (not wall time) unless -elapsed is given.
#
# Output: one TSV line  md5-compression-limit  -  <ms per phpass check>  -
set -eu

out=$(openssl speed -mr -evp md5 -bytes 16384 -seconds 3 2>/dev/null)
bps=$(printf '%s\n' "$out" | awk -F: '$1 == "+F" && $3 == "md5" { print $4 }')
if [ -z "$bps" ]; then
    echo "md5_limit.sh: could not parse openssl speed output:" >&2
    printf '%s\n' "$out" >&2
    exit 1
fi

awk -v bps="$bps" 'BEGIN { printf "md5-compression-limit\t-\t%.4f\t-\n", 64 / bps * 8193 * 1000 }'
