#!/usr/bin/env bash
# Checks the memory plan against what a transfer really uses: for each size and tile setting, the peak host memory
# `nst plan --json` predicts and the peak resident memory (VmHWM, as GNU time's %M reports it) of the same
# `nst transfer`, on the CPU backend with random weights. Prints one line per run and a Markdown table.
#
#   mvn -B -q package -DskipTests
#   bench/memory.sh [runs="256:off 256:64 1024:off 1024:256 3000:off 3000:512"] [iterations=2] [optimizer=lbfgs]
#
# Each run is SIZE:TILES with TILES off, auto or an interior in pixels. The pictures are the bundled examples.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-"256:off 256:64 1024:off 1024:256 3000:off 3000:512"}
iterations=${2:-2}
optimizer=${3:-lbfgs}
jar=app-cli/target/nst.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
out=$(mktemp -d)
common=(--content examples/chelsea.jpg --style examples/swirls.jpg --weights random --init content
        --iterations "$iterations" --optimizer "$optimizer" --backend cpu --print-every 0)
rows=()
for run in $runs; do
  size=${run%%:*}
  tiles=${run##*:}
  plan=$(java -jar "$jar" plan "${common[@]}" --size "$size" --tile-size "$tiles" --json 2>/dev/null)
  planned=$(sed -E 's/.*"peakHostMiB":([0-9]+).*/\1/' <<<"$plan")
  tile=$(sed -E 's/.*"stages":\[\{[^]]*"tiles":([0-9]+).*/\1/' <<<"$plan")
  /usr/bin/time -o "$out/time" -f "%M %e" java -jar "$jar" transfer "${common[@]}" --size "$size" \
      --tile-size "$tiles" --output "$out/$size-$tiles.png" >/dev/null 2>"$out/err"
  read -r kib wall <"$out/time"
  measured=$((kib / 1024))
  ratio=$(awk -v m="$measured" -v p="$planned" 'BEGIN {printf "%.2f", m / p}')
  echo "memory size=$size tile_size=$tiles tiles=$tile planned_mib=$planned measured_mib=$measured measured/planned=$ratio wall_s=$wall"
  rows+=("| $size | $tiles | $tile | $planned MiB | $measured MiB | $ratio |")
done
echo
echo "| size | --tile-size | tiles | plan: peak host | measured: peak RSS | measured / plan |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
rm -rf "$out"
