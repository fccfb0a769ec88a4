#!/usr/bin/env bash
# Measures the foundation's targets (docs/PERFORMANCE.md):
#   release binary size; start to first /healthz 200 on an empty SQLite database;
#   idle RSS; wrk throughput of the public home page and of a logged-in staff page,
#   against nginx serving a static file of the same size, in the same run.
# Loopback only, bounded durations. Needs wrk, curl and nginx (apt-get install wrk nginx-light).
# Usage: benches/load/foundation.sh [seconds per wrk run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
work=$(mktemp -d /tmp/maille-bench.XXXXXX)
chmod 755 "$work" # nginx workers run as nobody
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/maille"
port=18181
ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
wait_for() { # url: polls for up to 30 s, then gives up
    local deadline=$(( $(date +%s) + 30 ))
    until curl -sf -o /dev/null "$1"; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "no answer from $1" >&2; exit 1; }
        sleep 0.005
    done
}

echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -r)"
echo "binary: $(stat -c %s "$bin") bytes ($(( $(stat -c %s "$bin") / 1024 / 1024 )) MiB)"

# Start to first /healthz 200 on an empty database (creates and migrates it), 10 runs.
times=()
for run in $(seq 1 10); do
    rm -f "$work"/start.db*
    t0=$(ms)
    RUST_LOG=warn "$bin" serve --addr 127.0.0.1:$port --database "sqlite://$work/start.db" >/dev/null &
    pid=$!
    wait_for "http://127.0.0.1:$port/healthz"
    times+=($(( $(ms) - t0 )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
echo "start to first /healthz 200 (ms, 10 runs, sorted): $sorted"

# The server for the load runs, with demo data.
RUST_LOG=warn "$bin" serve --demo --api-requests-per-minute 0 --addr 127.0.0.1:$port --database "sqlite://$work/load.db" >/dev/null &
pid=$!; pids+=("$pid")
wait_for "http://127.0.0.1:$port/healthz"
sleep 2
echo "idle RSS: $(rss_kb "$pid") kB"

curl -s "http://127.0.0.1:$port/" > "$work/home.html"
css=$(grep -o '/static/maille-[0-9a-f]*\.css' "$work/home.html")
curl -s "http://127.0.0.1:$port$css" > "$work/home.css"
echo "home page: $(stat -c %s "$work/home.html") B HTML + $(stat -c %s "$work/home.css") B CSS, $(grep -c '<script' "$work/home.html" || true) script"

# A staff session: log in once with the demo manager.
jar="$work/jar"
token=$(curl -s -c "$jar" "http://127.0.0.1:$port/connexion" | grep -o 'name="csrf_token" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -b "$jar" -c "$jar" -o /dev/null \
    --data-urlencode "csrf_token=$token" --data-urlencode "email=direction@demo.maille.test" \
    --data-urlencode "password=maille-demo" "http://127.0.0.1:$port/connexion"
session=$(awk '$6 == "maille_session" {print $7}' "$jar")
curl -s -b "maille_session=$session" "http://127.0.0.1:$port/espace" > "$work/staff.html"
grep -q "Bonjour" "$work/staff.html" || { echo "login failed" >&2; exit 1; }

# nginx serving a static copy of the home page, same machine, same run.
nginx_port=18182
mkdir -p "$work/www"; cp "$work/home.html" "$work/www/index.html"; chmod -R a+rX "$work/www"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$nginx_port; root $work/www; location / { } }
}
CONF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=("$!")
wait_for "http://127.0.0.1:$nginx_port/"

load() { # name url [header]
    local out
    if [ -n "${3:-}" ]; then out=$(wrk -t2 -c64 -d"${duration}s" --latency -H "$3" "$2"); else out=$(wrk -t2 -c64 -d"${duration}s" --latency "$2"); fi
    printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
echo "wrk -t2 -c64 -d${duration}s on 127.0.0.1 (client and servers share the cores):"
load "nginx, static copy of /" "http://127.0.0.1:$nginx_port/"
load "maille GET / (public)" "http://127.0.0.1:$port/"
load "maille GET /espace (logged in)" "http://127.0.0.1:$port/espace" "Cookie: maille_session=$session"
echo "RSS after load: $(rss_kb "$pid") kB"
