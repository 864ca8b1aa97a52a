#!/usr/bin/env bash
# A cluster on this machine: one PostgreSQL, one API node and N CPU workers (each runs one job at a time on one
# thread), all from the jar `mvn package` builds. Prints jobs per minute of tiny transfers (random weights, 32 px,
# ITERATIONS L-BFGS iterations) submitted through the API node, with one and with two workers, and how long after a
# worker records a job's end in the database its client hears the final event through the API node's event stream
# (the added latency of events across nodes).
#
#   mvn -B -q package -DskipTests
#   bench/cluster.sh [jobs=40] [iterations=20]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-40}
iterations=${2:-20}
jar=$PWD/app-http/target/nst-http.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "needs PostgreSQL: apt-get install -y postgresql" >&2; exit 2; }
work=$(mktemp -d)
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_postgres "$bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
pg_port=$(free_port)
as_postgres "$bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_postgres "$bin/pg_ctl" -D "$work/pg/data" -w -l "$work/pg/log" \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
sql() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -Atqc "$2"; }

node() { # node ROLE DATABASE PORT
  java -Xmx512m -Dmicronaut.server.port="$3" -Dnst.http.store=postgres -Dnst.http.role="$1" \
    -Ddatasources.default.url="jdbc:postgresql://127.0.0.1:$pg_port/$2" -Ddatasources.default.username=postgres \
    -Ddatasources.default.password= -Dnst.backend=cpu -Dnst.weights=random -Dnst.threads=1 -Dnst.http.workers=1 \
    -Dnst.http.queue-size=1000 -Dnst.http.data-dir="$work/data-$3" -jar "$jar" >"$work/node-$3.log" 2>&1 &
  pids+=($!)
}
await_up() {
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "node on port $1 did not start: $(tail -5 "$work/node-$1.log")" >&2; exit 1
}
submit() {
  curl -fs -F content=@examples/chelsea.jpg -F style=@examples/swirls.jpg -F size=32 -F iterations="$iterations" \
    "http://127.0.0.1:$1/api/transfers" | sed -E 's/.*"id":"([^"]+)".*/\1/'
}

echo "| workers | jobs | wall time | jobs per minute |"
echo "| --- | --- | --- | --- |"
for workers in 1 2; do
  db=nst_bench_$workers
  sql postgres "CREATE DATABASE $db"
  api=$(free_port)
  node api "$db" "$api"
  await_up "$api"
  for _ in $(seq 1 "$workers"); do w=$(free_port); node worker "$db" "$w"; await_up "$w"; done
  start=$(date +%s.%N)
  for _ in $(seq 1 "$jobs"); do submit "$api" >/dev/null; done
  while [ "$(sql "$db" "SELECT count(*) FROM nst_job WHERE status = 'SUCCEEDED'")" -lt "$jobs" ]; do
    if [ "$(sql "$db" "SELECT count(*) FROM nst_job WHERE status IN ('FAILED', 'CANCELLED')")" -gt 0 ]; then
      echo "a job failed: $(sql "$db" "SELECT error FROM nst_job WHERE error IS NOT NULL LIMIT 1")" >&2; exit 1
    fi
    sleep 0.2
  done
  end=$(sql "$db" "SELECT extract(epoch FROM max(finished_at)) FROM nst_job")
  awk -v w="$workers" -v n="$jobs" -v s="$start" -v e="$end" \
    'BEGIN { printf "| %d | %d | %.1f s | %.1f |\n", w, n, e - s, n * 60 / (e - s) }'

  if [ "$workers" = 2 ]; then
    # the final event of each of 10 jobs, as its client hears it, against the end its worker recorded
    lat="$work/latency"
    : >"$lat"
    for _ in $(seq 1 10); do
      id=$(submit "$api")
      curl -sN "http://127.0.0.1:$api/api/transfers/$id/events" | while IFS= read -r line; do
        case "$line" in event:*done*) date +%s.%N >"$work/heard"; break ;; esac
      done
      finished=$(sql "$db" "SELECT extract(epoch FROM finished_at) FROM nst_job WHERE id = '$id'")
      awk -v h="$(cat "$work/heard")" -v f="$finished" 'BEGIN { printf "%.0f\n", (h - f) * 1000 }' >>"$lat"
    done
    sort -n "$lat" | awk '{ v[NR] = $1 } END { printf "\nfinal event heard after the worker recorded it (10 jobs,'\
' nst.http.poll 250ms): median %d ms, max %d ms\n", v[int((NR + 1) / 2)], v[NR] }'
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
done
