#!/usr/bin/env bash
# JMH benchmark of the normalize stage (raw record → notice JSON), two forks, one thread.
# Usage: bench/normalize.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main NormalizeBenchmark "$@"
