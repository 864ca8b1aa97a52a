#!/usr/bin/env bash
# Verifies and benchmarks the CUDA backend on a machine with an NVIDIA GPU, in two steps so that the GPU machine needs
# neither Maven nor internet access:
#
#   bench/gpu-verify.sh bundle        # where Maven works (no GPU needed): builds target/gpu-verify/ (about 50 MB):
#                                     # nst.jar without oneDNN, the GPU tests, the JUnit console launcher and a
#                                     # trimmed Java runtime (jlink), for GPU machines without Java
#   bench/gpu-verify.sh run [sizes]   # on the GPU machine, from the repository root with target/gpu-verify/ copied
#                                     # there: nst backends, the GPU tests (backend contract, CPU parity, memory,
#                                     # precision), then nst bench against PyTorch at each size (default "512 1024"),
#                                     # L-BFGS, fp32 and tf32
#
# On a GPU machine with Maven, `mvn -B verify` runs the same GPU tests (they are skipped, with the reason, elsewhere).
# The CPU side of the parity test runs on the pure-Java kernels (oneDNN's 26 MB stay behind to keep the bundle small).
# PYTHON selects the interpreter with a CUDA build of PyTorch (default: /opt/torch/.venv/bin/python if present, else
# python3); ITERATIONS and WARMUP the timed and untimed iterations (default 20 and 3).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/gpu-verify

bundle() {
  mvn -B -q package -DskipTests
  rm -rf "$out" && mkdir -p "$out"
  cp app-cli/target/nst.jar "$out/"
  zip -q -d "$out/nst.jar" 'org/bytedeco/dnnl/*' 'org/bytedeco/opencl/*' 'lib/*windows*'
  cp core/target/nst-core-*-tests.jar "$out/core-tests.jar"
  jar --create --file "$out/cuda-tests.jar" -C cuda-backend/target/test-classes .
  local platform assertj
  platform=$(sed -n 's:.*<junit.version>5\.\(.*\)</junit.version>.*:1.\1:p' pom.xml)
  assertj=$(sed -n 's:.*<assertj.version>\(.*\)</assertj.version>.*:\1:p' pom.xml)
  for artifact in "org.junit.platform:junit-platform-console-standalone:$platform" "org.assertj:assertj-core:$assertj"; do
    mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$out" -Dmdep.stripVersion=true
  done
  # A Java runtime of the modules nst needs, for GPU machines without one (unpacked by `run` if java is missing).
  local jdk modules
  jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 app-cli/target/nst.jar)
  "$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec,jdk.zipfs" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$out/jre"
  tar czf "$out/jre.tgz" -C "$out" jre && rm -rf "$out/jre"
  du -sh "$out"
  ls -l "$out"
}

run() {
  local sizes=${1:-"512 1024"} iterations=${ITERATIONS:-20} warmup=${WARMUP:-3} python
  [ -f "$out/nst.jar" ] || { echo "no $out/nst.jar: run 'bench/gpu-verify.sh bundle' first and copy $out here" >&2; exit 2; }
  if ! command -v java >/dev/null; then
    local jre=${TMPDIR:-/tmp}/nst-gpu-verify
    rm -rf "$jre" && mkdir -p "$jre" && tar xzf "$out/jre.tgz" -C "$jre"
    export PATH="$jre/jre/bin:$PATH"
  fi
  export NST_CPU_KERNELS=java
  if [ -n "${PYTHON:-}" ]; then python=$PYTHON
  elif [ -x /opt/torch/.venv/bin/python ]; then python=/opt/torch/.venv/bin/python
  else python=python3; fi

  echo "== machine"
  if command -v nvidia-smi >/dev/null; then nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; else echo "nvidia-smi: not installed"; fi
  java -version 2>&1 | head -1
  echo "== nst backends"
  java -jar "$out/nst.jar" backends

  echo "== GPU tests (skipped, with the reason, if cuda is unavailable)"
  java -jar "$out/junit-platform-console-standalone.jar" execute --disable-banner --disable-ansi-colors --details=tree \
    --class-path "$out/nst.jar:$out/cuda-tests.jar:$out/core-tests.jar:$out/assertj-core.jar" \
    --select-class dev.nst.cuda.CudaBackendProviderOnThisMachineTest \
    --select-class dev.nst.cuda.CudaContractTest \
    --select-class dev.nst.cuda.CpuCudaParityTest \
    --select-class dev.nst.cuda.CudaBackendOnGpuTest || echo "GPU tests: FAILED (see above)"

  echo "== benchmark: seconds per iteration, L-BFGS, VGG19 to relu5_1, random weights ($iterations timed after $warmup)"
  for size in $sizes; do
    for precision in fp32 tf32; do
      echo "nst   $(java -jar "$out/nst.jar" bench --backend cuda --size "$size" --iterations "$iterations" \
        --warmup "$warmup" --precision "$precision" 2>&1 | tail -1)"
      echo "torch $("$python" bench/pytorch_reference.py --device cuda --size "$size" --iterations "$iterations" \
        --warmup "$warmup" --precision "$precision" 2>&1 | tail -1)"
    done
  done
}

case "${1:-}" in
  bundle) bundle ;;
  run) shift; run "$@" ;;
  *) echo "usage: bench/gpu-verify.sh bundle | run [sizes]" >&2; exit 2 ;;
esac
