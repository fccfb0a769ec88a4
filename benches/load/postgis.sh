#!/usr/bin/env bash
# The nearest-places query of benches/places_search.rs (« service + free »,
# nearest 20 of 20,000) in PostGIS on the same synthetic directory: GiST
# index on geography, KNN ordering with `<->`. Prints PostgreSQL's execution
# time per query (EXPLAIN ANALYZE, no network) and pgbench's latency through
# a connection, to compare with Maille's in-process figure.
# Needs the local PostgreSQL (127.0.0.1:5432, trust) with PostGIS:
#   apt-get install postgresql-15-postgis-3
# Usage: benches/load/postgis.sh [seconds of pgbench, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
pg="${MAILLE_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
db=maille_postgis_bench
work=$(mktemp -d /tmp/maille-postgis.XXXXXX)
trap 'rm -rf "$work"; psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

cargo build --release --quiet
target/release/maille places generate --count 20000 --seed 2026 --output "$work/places.csv"
# Query points: every 997th commune of the embedded data.
zcat data/communes-fr.csv.gz | awk -F, 'NR > 1 && (NR - 2) % 997 == 0 {print (NR - 2) / 997 "," $7 "," $8}' > "$work/points.csv"

psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
columns=$(head -1 "$work/places.csv" | sed 's/,/ text, /g; s/$/ text/')
psql -q -v ON_ERROR_STOP=1 "$pg/$db" >/dev/null <<SQL
CREATE EXTENSION postgis;
CREATE TABLE staging ($columns);
\copy staging FROM '$work/places.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE places AS
  SELECT id, services, frais_a_charge,
         ST_SetSRID(ST_MakePoint(longitude::float8, latitude::float8), 4326)::geography AS geom
  FROM staging;
CREATE INDEX places_geom ON places USING gist (geom);
CREATE TABLE points (i int, latitude float8, longitude float8);
\copy points FROM '$work/points.csv' WITH (FORMAT csv)
ALTER TABLE points ADD COLUMN geom geography;
UPDATE points SET geom = ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography;
VACUUM ANALYZE;
SQL
echo "## $(date -u +%Y-%m-%dT%H:%MZ), $(psql -tA "$pg/$db" -c 'SELECT postgis_lib_version()') on $(psql -tA "$pg/$db" -c 'SHOW server_version')"
echo "places: $(psql -tA "$pg/$db" -c 'SELECT count(*) FROM places'), query points: $(wc -l < "$work/points.csv")"

query="SELECT id, ST_Distance(geom, p.geom) FROM places,
  (SELECT geom FROM points WHERE i = %s) AS p
  WHERE services LIKE '%%Aide aux démarches administratives%%' AND frais_a_charge LIKE '%%Gratuit%%'
  ORDER BY places.geom <-> p.geom LIMIT 20"
# Execution time inside the server, every query point, after one warm-up pass.
total=0; n=0
for pass in warm measure; do
    while IFS=, read -r i _ _; do
        ms=$(psql -tA "$pg/$db" -c "EXPLAIN (ANALYZE, FORMAT JSON) $(printf "$query" "$i")" \
            | grep -o '"Execution Time": [0-9.]*' | awk '{print $3}')
        if [ "$pass" = measure ]; then total=$(awk -v t="$total" -v m="$ms" 'BEGIN {print t + m}'); n=$((n + 1)); fi
    done < "$work/points.csv"
done
echo "PostGIS execution time (EXPLAIN ANALYZE), mean over $n query points: $(awk -v t="$total" -v n="$n" 'BEGIN {printf "%.1f µs", t * 1000 / n}')"
echo "EXPLAIN of one query:"
psql -tA "$pg/$db" -c "EXPLAIN $(printf "$query" 3)" | sed 's/^/    /'

points=$(wc -l < "$work/points.csv")
printf '\\set i random(0, %d)\n%s;\n' "$((points - 1))" "$(printf "$query" ":i")" > "$work/knn.sql"
echo "pgbench, 1 client, ${seconds}s (includes the client round trip):"
pgbench -n -c 1 -j 1 -T "$seconds" -f "$work/knn.sql" "$pg/$db" 2>/dev/null | grep -E "latency average|tps" | sed 's/^/    /'
