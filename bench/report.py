#!/usr/bin/env python3
"""scripts/bench's report: medians of the raw rows, ratios PressGate : peer and PressGate : limit,
the issue's targets, and the side-by-side chart (gnuplot).

    python3 bench/report.py [--hash HASH.tsv] [--http HTTP.tsv [--chart OUT.png] [--mail cat|none]] [--cores N]

--mail says how the purchase-hook run delivered its welcome e-mails: cat (sendmail_command = /bin/cat,
the CPU includes sending them) or none (--no-mail: they stayed in the outbox).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
from collections import defaultdict

parser = argparse.ArgumentParser()
parser.add_argument("--hash")
parser.add_argument("--http")
parser.add_argument("--chart")
parser.add_argument("--mail", choices=("cat", "none"), default="cat")
parser.add_argument("--cores", type=int, default=os.cpu_count())
args = parser.parse_args()


def rows(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def fmt(value, digits=1):
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


targets = []  # (met, text)


def target(met, text):
    targets.append((met, text))


# --- 1. Hashing --------------------------------------------------------------------------------------
hash_ms = {}
if args.hash:
    hrows = rows(args.hash)
    labels = ["pressgate-phpass", "c-openssl-md5", "php-wordpress-phpass", "md5-compression-limit", "pressgate-wp-bcrypt"]
    print("1. Hashing: one check, single-threaded (medians)")
    print(f"{'what':<24}{'ms/check (median wall)':>24}{'ms/check (median cpu)':>24}{'runs':>6}")
    for label in labels:
        mine = [r for r in hrows if r["label"] == label]
        if not mine:
            continue
        wall = statistics.median(float(r["wall_ms"]) for r in mine)
        cpus = [float(r["cpu_ms"]) for r in mine if r["cpu_ms"] != "-"]
        cpu = statistics.median(cpus) if cpus else None
        hash_ms[label] = cpu if cpu is not None else wall
        print(f"{label:<24}{wall:>24.4f}{(f'{cpu:.4f}' if cpu is not None else '-'):>24}{len(mine):>6}")
    p = hash_ms["pressgate-phpass"]
    print()
    print(f"PressGate : C MD5 floor        {p / hash_ms['c-openssl-md5']:.3f}  (target: within 1.10)")
    print(f"PressGate : WordPress PHP      {p / hash_ms['php-wordpress-phpass']:.3f}")
    print(f"PressGate : MD5 physical limit {p / hash_ms['md5-compression-limit']:.3f}")
    target(p / hash_ms["c-openssl-md5"] <= 1.10,
           f"phpass check within 10 % of the C floor: {p:.3f} ms vs {hash_ms['c-openssl-md5']:.3f} ms "
           f"= {p / hash_ms['c-openssl-md5']:.3f}")
    print()

# --- 2.–4. Through nginx -----------------------------------------------------------------------------
SERVERS = ["cpu_nginx_ms", "cpu_php_ms", "cpu_pressgate_ms", "cpu_mariadb_ms"]
NAMES = {
    "login-pressgate": "login  PressGate",
    "login-wordpress": "login  WordPress",
    "static": "file   unprotected",
    "gate-pressgate": "file   PressGate gate",
    "gate-pressgate-uncached": "file   PressGate, no cache",
    "gate-wordpress": "file   WordPress gate",
    "purchase-pressgate": "PressGate purchase hook",
    "purchase-wordpress": "WordPress wp_insert_user",
}
medians = {}  # (part, scenario, connections) -> dict
if args.http:
    groups = defaultdict(list)
    for r in rows(args.http):
        groups[(r["part"], r["scenario"], int(r["connections"]))].append(r)
    for key, runs in groups.items():
        failed = [r for r in runs if int(r["unexpected"]) > 0 or int(r["socket_errors"]) > 0]
        # µs per response; a purchase run divides by the members it made (counted in wp_users: wrk
        # stops with requests in flight whose members the server made too).
        per_request = lambda r, col: int(r[col]) * 1000 / max(int(r.get("created") or 0) or int(r["requests"]), 1)
        m = {
            "runs": len(runs),
            "failed": failed,
            "members": runs[0]["members"],
            "rps": statistics.median(float(r["rps"]) for r in runs),
            "p50": statistics.median(float(r["p50_ms"]) for r in runs),
            "p99": statistics.median(float(r["p99_ms"]) for r in runs),
            "cpu": statistics.median(sum(per_request(r, c) for c in SERVERS) for r in runs),
        }
        for c in SERVERS:
            m[c] = statistics.median(per_request(r, c) for r in runs)
        m["sql"] = statistics.median(int(r["sql_statements"]) / max(int(r.get("created") or 0) or int(r["requests"]), 1) for r in runs)
        if "fsyncs" in runs[0]:
            m["fsyncs"] = statistics.median(int(r["fsyncs"]) / max(int(r.get("created") or 0) or int(r["requests"]), 1) for r in runs)
            m["drain"] = statistics.median(int(r["drain_ms"]) / 1000 for r in runs)
            # Welcome e-mails sent per second: the run's members over the time from wrk's start to the last e-mail.
            m["mails"] = statistics.median(int(r["created"]) / (int(r["seconds"]) + int(r["drain_ms"]) / 1000) for r in runs)
        medians[key] = m

    def show(part, title):
        keys = sorted((k for k in medians if k[0] == part), key=lambda k: (k[2], list(NAMES).index(k[1])))
        if not keys:
            return
        print(title)
        print(f"{'':<24}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU µs/req':>12}"
              f"{'nginx':>8}{'php-fpm':>9}{'pressgate':>10}{'mariadbd':>9}{'SQL/req':>8}{'runs':>5}  status")
        for k in keys:
            m = medians[k]
            status = "ok"
            if m["failed"]:
                statuses = ", ".join(r["statuses"] for r in m["failed"])
                status = f"FAILED: {len(m['failed'])} run(s) with unexpected answers or socket errors ({statuses})"
            print(f"{NAMES[k[1]]:<24}{k[2]:>6}{fmt(m['rps']):>10}{m['p50']:>9.2f}{m['p99']:>9.2f}{fmt(m['cpu']):>12}"
                  + "".join(f"{fmt(m[c]):>{w}}" for c, w in zip(SERVERS, (8, 9, 10, 9)))
                  + f"{m['sql']:>8.1f}{m['runs']:>5}  {status}")
        print()

    any_row = next(iter(medians.values()))
    print(f"2.-5. Through one nginx, {any_row['members']} members (all share one phpass hash of one password),")
    print(f"      medians of the rounds. CPU µs/req = CPU time of nginx + php-fpm + pressgate + mariadbd")
    print(f"      (from /proc, all their processes and threads) / responses; SQL/req = MariaDB statements")
    print(f"      (Questions) / responses; fsync = InnoDB fsyncs. The load generator (wrk, 2")
    print(f"      threads) runs on the same {args.cores} cores, so req/s is a lower bound; CPU/req is not affected.")
    print()
    show("login", "Login (valid logins, random members; PressGate 303 / wp-login.php 302, each with wordpress_logged_in_)")
    show("gate", "Gate (GET a 95-byte file: plain; behind PressGate's auth_request; behind WordPress's is_user_logged_in())")

    def m(part, scenario, c):
        v = medians.get((part, scenario, c))
        return v if v and not v["failed"] else None

    if any(k[0] in ("login", "gate") for k in medians):
        print("Ratios PressGate : peer and PressGate : limit (medians; > 1 means PressGate is higher)")
    for c in (4, 16):
        pg, wp = m("login", "login-pressgate", c), m("login", "login-wordpress", c)
        if pg and wp:
            print(f"  login   c={c:<3} throughput PressGate : WordPress {pg['rps'] / wp['rps']:6.1f}   "
                  f"CPU/login PressGate : WordPress {pg['cpu'] / wp['cpu']:.3f}")
    for c in (4, 16):
        pg, wp, st = m("gate", "gate-pressgate", c), m("gate", "gate-wordpress", c), m("gate", "static", c)
        if pg and wp:
            print(f"  gate    c={c:<3} throughput PressGate : WordPress {pg['rps'] / wp['rps']:6.1f}   "
                  f"CPU/request PressGate : WordPress {pg['cpu'] / wp['cpu']:.3f}")
        if pg and st:
            print(f"  gate    c={c:<3} throughput PressGate : unprotected {pg['rps'] / st['rps']:6.3f}   "
                  f"CPU/request PressGate : unprotected {pg['cpu'] / st['cpu']:.1f}")
    phpass = hash_ms.get("pressgate-phpass")
    limit = hash_ms.get("md5-compression-limit")
    for c in (4, 16):
        pg = m("login", "login-pressgate", c)
        if pg and phpass:
            print(f"  login   c={c:<3} CPU/login : one PressGate phpass check {pg['cpu'] / 1000 / phpass:.2f}"
                  + (f"   CPU/login : MD5 limit of one check {pg['cpu'] / 1000 / limit:.2f}" if limit else ""))
    if any(k[0] in ("login", "gate") for k in medians):
        print()

    # The targets (the closing note quotes these lines).
    pg16, wp16 = m("login", "login-pressgate", 16), m("login", "login-wordpress", 16)
    pg4 = m("login", "login-pressgate", 4)
    if pg4 and phpass:
        worst = max(x["cpu"] for x in (pg4, pg16) if x)
        target(worst / 1000 <= 1.25 * phpass,
               f"server CPU per login ≤ 1.25 × one phpass check: {worst / 1000:.3f} ms vs 1.25 × {phpass:.3f} ms "
               f"= {1.25 * phpass:.3f} ms ({worst / 1000 / phpass:.2f} × a check)")
    best_ratio = max((m("login", "login-pressgate", c)['rps'] / m("login", "login-wordpress", c)['rps']
                      for c in (4, 16) if m("login", "login-pressgate", c) and m("login", "login-wordpress", c)), default=None)
    if best_ratio is not None:
        target(best_ratio >= 10, f"login throughput ≥ 10 × WordPress's: {best_ratio:.1f} × (best of 4 and 16 connections)")
    gates = [m("gate", "gate-pressgate", c) for c in (4, 16)]
    gates = [g for g in gates if g]
    if gates:
        worst = max(g["cpu"] for g in gates)
        target(worst <= 100, f"gate ≤ 100 µs server CPU per protected request: {worst:.0f} µs")
        ratios = [m("gate", "gate-pressgate", c)["rps"] / m("gate", "static", c)["rps"]
                  for c in (4, 16) if m("gate", "gate-pressgate", c) and m("gate", "static", c)]
        if ratios:
            target(max(ratios) >= 0.25, f"protected static throughput ≥ 25 % of unprotected: {100 * max(ratios):.1f} %")
    uncached = [g for g in (m("gate", "gate-pressgate-uncached", c) for c in (4, 16)) if g]
    if uncached:
        worst = max(g["cpu"] for g in uncached)
        static_best = max((m("gate", "static", c)["rps"] for c in (4, 16) if m("gate", "static", c)), default=None)
        share = f", {100 * max(g['rps'] for g in uncached) / static_best:.1f} % of unprotected" if static_best else ""
        target(worst <= 100, f"(the same gate without its cache, gate_cache_seconds = 0: what a cookie's first request costs) "
                             f"{worst:.0f} µs server CPU{share}")
    purchase = sorted((k for k in medians if k[0] == "purchase"), key=lambda k: (list(NAMES).index(k[1]), k[2]))
    if purchase:
        print("4. Purchase hooks: new members per second (medians). PressGate: signed Standard Webhooks events")
        print("   through nginx, each sent once (pre-signed), each a new member + product + thank-you claim + welcome")
        print("   e-mail + CRM row in one transaction; every member counted in wp_users afterwards. WordPress has no")
        print("   purchase hook and no product: its peer is wp_insert_user() in php-cli loops (1 and 4 processes) on the")
        print("   same database, no HTTP, nothing granted: a generous peer. Durable commits on both sides")
        print("   (innodb_flush_log_at_trx_commit=1). CPU/member = nginx + pressgate + mariadbd (PressGate) or")
        print("   php-cli + mariadbd (WordPress) / members made." + (" PressGate's includes sending every welcome e-mail"
              " (to /bin/cat)." if args.mail == "cat" else " --no-mail: the e-mails stayed in the outbox (not in the CPU)."))
        print(f"{'':<26}{'conns':>6}{'members/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU µs/member':>14}{'nginx':>7}{'php':>7}"
              f"{'pressgate':>10}{'mariadbd':>9}{'SQL/m':>7}{'fsync/m':>8}{'mails/s':>8}{'runs':>5}  status")
        for k in purchase:
            v = medians[k]
            status = "ok"
            if v["failed"]:
                status = f"FAILED: {len(v['failed'])} run(s) with unexpected answers ({', '.join(r['statuses'] for r in v['failed'])})"
            conns = f"{k[2]}" if k[1] == "purchase-pressgate" else f"{k[2]}p"
            mails = fmt(v["mails"]) if k[1] == "purchase-pressgate" and args.mail == "cat" else "-"
            print(f"{NAMES[k[1]]:<26}{conns:>6}{fmt(v['rps']):>10}{v['p50']:>9.2f}{v['p99']:>9.2f}{fmt(v['cpu']):>14}"
                  + "".join(f"{fmt(v[c]):>{w}}" for c, w in zip(SERVERS, (7, 7, 10, 9)))
                  + f"{v['sql']:>7.1f}{v['fsyncs']:>8.1f}{mails:>8}{v['runs']:>5}  {status}")
        print("   conns: PressGate's wrk connections, or WordPress's php-cli processes (p); p50/p99 of WordPress: one")
        print("   wp_insert_user() call; mails/s: welcome e-mails sent per second from wrk's start to the last one.")
        print()
        for c in (4, 16):
            pg = m("purchase", "purchase-pressgate", c)
            for p in (1, 4):
                wp = m("purchase", "purchase-wordpress", p)
                if pg and wp:
                    print(f"  purchase c={c:<3} vs {p} php-cli  members/s PressGate : WordPress {pg['rps'] / wp['rps']:5.2f}   "
                          f"CPU/member PressGate : WordPress {pg['cpu'] / wp['cpu']:.3f}")
        print()
        best = max((m("purchase", "purchase-pressgate", c)["rps"] for c in (4, 16) if m("purchase", "purchase-pressgate", c)), default=None)
        if best is not None:
            target(best >= 300, f"purchase: ≥ 300 new members per second with durable commits: {best:,.0f}/s "
                                f"(best of 4 and 16 connections; " + ("welcome e-mails sent meanwhile" if args.mail == "cat"
                                                                       else "--no-mail: no e-mail delivery") + ")")
    if any(k[0].startswith("scale-") for k in medians):
        print("5. Scale: PressGate with 1,000 vs 1,000,000 members in the tables (4 connections, medians)")
        print(f"{'':<24}{'members':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU µs/req':>12}{'mariadbd':>9}{'SQL/req':>8}  status")
        for scenario, what in (("login-pressgate", "login"), ("gate-pressgate-uncached", "gate (no cache)")):
            by_members = {}
            for k, v in medians.items():
                if k[0].startswith("scale-") and k[1] == scenario:
                    by_members[int(v["members"])] = v
            for count in sorted(by_members):
                v = by_members[count]
                status = "ok" if not v["failed"] else "FAILED"
                print(f"{NAMES[scenario]:<24}{count:>10,}{fmt(v['rps']):>10}{v['p50']:>9.2f}{v['p99']:>9.2f}"
                      f"{fmt(v['cpu']):>12}{fmt(v['cpu_mariadb_ms']):>9}{v['sql']:>8.1f}  {status}")
            if len(by_members) == 2 and not any(v["failed"] for v in by_members.values()):
                small, large = (by_members[c] for c in sorted(by_members))
                target(large["p50"] <= 1.10 * small["p50"],
                       f"scale: {what} p50 with 1 M members within 10 % of 1 k: "
                       f"{large['p50']:.2f} ms vs {small['p50']:.2f} ms ({large['p50'] / small['p50']:.2f} ×)")
        print()

print("Targets of issue 7")
for met, text in targets:
    print(f"  [{'met ' if met else 'MISS'}] {text}")
if not any(k[0] == "purchase" for k in medians):
    print("  [n/a ] purchase hooks: not run (scripts/bench without --only hash, or --only purchase)")
if not any(k[0].startswith("scale-") for k in medians):
    print("  [n/a ] scale 1 k vs 1 M members: not run (scripts/bench without --no-scale)")
print()


# --- Chart -------------------------------------------------------------------------------------------
def chart(path):
    if not shutil.which("gnuplot"):
        print("no gnuplot: no chart", file=sys.stderr)
        return
    base = path[: -len(".png")] if path.endswith(".png") else path
    c = 16 if any(k[2] == 16 for k in medians) else 4

    def val(scenario, key, conns=None):
        part = scenario.split("-")[0] if scenario.startswith(("login", "purchase")) else "gate"
        v = medians.get((part, scenario, conns or c))
        return f"{v[key]:.3f}" if v and not v["failed"] else "-"

    with open(base + ".dat", "w") as f:
        f.write("# what\tPressGate\tWordPress\tunprotected\n")
        for key in ("cpu", "rps"):
            f.write(f"Login\t{val('login-pressgate', key)}\t{val('login-wordpress', key)}\t-\n")
            f.write(f"\"Protected file\"\t{val('gate-pressgate', key)}\t{val('gate-wordpress', key)}\t{val('static', key)}\n")
            # WordPress's peer: wp_insert_user() in php-cli, 4 processes beside 16 connections, 1 beside 4.
            f.write(f"\"New member\"\t{val('purchase-pressgate', key)}"
                    f"\t{val('purchase-wordpress', key, 4 if c == 16 else 1)}\t-\n")
            f.write("\n\n")
        f.write("# phpass check, ms CPU\n")
        for label, name in (("pressgate-phpass", "PressGate"), ("c-openssl-md5", "C floor"),
                            ("php-wordpress-phpass", "WordPress"), ("md5-compression-limit", "MD5 limit")):
            if label in hash_ms:
                f.write(f"\"{name}\"\t{hash_ms[label]:.4f}\n")
    panels = 3 if hash_ms else 2
    script = f"""
