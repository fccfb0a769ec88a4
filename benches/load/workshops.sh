#!/usr/bin/env bash
# Workshops (issue 16) over HTTP, every request different:
#  1. the public sessions page near a commune (/ateliers?q=…), as browsers
#     ask it (gzip), over 300 structures' 3,000 sessions across France;
#  2. registrations through the API under 100 concurrent clients, each a
#     different person on a random session, messages written to the outbox
#     and sent to a real SMTP server on loopback meanwhile: paced (each
#     client every 0.25 s on average), then as fast as the server answers,
#     then paced again while the outbox still sends the burst's messages;
#  3. the outbox worker alone, with no other load: the messages the
#     registrations left waiting, sent to that server.
# The server's memory after each.
#
# Needs: a release build (cargo build --release), wrk, GNU time, python3
# with aiosmtpd (apt-get install python3-aiosmtpd), sqlite3 (or psql for
# PostgreSQL).
# Run: benches/load/workshops.sh [DATABASE_URL]   (default: a new SQLite file)
# Figures in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${CARGO_TARGET_DIR:-target}/release/maille"
work=$(mktemp -d /tmp/maille-workshops.XXXXXX)
trap 'kill "${server:-0}" "${smtp:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="${1:-sqlite://$work/maille.db}"
port=18092
smtp_port=18093
threads=2

sql() {
    case "$db" in
        sqlite://*) sqlite3 "${db#sqlite://}" "$1" ;;
        *) psql -qtA "$db" -c "$1" ;;
    esac
}

echo "== 300 structures across France, each with a place and a mediator ($db)"
"$bin" activities generate --count 0 --structures 300 --seed 16 --json --database "$db" >"$work/made.json"
python3 - "$work/made.json" >"$work/emails" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1])):
    print(s["mediator_email"])
PY
: >"$work/tokens"
while read -r email; do
    "$bin" tokens create --email "$email" --label mesure --database "$db" 2>/dev/null >>"$work/tokens"
done <"$work/emails"

mkdir -p "$work/mail"
/usr/bin/python3 tests/smtp/server.py "$smtp_port" "$work/mail" < <(sleep 100000 2>/dev/null) >/dev/null &
smtp=$!

start_server() {
    "$bin" serve --api-requests-per-minute 0 --public-rate-limit 0 \
        --smtp-url "smtp://127.0.0.1:$smtp_port" --smtp-from "Maille <mesure@maille.test>" \
        --addr "127.0.0.1:$port" --database "$db" >"$work/server.log" 2>&1 &
    server=$!
    until curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.2; done
}
rss() { echo "server RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$server/status) / 1024 )) MB"; }
start_server

echo "== 3,000 sessions in the coming weeks, through the API"
python3 - "$work" "$port" <<'PY'
import json, random, sys, urllib.request, datetime
work, port = sys.argv[1], sys.argv[2]
tokens = open(f"{work}/tokens").read().split()
random.seed(16)
now = datetime.datetime.now(datetime.timezone.utc)
ids = []
for token in tokens:
    for _ in range(10):
        start = now + datetime.timedelta(days=random.randint(1, 60), hours=random.randint(0, 8))
        body = json.dumps({"title": random.choice(["Escape game : mes données", "Premiers pas sur le smartphone", "Mon identité en ligne", "Démarches en ligne"]),
                           "themes": ["CultureNumerique"], "starts_at": start.isoformat(), "capacity": random.randint(6, 20)}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/sessions", data=body, method="POST",
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        ids.append(json.load(urllib.request.urlopen(request))["id"])
open(f"{work}/sessions", "w").write("\n".join(ids))
PY

python3 - "$work" "$db" <<'PY'
import csv, gzip, json, random, sys
work = sys.argv[1]
random.seed(16)
communes = []
with gzip.open("data/communes-fr.csv.gz", "rt", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        communes.append(row)
# The communes of the structures (found), and others drawn by population.
made = [s["name"].rsplit("(", 1)[1].rstrip(")") for s in json.load(open(f"{work}/made.json"))]
drawn = random.choices(communes, weights=[int(c.get("population") or 0) + 1 for c in communes], k=700)
names = made + [c["nom"] for c in drawn]
from urllib.parse import quote
paths = [f"/ateliers?q={quote(n)}" for n in names]
with open(f"{work}/public.lua", "w") as out:
    out.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n")
    out.write("i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1], {['Accept-Encoding'] = 'gzip'})\nend\n")
sessions = open(f"{work}/sessions").read().split()
with open(f"{work}/register.lua", "w") as out:
    out.write("sessions = {" + ",".join(f'"{s}"' for s in sessions) + "}\n")
    out.write("""math.randomseed(16)
i = 0
setup = function(thread) thread:set("offset", math.random(1, 100000000)) end
request = function()
  i = i + 1
  local n = offset + i
  local body = string.format('{"name": "Personne %d", "email": "p%d@mesure.test", "consent": true}', n, n)
  local path = "/api/v1/sessions/" .. sessions[math.random(1, #sessions)] .. "/registrations"
  return wrk.format('POST', path, {['Content-Type'] = 'application/json'}, body)
end
""")
PY

echo "== 1. the public sessions page near 1,000 communes (gzip), 30 s, 64 connections"
wrk -t$threads -c64 -d30s --latency -s "$work/public.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
rss

sed 's/^request = function()/delay = function() return math.random(0, 500) end\nrequest = function()/' "$work/register.lua" >"$work/register-paced.lua"
paced() { wrk -t$threads -c100 -d30s --latency -s "$work/register-paced.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx"; }
echo "== 2a. registrations (API), 100 clients each registering every 0.25 s on average, 30 s"
paced
echo "== 2b. registrations (API), 100 clients registering as fast as the server answers, 30 s"
wrk -t$threads -c100 -d30s --latency -s "$work/register.lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx"
echo "== 2c. the paced registrations again, while the outbox sends the backlog of 2b, 30 s"
paced
echo "registrations: $(sql "SELECT COUNT(*) FROM registrations")"
echo "over capacity: $(sql "SELECT COUNT(*) FROM workshop_sessions WHERE confirmed > capacity")"
echo "counters that disagree with the list: $(sql "SELECT COUNT(*) FROM workshop_sessions s WHERE confirmed <> (SELECT COUNT(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'confirmed') OR waiting <> (SELECT COUNT(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'waiting')")"
rss

echo "== 3. the outbox worker alone: the messages the registrations left waiting, 20 s"
before=$(sql "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
pending=$(sql "SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
sleep 20
after=$(sql "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
echo "$pending waiting; sent in 20 s: $((after - before)), $(( (after - before) / 20 )) messages/s; failed: $(sql "SELECT COUNT(*) FROM outbox WHERE status = 'failed'")"
rss
