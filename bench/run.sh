#!/usr/bin/env bash
# Builds the server jar and the benchmark harness, runs every benchmark against the jar over
# loopback, and writes bench/RESULTS.md. `--smoke` runs the same suite at tiny sizes, as
# `mvn verify` does (bench's SmokeSuiteIT), to check that it still builds and runs; its figures
# mean nothing.
#
#   bench/run.sh            # full sizes: about 7 minutes on 2 cores
#   bench/run.sh --smoke    # writes bench/target/RESULTS-smoke.md instead
#   bench/run.sh ingest     # only the named benchmarks (startup, api, ingest, memory), to
#                           # bench/target/RESULTS-partial.md: for working on one target
#   BENCH_SERVER_OPTS='-XX:StartFlightRecording=filename=/tmp/api.jfr,settings=profile' bench/run.sh api
#                           # extra JVM options for the servers under test, e.g. to profile them
set -euo pipefail
cd "$(dirname "$0")/.."

# -am builds impl in the same reactor, so the harness never picks up another build's jar from ~/.m2
mvn -B -ntp -q -DskipTests package -pl bench -am

results=bench/RESULTS.md
if [ "${1:-}" = "--smoke" ]; then
  results=bench/target/RESULTS-smoke.md
elif [ $# -gt 0 ]; then
  results=bench/target/RESULTS-partial.md
fi
scratch=bench/target/scratch
rm -rf "$scratch"
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.cocsync.bench.BenchMain \
  impl/target/coc-multicloud-sync.jar "$scratch" "$results" "$@"
