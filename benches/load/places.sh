#!/usr/bin/env bash
# Measures issue 3's server-side targets (docs/PERFORMANCE.md), on a synthetic
# national directory of 20,000 places (`maille places generate`, seed 2026):
#   import of 20,000 rows on SQLite and on PostgreSQL (fresh database each run);
#   RSS with the 20,000 places loaded; page weights;
#   wrk on /lieux and /api/v1/places against nginx serving static files of the
#   same bytes, same machine, same run; coverage of all France through the API.
# Loopback only. Needs wrk, nginx-light, curl and the local PostgreSQL
# (127.0.0.1:5432, trust): apt-get install wrk nginx-light curl
# Usage: benches/load/places.sh [seconds per wrk run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
pg="${MAILLE_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
work=$(mktemp -d /tmp/maille-bench.XXXXXX)
chmod 755 "$work" # nginx workers run as nobody
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/maille"
port=18183
ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
wait_for() {
    local deadline=$(( $(date +%s) + 60 ))
    until curl -sf -o /dev/null "$1"; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "no answer from $1" >&2; exit 1; }
        sleep 0.01
    done
}

echo "## $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -r), commit $(git rev-parse --short HEAD)"
"$bin" places generate --count 20000 --seed 2026 --output "$work/places.csv"
echo "input: $(( $(wc -l < "$work/places.csv") - 1 )) rows, $(stat -c %s "$work/places.csv") bytes"

# Import: the database is created and migrated first, so only the import is timed.
for run in 1 2 3; do
    rm -f "$work"/import.db*
    "$bin" migrate --database "sqlite://$work/import.db" >/dev/null
    t0=$(ms); "$bin" places import "$work/places.csv" --database "sqlite://$work/import.db" >/dev/null
    echo "import 20,000 rows, SQLite, run $run: $(( $(ms) - t0 )) ms"
done
for run in 1 2 3; do
    psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS maille_bench" -c "CREATE DATABASE maille_bench" >/dev/null
    "$bin" migrate --database "$pg/maille_bench" >/dev/null
    t0=$(ms); "$bin" places import "$work/places.csv" --database "$pg/maille_bench" >/dev/null
    echo "import 20,000 rows, PostgreSQL, run $run: $(( $(ms) - t0 )) ms"
done
psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS maille_bench" >/dev/null

cp "$work/import.db" "$work/load.db"
RUST_LOG=warn "$bin" serve --api-requests-per-minute 0 --addr 127.0.0.1:$port --database "sqlite://$work/load.db" >/dev/null &
pid=$!; pids+=("$pid")
wait_for "http://127.0.0.1:$port/healthz"
sleep 1
echo "RSS with 20,000 places loaded, idle: $(rss_kb "$pid") kB"
curl -s -o /dev/null "http://127.0.0.1:$port/lieux?q=Cholet"
sleep 1
echo "RSS after a first search (communes loaded): $(rss_kb "$pid") kB"

lieux="/lieux?q=Cholet&service=Aide+aux+d%C3%A9marches+administratives"
api="/api/v1/places?q=Cholet&service=Aide+aux+d%C3%A9marches+administratives&limit=20"
curl -s "http://127.0.0.1:$port$lieux" > "$work/lieux.html"
curl -s "http://127.0.0.1:$port$api" > "$work/places.json"
css=$(grep -o '/static/maille-[0-9a-f]*\.css' "$work/lieux.html")
curl -s "http://127.0.0.1:$port$css" > "$work/maille.css"
for page in "/" "$lieux" "/lieux/$(grep -o 'href="/lieux/[^"]*"' "$work/lieux.html" | head -1 | sed 's|href="/lieux/||;s/"//')" "/couverture?radius_km=10&department=49"; do
    size=$(curl -s "http://127.0.0.1:$port$page" | wc -c)
    echo "page weight $page: $size B HTML + $(stat -c %s "$work/maille.css") B CSS = $(( size + $(stat -c %s "$work/maille.css") )) B"
done
echo "API response: $(stat -c %s "$work/places.json") B"

for run in 1 2 3; do
    curl -s -o /dev/null -w "coverage of all France through the API, run $run: %{time_total} s\n" \
        "http://127.0.0.1:$port/api/v1/coverage?radius_km=10"
done

nginx_port=18184
mkdir -p "$work/www"
cp "$work/lieux.html" "$work/www/lieux.html"; cp "$work/places.json" "$work/www/places.json"
chmod -R a+rX "$work/www"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; application/json json; }
  server { listen 127.0.0.1:$nginx_port; root $work/www; location / { } }
  # The same bytes whatever the address: the baseline for the varied runs,
  # whose Lua script costs the client the same on both sides.
  server { listen 127.0.0.1:$((nginx_port + 1)); root $work/www; location / { try_files /lieux.html =404; } }
  server { listen 127.0.0.1:$((nginx_port + 2)); root $work/www; location / { try_files /places.json =404; } }
}
CONF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=("$!")
wait_for "http://127.0.0.1:$nginx_port/lieux.html"

