#!/usr/bin/env bash
# Measures issue 12's import and slow-client targets (docs/PERFORMANCE.md):
#   `maille places import` of 20,000 and 200,000 synthetic rows on SQLite and
#   PostgreSQL (time and peak RSS), and of a 1 GB sparse file and a 1 GB file
#   of refused rows; the same through the staff import page (time, peak RSS of
#   the server, size of the report page) for 120,000 rows (62 MB, under the
#   page's 64 MB limit), 63 MB of tiny JSON
#   objects and a 50 MB one-line CSV; then slow clients (headers a byte every
#   4 s): how many stay open, and the server's RSS.
# Loopback only. Needs curl, python3, GNU time and the local PostgreSQL:
#   apt-get install curl time
# Usage: benches/load/imports.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
pg="${MAILLE_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
work=$(mktemp -d /tmp/maille-imports.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/maille"
port=18191
measured() { /usr/bin/time -f "%e s, peak RSS %M kB" "$@" 2>&1 >/dev/null | tail -n 1; }
peak_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -r), commit $(git rev-parse --short HEAD)"
"$bin" places generate --count 20000 --seed 2026 --output "$work/20k.csv"
"$bin" places generate --count 200000 --seed 2026 --output "$work/200k.csv"
for n in 20k 200k; do echo "input $n: $(( $(wc -l < "$work/$n.csv") - 1 )) rows, $(stat -c %s "$work/$n.csv") bytes"; done

echo "### maille places import (a fresh database each run, migrated before timing)"
for n in 20k 200k; do
    for run in 1 2; do
        rm -f "$work"/cli.db*
        "$bin" migrate --database "sqlite://$work/cli.db" >/dev/null
        echo "SQLite, $n rows, run $run: $(measured "$bin" places import "$work/$n.csv" --database "sqlite://$work/cli.db")"
    done
    psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS maille_bench" -c "CREATE DATABASE maille_bench" >/dev/null
    "$bin" migrate --database "$pg/maille_bench" >/dev/null
    echo "PostgreSQL, $n rows: $(measured "$bin" places import "$work/$n.csv" --database "$pg/maille_bench")"
done
psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS maille_bench" >/dev/null
rm -f "$work"/cli.db*
"$bin" migrate --database "sqlite://$work/cli.db" >/dev/null
truncate -s 1G "$work/sparse.csv"
echo "1 GB sparse file (zero bytes): $(measured "$bin" places import "$work/sparse.csv" --database "sqlite://$work/cli.db" || true)"
{ "$bin" places import "$work/sparse.csv" --database "sqlite://$work/cli.db" 2>&1 || true; } | wc -c | sed 's/^/  error printed: /; s/$/ bytes/'
# 1 GB of rows that all fail (a postcode of 4 digits), from the 200,000 rows repeated.
python3 - "$work/200k.csv" "$work/bad.csv" <<'EOF'
import csv, io, sys
src, dst = sys.argv[1], sys.argv[2]
rows = csv.reader(open(src, encoding="utf-8", newline=""))
header = next(rows)
postcode = header.index("code_postal")
out = io.StringIO()
writer = csv.writer(out, lineterminator="\n")
for row in rows:
    row[postcode] = "4930"
    writer.writerow(row)
block = out.getvalue().encode()
with open(dst, "wb") as f:
    f.write((",".join(header) + "\n").encode())
    written = 0
    while written < 1 << 30:
        f.write(block)
        written += len(block)
EOF
echo "1 GB of refused rows ($(stat -c %s "$work/bad.csv") bytes): $(measured "$bin" places import "$work/bad.csv" --dry-run --database "sqlite://$work/cli.db")"
rm -f "$work/bad.csv" "$work/sparse.csv"

echo "### the staff import page (server on SQLite, demo data)"
RUST_LOG=warn "$bin" serve --demo --addr 127.0.0.1:$port --database "sqlite://$work/server.db" >/dev/null 2>"$work/server.log" &
pid=$!; pids+=("$pid")
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done
jar="$work/cookies"
token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/connexion" | grep -o 'name="csrf_token" value="[^"]*"' | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=coordination@demo.maille.test" --data-urlencode "password=maille-demo" \
    "http://127.0.0.1:$port/connexion"
upload() {
    local file=$1 name=$2
    token=$(curl -s -b "$jar" "http://127.0.0.1:$port/espace/lieux/import" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -o "$work/report.html" -b "$jar" -w "HTTP %{http_code} in %{time_total} s" \
        -F "csrf_token=$token" -F "fichier=@$file;filename=$name" "http://127.0.0.1:$port/espace/lieux/import"
    echo ", report $(stat -c %s "$work/report.html") B, server peak RSS so far $(peak_kb "$pid") kB, RSS now $(rss_kb "$pid") kB"
}
echo "server idle: RSS $(rss_kb "$pid") kB"
python3 -c "import sys; n=2_300_000; sys.stdout.write('[' + ','.join('{\"id\":\"%07d\",\"nom\":\"x\"}' % i for i in range(n)) + ']')" > "$work/tiny.json"
echo "63 MB of tiny JSON objects ($(stat -c %s "$work/tiny.json") bytes): $(upload "$work/tiny.json" tiny.json)"
python3 -c "import sys; sys.stdout.write('x' * (50 * 1024 * 1024))" > "$work/line.csv"
echo "50 MB one-line CSV: $(upload "$work/line.csv" line.csv)"
# The page takes 64 MB at most: 120,000 synthetic rows are 62 MB.
"$bin" places generate --count 120000 --seed 2027 --output "$work/120k.csv"
echo "120,000 rows ($(stat -c %s "$work/120k.csv") bytes): $(upload "$work/120k.csv" 120k.csv)"
echo "after the imports (120,000 more places in the index): RSS $(rss_kb "$pid") kB"

echo "### slow clients (request headers a byte every 4 s)"
python3 - "$port" "$pid" <<'EOF'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"): return line.split()[1] + " kB"
for label, sources in (("4,000 from one address", [1]), ("4,000 from 40 addresses", list(range(1, 41)))):
    socks = []
    for i in range(4000):
        s = socket.socket(); s.bind((f"127.0.0.{sources[i % len(sources)]}", 0))
        try:
            s.connect(("127.0.0.1", port)); s.send(b"G"); socks.append(s)
        except OSError:
            s.close()
    time.sleep(0.5)
    start = time.time()
    def alive():
        n = 0
        for s in socks:
            s.setblocking(False)
            try:
                if s.recv(1) == b"": continue
            except BlockingIOError:
                pass
            except OSError:
                continue
            n += 1
        return n
    print(f"{label}: {alive()} open after 0.5 s, server RSS {rss()}")
    for wait in (4, 8, 12):
        while time.time() - start < wait: time.sleep(0.1)
        for s in socks:
            try: s.send(b"E")
            except OSError: pass
        print(f"  after {wait + 0.5:.1f} s: {alive()} still open, server RSS {rss()}")
    for s in socks: s.close()
    time.sleep(1)
EOF
echo "server peak RSS over the whole run: $(peak_kb "$pid") kB"
echo "lines the server logged: $(wc -l < "$work/server.log")"
