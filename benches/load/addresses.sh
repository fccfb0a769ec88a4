#!/usr/bin/env bash
# Address base, end to end (issue 14): import a BAN-shaped file of
# Maine-et-Loire (every commune, 49 streets, 45 numbers: 388,080 rows) with
# `maille addresses import`, measuring time and peak memory; then serve and
# search typed addresses over HTTP, every request a different address,
# measuring latency and the server's memory after the load.
#
# Needs: a release build (cargo build --release), wrk, GNU time, python3.
# Run: benches/load/addresses.sh   (figures in docs/PERFORMANCE.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${CARGO_TARGET_DIR:-target}/release/maille"
work=$(mktemp -d /tmp/maille-addresses.XXXXXX)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import csv, gzip, sys
from urllib.parse import quote_plus
work = sys.argv[1]
kinds = ["Rue", "Avenue", "Chemin", "Impasse", "Allée", "Place", "Boulevard"]
names = ["Victor Hugo", "Jean Jaurès", "de la Mairie", "des Lilas", "du Stade", "de l’Église", "Pasteur"]
with gzip.open("data/communes-fr.csv.gz", "rt") as f:
    communes = [c for c in csv.DictReader(f) if c["departement"] == "49"]
paths = []
with gzip.open(f"{work}/adresses-49.csv.gz", "wt") as out:
    out.write("id;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n")
    for c in communes:
        lat, lon = float(c["latitude"]), float(c["longitude"])
        postcode = c["codes_postaux"].split("|")[0]
        for s, street in enumerate(f"{k} {n}" for k in kinds for n in names):
            for n in range(1, 46):
                out.write(f"{c['code_insee']}_{s:04}_{n:05};{n};;{street};{postcode};{c['code_insee']};{c['nom']};{lon + n * 0.0001:.5f};{lat + s * 0.0001:.5f}\n")
            paths.append("/lieux?q=" + quote_plus(f"{(s * 7) % 45 + 1} {street} {c['nom']}"))
with open(f"{work}/paths.lua", "w") as out:
    out.write("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n")
    out.write("i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
PY

db="sqlite://$work/maille.db"
echo "== import"
/usr/bin/time -f "%e s, peak %M KB" "$bin" addresses import "$work/adresses-49.csv.gz" --database "$db"
ls -la "$work/maille.db" | awk '{print "database file:", $5, "bytes"}'

echo "== search by address over HTTP"
"$bin" serve --demo --addr 127.0.0.1:18090 --database "$db" >/dev/null 2>&1 &
server=$!
until curl -s -o /dev/null http://127.0.0.1:18090/healthz; do sleep 0.2; done
curl -s "http://127.0.0.1:18090/lieux?q=12+Rue+Victor+Hugo+Cholet" | grep -o 'lieux les plus proches du [^<]*' | head -1
wrk -t2 -c8 -d20s --latency -s "$work/paths.lua" http://127.0.0.1:18090/ | grep -E "Requests/sec|50%|90%|99%"
echo "server memory after the load: $(grep VmRSS /proc/$server/status)"