load() { # name url [wrk script] [header]
    local out
    out=$(wrk -t2 -c64 -d"${duration}s" --latency ${3:+-s "$3"} ${4:+-H "$4"} "$2")
    printf '%-44s %10s req/s   p50 %8s   p99 %8s\n' "$1" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
echo "wrk -t2 -c64 -d${duration}s on 127.0.0.1 (client and servers share the cores):"
load "nginx, static copy of /lieux ($(stat -c %s "$work/lieux.html") B)" "http://127.0.0.1:$nginx_port/lieux.html"
load "maille $lieux" "http://127.0.0.1:$port$lieux"
load "nginx, static copy of the API ($(stat -c %s "$work/places.json") B)" "http://127.0.0.1:$nginx_port/places.json"
load "maille $api" "http://127.0.0.1:$port$api"
# The same pages for 2,000 different towns (the most populated communes'
# first postcodes, in turn): Maille keeps only about a hundred answers per
# minute (src/places/index/answers.rs), so most of these are written afresh.
zcat data/communes-fr.csv.gz | tail -n +2 | sort -t, -k6,6nr \
    | awk -F, 'NR <= 2000 {split($5, p, " "); print p[1]}' > "$work/postcodes.txt"
for page in lieux api; do
    {
        echo 'local postcodes, i = {}, 0'
        while read -r postcode; do echo "postcodes[#postcodes + 1] = \"$postcode\""; done < "$work/postcodes.txt"
        case $page in
            lieux) echo 'local path = "/lieux?service=Aide+aux+d%C3%A9marches+administratives&q="' ;;
            api) echo 'local path = "/api/v1/places?service=Aide+aux+d%C3%A9marches+administratives&limit=20&q="' ;;
        esac
        echo 'request = function() i = i + 1; return wrk.format("GET", path .. postcodes[i % #postcodes + 1]) end'
    } > "$work/$page.lua"
done
load "nginx, /lieux copy, same 2,000 addresses" "http://127.0.0.1:$((nginx_port + 1))/" "$work/lieux.lua"
load "maille /lieux, 2,000 towns in turn" "http://127.0.0.1:$port/" "$work/lieux.lua"
load "nginx, API copy, same 2,000 addresses" "http://127.0.0.1:$((nginx_port + 2))/" "$work/api.lua"
load "maille /api/v1/places, 2,000 towns in turn" "http://127.0.0.1:$port/" "$work/api.lua"
# As a browser asks: gzip taken (answers are kept gzipped, src/web/encoding.rs).
gzip="Accept-Encoding: gzip, deflate, br"
load "maille /lieux, gzip" "http://127.0.0.1:$port$lieux" "" "$gzip"
load "maille /lieux, 2,000 towns in turn, gzip" "http://127.0.0.1:$port/" "$work/lieux.lua" "$gzip"
load "maille /api/v1/places, 2,000 towns in turn, gzip" "http://127.0.0.1:$port/" "$work/api.lua" "$gzip"
load "maille /couverture (Maine-et-Loire), gzip" "http://127.0.0.1:$port/couverture?radius_km=10&department=49" "" "$gzip"
echo "RSS right after the load: $(rss_kb "$pid") kB"
sleep 5
echo "RSS 5 s after the load: $(rss_kb "$pid") kB"
