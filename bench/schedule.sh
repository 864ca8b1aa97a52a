#!/usr/bin/env bash
# What coarse to fine buys: wall time to a finished image and its final loss at full size (the last row of
# --metrics, the same loss definition for both), one stage of N iterations against --scales auto (which doubles from
# 256-511 px, starting with N iterations and halving them stage by stage). CPU backend, random weights, the bundled
# pictures, noise init, L-BFGS.
#
#   mvn -B -q package -DskipTests
#   bench/schedule.sh [size=1024] [iterations=1000] [threads=2] [schedules="one auto"]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
iterations=${2:-1000}
threads=${3:-2}
schedules=${4:-one auto}
jar=app-cli/target/nst.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
out=$(mktemp -d)
echo "| schedule | stages | wall time to the finished ${size} px image | final loss at ${size} px |"
echo "| --- | --- | --- | --- |"
for scales in $schedules; do
  extra=()
  [ "$scales" = one ] || extra=(--scales auto)
  /usr/bin/time -o "$out/time" -f "%e" java -jar "$jar" transfer --content examples/chelsea.jpg \
      --style examples/swirls.jpg --weights random --size "$size" --iterations "$iterations" --threads "$threads" \
      --backend cpu --print-every 0 --metrics "$out/$scales.jsonl" --output "$out/$scales.png" "${extra[@]}" >/dev/null
  wall=$(cat "$out/time")
  loss=$(tail -1 "$out/$scales.jsonl" | sed -E 's/.*"loss":([^,]+),.*/\1/')
  stages=$(grep -o '"stage":[0-9]*,"size":[0-9]*' "$out/$scales.jsonl" | sort -u -t: -k2,2n \
      | sed -E 's/"stage":[0-9]*,"size":([0-9]*)/\1/' | paste -sd, - || true)
  rows=$(wc -l <"$out/$scales.jsonl")
  echo "| $scales | ${stages:-$size} ($((rows)) evaluations) | $(awk -v s="$wall" 'BEGIN {printf "%dm %02ds", s / 60, s % 60}') | $loss |"
done
rm -rf "$out"
