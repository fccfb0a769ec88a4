#!/usr/bin/env bash
# Mediation at scale (issue 15): 1,000,000 generated activities over 100
# structures (`maille activities generate`), then over HTTP with personal
# tokens, every request different: a structure's figures for a year, the
# federation's, the filtered activity list (50 a page), and recording
# activities as fast as the server takes them; the server's memory after.
#
# Needs: a release build (cargo build --release), wrk, GNU time, python3.
# Run: benches/load/activities.sh [DATABASE_URL]   (default: a new SQLite file)
#      benches/load/activities.sh postgres://postgres@127.0.0.1:5432/maille_load
# Figures in docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${CARGO_TARGET_DIR:-target}/release/maille"
work=$(mktemp -d /tmp/maille-activities.XXXXXX)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="${1:-sqlite://$work/maille.db}"
count="${COUNT:-1000000}"
port=18091

echo "== generate $count activities over 100 structures ($db)"
/usr/bin/time -f "%e s, peak %M KB" "$bin" activities generate --count "$count" --structures 100 --seed 7 --json --database "$db" >"$work/made.json"
# A coordinator of the federation the structures were made under.
printf 'mot-de-passe-de-mesure\n' | "$bin" users create --email coordination@mesure.test --role coordinator --organization "Fédération générée" --database "$db" >/dev/null
python3 - "$work/made.json" >"$work/emails" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))[:20]:
    print(s["mediator_email"])
PY
: >"$work/tokens"
while read -r email; do
    "$bin" tokens create --email "$email" --label mesure --database "$db" 2>/dev/null >>"$work/tokens"
done <"$work/emails"
coordinator=$("$bin" tokens create --email coordination@mesure.test --label mesure --database "$db" 2>/dev/null)

"$bin" serve --api-requests-per-minute 0 --addr "127.0.0.1:$port" --database "$db" >"$work/server.log" 2>&1 &
server=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.2; done

python3 - "$work" "$coordinator" <<'PY'
import sys, random
work, coordinator = sys.argv[1], sys.argv[2]
tokens = open(f"{work}/tokens").read().split()
lua_tokens = "tokens = {" + ",".join(f'"{t}"' for t in tokens) + "}\n"
groups = ["month", "type", "theme", "place"]
themes = ["Email", "Sante", "Bureautique", "AideAuxDemarchesAdministratives", "NavigationSurInternet", "Logement"]
random.seed(7)
def year():
    m = random.randint(1, 12)
    return f"from=2025-{m:02d}-01&to=2026-{m:02d}-28"
def write(name, paths, token_expr):
    with open(f"{work}/{name}.lua", "w") as out:
        out.write(lua_tokens)
        out.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n")
        out.write(f"i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1], {{['Authorization'] = 'Bearer ' .. {token_expr}}})\nend\n")
write("structure", [f"/api/v1/stats/activities?{year()}&group_by={random.choice(groups)}" for _ in range(200)], "tokens[(i % #tokens) + 1]")
write("federation", [f"/api/v1/stats/activities?{year()}&group_by={random.choice(groups)}" for _ in range(200)], f'"{coordinator}"')
lists = []
for _ in range(200):
    q = [f"theme={random.choice(themes)}"] if random.random() < 0.5 else [f"type={random.choice(['Individuel', 'Collectif'])}"]
    if random.random() < 0.5:
        q.append(f"from=2026-{random.randint(1, 11):02d}-01")
    q.append(f"offset={random.choice([0, 0, 50, 100])}")
    lists.append("/api/v1/activities?" + "&".join(q))
write("list", lists, "tokens[(i % #tokens) + 1]")
bodies = []
for i in range(200):
    body = {"type": "Individuel", "date": f"2026-11-{1 + i % 28:02d}", "duration_min": random.choice([15, 30, 45, 60, 90]),
            "themes": random.sample(themes[:3], random.randint(1, 2)), "materials": ["Ordinateur"], "notes": f"mesure {i}"}
    bodies.append(body)
import json
with open(f"{work}/post.lua", "w") as out:
    out.write(lua_tokens)
    out.write("bodies = {" + ",".join("[[" + json.dumps(b, ensure_ascii=False) + "]]" for b in bodies) + "}\n")
    out.write("i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format('POST', '/api/v1/activities', {['Authorization'] = 'Bearer ' .. tokens[(i % #tokens) + 1], ['Content-Type'] = 'application/json'}, bodies[(i % #bodies) + 1])\nend\n")
PY

url="http://127.0.0.1:$port/"
echo "== a structure's figures for a year (one client at a time)"
wrk -t1 -c1 -d15s --latency -s "$work/structure.lua" "$url" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
echo "== the federation's figures for a year (100 structures, one client at a time)"
wrk -t1 -c1 -d15s --latency -s "$work/federation.lua" "$url" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
echo "== the activity list, filtered, 50 a page (one client at a time)"
wrk -t1 -c1 -d15s --latency -s "$work/list.lua" "$url" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
echo "== recording activities (POST), 16 clients"
wrk -t2 -c16 -d20s --latency -s "$work/post.lua" "$url" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
echo "server memory after the load: $(grep VmRSS /proc/$server/status)"
grep -c "panicked" "$work/server.log" && exit 1 || true
