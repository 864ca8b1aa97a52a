#!/usr/bin/env bash
# Measures nst against the PyTorch baselines on this machine, interleaved (nst, torch, torch2, nst, torch, torch2, ...)
# so that noise from other tenants hits all alike. Prints every run's line and, per size, the median over rounds.
#
#   mvn -B -q package -DskipTests
#   sudo apt-get install python3-torch libopenblas0-openmp     # Debian 12: PyTorch 1.13 on oneDNN + OpenBLAS
#   mvn -B -q -Pbench-torch package -DskipTests                # optional: libtorch 2.x through DJL (bench/torch2)
#   bench/compare.sh [rounds=3] [sizes="256 512"] [iterations=10] [threads=2]
#
# "torch" is bench/pytorch_reference.py on Debian's PyTorch 1.13; "torch2" is bench/torch2/target/nst-torch2.jar, the
# same objective and optimiser on libtorch 2.x (from Maven Central, run offline), included when that jar is built.
# To compare two builds of nst instead (a change against the code before it), give the other build's jar:
#
#   BASELINE=/tmp/nst-before.jar TORCH=no TORCH2=no bench/compare.sh 5 "256 512"
#
# BASELINE adds a "base" run (that jar's nst bench) after each nst run; TORCH=no leaves PyTorch 1.13 out, TORCH2=no
# libtorch 2.x.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
sizes=${2:-"256 512"}
iterations=${3:-10}
threads=${4:-2}
jar=app-cli/target/nst.jar
baseline=${BASELINE:-}
torch=${TORCH:-yes}
torch2=${TORCH2:-yes}
torch2_jar=bench/torch2/target/nst-torch2.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
[ -z "$baseline" ] || [ -f "$baseline" ] || { echo "BASELINE=$baseline: no such jar" >&2; exit 2; }
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
impls="nst"
[ -z "$baseline" ] || impls="$impls base"
[ "$torch" = "no" ] || impls="$impls torch"
if [ "$torch2" != "no" ] && [ ! -f "$torch2_jar" ]; then
  echo "torch2 skipped: $torch2_jar not built (mvn -B -q -Pbench-torch package -DskipTests; TORCH2=no silences this)" >&2
  torch2=no
fi
[ "$torch2" = "no" ] || impls="$impls torch2"
log=$(mktemp)
for round in $(seq "$rounds"); do
  for size in $sizes; do
    echo "nst   $(java -jar "$jar" bench --size "$size" --iterations "$iterations" --threads "$threads" | grep '^bench ')" | tee -a "$log"
    if [ -n "$baseline" ]; then
      echo "base  $(java -jar "$baseline" bench --size "$size" --iterations "$iterations" --threads "$threads" | grep '^bench ')" | tee -a "$log"
    fi
    if [ "$torch" != "no" ]; then
      echo "torch $(/usr/bin/python3 bench/pytorch_reference.py --size "$size" --iterations "$iterations" --threads "$threads" | grep '^bench ')" | tee -a "$log"
    fi
    if [ "$torch2" != "no" ]; then
      echo "torch2 $(java -jar "$torch2_jar" --size "$size" --iterations "$iterations" --threads "$threads" | grep '^bench ')" | tee -a "$log"
    fi
  done
done
echo
printf '%-6s %-6s %-22s %-14s\n' size impl "median s/iteration" "max peak RSS MiB"
for size in $sizes; do
  for impl in $impls; do
    grep "^$impl .*size=$size " "$log" | sed -E 's/.*median=([0-9.]+).*peak_rss_mib=([0-9]+|unknown).*/\1 \2/' \
      | sort -n | awk -v s="$size" -v i="$impl" '{t[NR]=$1; if ($2+0 > r) r=$2+0} END {m=int((NR+1)/2); printf "%-6s %-6s %-22s %-14s\n", s, i, t[m] " (" NR " runs)", r}'
  done
done
rm -f "$log"
