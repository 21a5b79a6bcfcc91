#!/usr/bin/env bash
# Runs every JMH configuration of benchmarks.jar in its own fork, in both modes (throughput in
# ops/s, average time in µs/op), each after the machine has been idle for 5 s, and records how
# busy the whole machine was during each run (a single-threaded benchmark alone keeps a 2-core
# machine about 50-55 % busy; much more means another process interfered).
# Usage: benchmarks/run-jmh.sh OUTDIR [all|issue|resource]   (from the repository root, after the
# build; "issue" is the token endpoint's set, "resource" the resource side's, default all)
set -euo pipefail
out=${1:?usage: run-jmh.sh OUTDIR [all|issue|resource]}
which=${2:-all}
jar=${JAR:-benchmarks/target/benchmarks.jar}   # JAR=... to measure another build (before/after a change)
mkdir -p "$out"

busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
wait_idle() {  # until the machine is under 10 % busy over 5 s, for at most IDLE_TRIES x 5 s (10 minutes)
  for _ in $(seq "${IDLE_TRIES:-120}"); do
    read -r b1 t1 < <(busy_ticks); sleep 5; read -r b2 t2 < <(busy_ticks)
    (( 100 * (b2 - b1) / (t2 - t1) < 10 )) && return 0
  done
  echo "machine never idle; running anyway" >&2
}

run() {  # benchmark-method param mode unit   (param "-": the benchmark has no algorithm parameter)
  local name="$1-$2-$3"
  local param=(-p "algorithm=$2")
  [[ $2 == - ]] && param=()
  wait_idle
  read -r b1 t1 < <(busy_ticks)
  java -jar "$jar" "io.tokengate.benchmarks.$1\$" "${param[@]}" -bm "$3" -tu "$4" \
      -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff "$out/$name.json" > "$out/$name.txt" 2>&1
  read -r b2 t2 < <(busy_ticks)
  echo "$name machine-busy=$(( 100 * (b2 - b1) / (t2 - t1) ))%" | tee -a "$out/busy.txt"
}

if [[ $which == all || $which == resource ]]; then
  # average time only: single-threaded, its throughput is the reciprocal
  for a in ES256-BC ES256-JDK RS256; do
    run ResourceBenchmark.validateHit $a avgt us
    run ResourceBenchmark.validateMiss $a avgt us
  done
  for b in filterHit filterHitUnbound noFilter; do run ResourceBenchmark.$b - avgt us; done
fi
[[ $which == resource ]] && exit 0

for mode in "thrpt s" "avgt us"; do
  for a in ES256-BC ES256-BCKEY ES256-JDK RS256-JDK PS256-JDK; do run SigningBenchmark.sign $a $mode; done
  for a in ES256-BC ES256-BCKEY ES256-JDK RS256-JDK; do run SigningBenchmark.parseAndVerify $a $mode; done
  for a in ES256-BC ES256-JDK RS256-JDK; do
    run TokenIssueBenchmark.endpoint $a $mode
    run TokenIssueBenchmark.issuerOnly $a $mode
  done
done