set terminal pngcairo size {480 * panels},460 font ",10"
set output "{path}"
set datafile separator "\\t"
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key outside top center horizontal
set tmargin 6
set multiplot layout 1,{panels} title "PressGate vs WordPress 6.1 (php-fpm), same nginx and MariaDB, {c} connections, {args.cores} shared cores"
set logscale y
set format y "%g"
set yrange [1:*]
set title "Server CPU per request (µs, log scale; lower is better)"
plot "{base}.dat" index 0 using 2:xtic(1) title "PressGate" lc rgb "#1b7837", \\
     "" index 0 using 3 title "WordPress" lc rgb "#762a83", \\
     "" index 0 using 4 title "nginx, unprotected" lc rgb "#999999", \\
     "" index 0 using ($0-0.25):2:(sprintf("%.0f", $2)) with labels offset 0,0.7 notitle, \\
     "" index 0 using ($0):3:(sprintf("%.0f", $3)) with labels offset 0,0.7 notitle, \\
     "" index 0 using ($0+0.25):4:(sprintf("%.0f", $4)) with labels offset 0,0.7 notitle
set yrange [10:*]
set title "Requests per second (log scale; higher is better)"
plot "{base}.dat" index 1 using 2:xtic(1) title "PressGate" lc rgb "#1b7837", \\
     "" index 1 using 3 title "WordPress" lc rgb "#762a83", \\
     "" index 1 using 4 title "nginx, unprotected" lc rgb "#999999", \\
     "" index 1 using ($0-0.25):2:(sprintf("%.0f", $2)) with labels offset 0,0.7 notitle, \\
     "" index 1 using ($0):3:(sprintf("%.0f", $3)) with labels offset 0,0.7 notitle, \\
     "" index 1 using ($0+0.25):4:(sprintf("%.0f", $4)) with labels offset 0,0.7 notitle
"""
    if hash_ms:
        script += f"""
unset logscale y
set yrange [0:*]
set title "One phpass $P$B check (ms CPU; lower is better)"
set style histogram clustered gap 1
plot "{base}.dat" index 2 using 2:xtic(1) notitle lc rgb "#1b7837", \\
     "" index 2 using ($0):2:(sprintf("%.3f", $2)) with labels offset 0,0.7 notitle
"""
    script += "unset multiplot\n"
    with open(base + ".gp", "w") as f:
        f.write(script)
    result = subprocess.run(["gnuplot", base + ".gp"], capture_output=True, text=True)
    if result.returncode != 0:
        print(f"gnuplot failed: {result.stderr.strip()}", file=sys.stderr)
        return
    print(f"chart: {path}   (data {base}.dat, gnuplot script {base}.gp)")


if args.chart and medians:
    chart(args.chart)
