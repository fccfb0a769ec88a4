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
"${CARGO_TARGET_DIR:-target}"/release/maille places generate --count 20000 --seed 2026 --output "$work/places.csv"
# Query points: every 997th commune, most populated first — the points of
# benches/places_search.rs (Communes::all() is sorted the same way).
zcat data/communes-fr.csv.gz | tail -n +2 | sort -t, -k6,6nr -k1,1 \
    | awk -F, '(NR - 1) % 997 == 0 {print (NR - 1) / 997 "," $7 "," $8}' > "$work/points.csv"

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

# The point as a scalar subquery (an InitPlan: a constant for the planner),
# so the GiST index serves the `<->` ordering as a KNN scan.
query="SELECT id, ST_Distance(geom, (SELECT geom FROM points WHERE i = %s)) FROM places
  WHERE services LIKE '%%Aide aux démarches administratives%%' AND frais_a_charge LIKE '%%Gratuit%%'
  ORDER BY geom <-> (SELECT geom FROM points WHERE i = %s) LIMIT 20"
# Execution time inside the server: every query point twice in one session
# (the first pass warms the cache and loads PostGIS), the second one counted.
for pass in 1 2; do
    while IFS=, read -r i _ _; do
        printf 'EXPLAIN (ANALYZE, FORMAT JSON) %s;\n' "$(printf "$query" "$i" "$i")"
    done < "$work/points.csv"
done > "$work/explain.sql"
psql -tA "$pg/$db" -f "$work/explain.sql" | grep -o '"Execution Time": [0-9.]*' | awk '{print $3}' \
    | tail -n "$(wc -l < "$work/points.csv")" \
    | awk '{t += $1; n += 1} END {printf "PostGIS execution time (EXPLAIN ANALYZE, one session), mean over %d query points: %.1f µs\n", n, t * 1000 / n}'
echo "EXPLAIN of one query:"
psql -tA "$pg/$db" -c "EXPLAIN $(printf "$query" 3 3)" | sed 's/^/    /'

points=$(wc -l < "$work/points.csv")
printf '\\set i random(0, %d)\n%s;\n' "$((points - 1))" "$(printf "$query" ":i" ":i")" > "$work/knn.sql"
echo "pgbench, 1 client, ${seconds}s (includes the client round trip):"
pgbench -n -c 1 -j 1 -T "$seconds" -f "$work/knn.sql" "$pg/$db" 2>/dev/null | grep -E "latency average|tps" | sed 's/^/    /'
