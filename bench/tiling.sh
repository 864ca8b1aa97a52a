#!/usr/bin/env bash
# What tiles cost: seconds per iteration of `nst bench` on the whole image and on tiles of several sizes, at a size
# where the whole image fits too, interleaved (whole, 768, 512, ..., whole, 768, ...) so that noise hits all alike.
# Prints every run's line and, per tile size, the median over rounds and its ratio to the whole image's.
#
#   mvn -B -q package -DskipTests
#   bench/tiling.sh [rounds=3] [size=1024] [tiles="off 768 512 384 256"] [iterations=4] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
size=${2:-1024}
tiles=${3:-"off 768 512 384 256"}
iterations=${4:-4}
threads=${5:-2}
jar=app-cli/target/nst.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
log=$(mktemp)
for round in $(seq "$rounds"); do
  for tile in $tiles; do
    echo "tile=$tile $(java -jar "$jar" bench --size "$size" --iterations "$iterations" --warmup 1 \
        --threads "$threads" --tile-size "$tile" --backend cpu | grep '^bench ')" | tee -a "$log"
  done
done
echo
whole=$(grep "^tile=off " "$log" | sed -E 's/.*median=([0-9.]+).*/\1/' | sort -n | awk '{t[NR]=$1} END {print t[int((NR+1)/2)]}')
echo "| --tile-size | tiles | tile read (px) | s/iteration (median of $rounds) | vs whole image | planned s/iteration | peak RSS MiB |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for tile in $tiles; do
  grep "^tile=$tile " "$log" | sed -E 's/.*median=([0-9.]+).*peak_rss_mib=([0-9]+).* tiles=([0-9]+) tile_size=([0-9]+).*planned_seconds_per_iteration=([0-9.]+).*/\1 \2 \3 \4 \5/' \
    | sort -n | awk -v t="$tile" -v w="$whole" '{m[NR]=$1; if ($2+0 > r) r=$2+0; n=$3; p[NR]=$5} END {i=int((NR+1)/2); printf "| %s | %s | | %.3f | %.2fx | %.3f | %d |\n", t, n, m[i], m[i]/w, p[i], r}'
done
rm -f "$log"
