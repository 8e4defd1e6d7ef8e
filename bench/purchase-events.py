#!/usr/bin/env python3
"""Pre-signed purchase events for scripts/bench's purchase-hook measurement, one per line:

    webhook-id <TAB> webhook-timestamp <TAB> webhook-signature <TAB> body

    python3 bench/purchase-events.py SETTINGS_FILE OUT TAG COUNT

Each event is a Standard Webhooks `purchase.completed` (as scripts/send-purchase builds it) for a new
buyer, buyer-TAG-<n>@bench.example (n = 1 … COUNT), order bench-TAG-<n>, product "course", signed
now with the first secret of `webhook_secrets` in SETTINGS_FILE (read from the file, so it is never
on a command line or in the environment). TAG must be letters, digits and dashes, and unique per
measurement: the e-mails are what the bench counts in wp_users afterwards. wrk.lua sends each line
once. Writes about 100,000 events a second.
"""
import base64
import hashlib
import hmac
import os
import re
import sys
import time

if len(sys.argv) != 5:
    sys.exit(__doc__)
settings, out, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if not re.fullmatch(r"[A-Za-z0-9-]+", tag) or count < 1:
    sys.exit("purchase-events.py: TAG must be letters, digits and dashes, COUNT positive")

secret = None
with open(settings) as f:
    for line in f:
        key, _, value = line.partition("=")
        if key.strip() == "webhook_secrets":
            secret = re.split(r"[ ,]+", value.strip())[0]
if not secret:
    sys.exit(f"purchase-events.py: no webhook_secrets in {settings}")
key = base64.b64decode(secret.removeprefix("whsec_"))

timestamp = str(int(time.time()))
# The id only needs to be unique per sender; a random prefix keeps runs apart.
prefix = f"msg_{os.urandom(6).hex()}_{tag}_"
lines = []
for n in range(1, count + 1):
    event_id = f"{prefix}{n}"
    body = (f'{{"type":"purchase.completed","order":"bench-{tag}-{n}",'
            f'"email":"buyer-{tag}-{n}@bench.example","products":["course"]}}')
    mac = hmac.new(key, f"{event_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    lines.append(f"{event_id}\t{timestamp}\tv1,{base64.b64encode(mac).decode()}\t{body}\n")
with open(out, "w") as f:
    f.writelines(lines)
