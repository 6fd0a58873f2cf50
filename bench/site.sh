#!/usr/bin/env bash
# JMH benchmark of the static site's page rendering (a notice page, a list page), two forks, one thread.
# Usage: bench/site.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main SitePagesBenchmark "$@"
