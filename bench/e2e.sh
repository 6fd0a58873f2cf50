#!/usr/bin/env bash
# End-to-end load benchmark on the embedded default: a hub with its own broker and PostgreSQL, signed
# pushes in, timed until every channel has caught up, beside the raw Kafka produce rate of the same
# payloads. Usage: bench/e2e.sh [--quick] [--jfr] [options; --help lists them]
# Figures: a table on stdout and target/bench/e2e-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" gr.accmr.hub.bench.EndToEndLoad "$@"
