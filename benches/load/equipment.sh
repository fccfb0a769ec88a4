#!/usr/bin/env bash
# Equipment (issue 17) over HTTP, every request different, with 100,000
# devices and about 1,000,000 lines of history over 10 structures:
#  1. steps recorded through the API (a device sent to repair, then back
#     to where it was: both real transitions, each on a different device);
#  2. pages of the stock through the API, filters and pages varied;
#  3. the impact of the whole network, as a coordinator asks it;
# The server's memory after each.
#
# Needs: a release build (cargo build --release), wrk, sqlite3 (or psql for
# PostgreSQL), python3.
# Run: benches/load/equipment.sh [DATABASE_URL]   (default: a new SQLite file)
# Figures in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${CARGO_TARGET_DIR:-target}/release/maille"
work=$(mktemp -d /tmp/maille-equipment.XXXXXX)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="${1:-sqlite://$work/maille.db}"
port=18094
threads=2

sql() {
    case "$db" in
        sqlite://*) sqlite3 "${db#sqlite://}" "$1" ;;
        *) psql -qtA "$db" -c "$1" ;;
    esac
}

echo "== 10 structures, 100,000 devices, their histories ($db)"
/usr/bin/time -f "generated in %e s" "$bin" equipment generate --devices 100000 --events 1000000 --structures 10 --seed 17 --json --database "$db" >"$work/made.json"
echo "devices: $(sql "SELECT COUNT(*) FROM devices"), history lines: $(sql "SELECT COUNT(*) FROM device_events")"
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/made.json")
email=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["mediator_email"])' "$work/made.json")
token=$("$bin" tokens create --email "$email" --label mesure --database "$db" 2>/dev/null)
coordinator_email="coordination.mesure@maille.test"
echo "mesure-mesure-mesure" | "$bin" users create --email "$coordinator_email" --name "Coordination" --role coordinator --organization "$(sql "SELECT id FROM organizations WHERE kind = 'federation' LIMIT 1")" --database "$db" >/dev/null 2>&1 || true
coordinator=$("$bin" tokens create --email "$coordinator_email" --label mesure --database "$db" 2>/dev/null || echo "")

"$bin" serve --api-requests-per-minute 0 --addr "127.0.0.1:$port" --database "$db" >"$work/server.log" 2>&1 &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.2; done
rss() { echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$server/status) / 1024 )) MB"; }
rss

# The first structure's devices that may go to repair, with where they are.
sql "SELECT id || ' ' || state FROM devices WHERE organization_id = '$first' AND state IN ('received','diagnosed','wiped','refurbished','ready','returned')" >"$work/devices"
echo "devices that may go to repair and back: $(wc -l <"$work/devices")"
python3 - "$work" "$token" <<'PY'
import sys
work, token = sys.argv[1], sys.argv[2]
lines = [l.split() for l in open(f"{work}/devices") if l.strip()]
with open(f"{work}/steps.lua", "w") as out:
    out.write("ids = {" + ",".join(f'"{i}"' for i, _ in lines) + "}\n")
    out.write("states = {" + ",".join(f'"{s}"' for _, s in lines) + "}\n")
    out.write(f'token = "{token}"\n')
    out.write("""counter = 0
threads = {}
setup = function(thread)
  thread:set("first", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
init = function() n = 0 end
-- Each thread walks its own devices (every other one), in passes: to
-- repair on one pass, back to where it was on the next.
request = function()
  local per = math.floor(#ids / 2)
  local k = (n % per)
  local pass = math.floor(n / per)
  local i = k * 2 + first + 1
  n = n + 1
  local body
  if pass % 2 == 0 then body = '{"to": "in_repair", "problem": "mesure"}'
  else body = '{"to": "' .. states[i] .. '"}' end
  return wrk.format('POST', "/api/v1/devices/" .. ids[i] .. "/transitions",
    {['Content-Type'] = 'application/json', ['Authorization'] = 'Bearer ' .. token}, body)
end
""")
states = ["", "received", "diagnosed", "ready", "given", "loaned", "in_repair"]
kinds = ["", "laptop", "desktop", "smartphone", "tablet"]
with open(f"{work}/stock.lua", "w") as out:
    paths = []
    for a in range(len(states)):
        for b in range(len(kinds)):
            for page in range(1, 6):
                q = []
                if states[a]: q.append(f"state={states[a]}")
                if kinds[b]: q.append(f"kind={kinds[b]}")
                if (a + b + page) % 6 == 0: q.append("q=Mod%C3%A8le%2012")
                q.append(f"page={page}")
                paths.append("/api/v1/devices?" + "&".join(q))
    out.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n")
    out.write(f'token = "{token}"\n')
    out.write("i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1], {['Authorization'] = 'Bearer ' .. token})\nend\n")
PY

echo "== 1. steps recorded through the API, 16 connections, 20 s"
wrk -t$threads -c16 -d20s --latency -s "$work/steps.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
echo "history lines now: $(sql "SELECT COUNT(*) FROM device_events")"
rss

echo "== 2a. pages of a structure's stock (API), 175 different filters and pages, 2 connections (a few mediators at once), 20 s"
wrk -t1 -c2 -d20s --latency -s "$work/stock.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
echo "== 2b. the same, 16 connections (as fast as the server answers), 20 s"
wrk -t$threads -c16 -d20s --latency -s "$work/stock.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
rss

if [ -n "$coordinator" ]; then
    echo "== 3. the network's impact (a coordinator), 1 connection, 20 s"
    wrk -t1 -c1 -d20s --latency -H "Authorization: Bearer $coordinator" "http://127.0.0.1:$port/api/v1/equipment/impact" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
    rss
fi
