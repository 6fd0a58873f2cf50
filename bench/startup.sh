#!/usr/bin/env bash
# Time from launching the jar to /actuator/health answering UP, on a fresh data folder and again on
# the same folder (a restart). Usage: ./mvnw -DskipTests package && bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=target/partner-hub.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -DskipTests package" >&2; exit 1; }
port=18181

measure() { # data-dir
  local start end pid
  start=$(date +%s%N)
  java -jar "$jar" --server.port=$port --hub.data-dir="$1" --hub.routes-dir="$1/routes" \
    --hub.embedded.kafka-port=0 --hub.embedded.kafka-controller-port=0 --hub.embedded.postgres-port=0 \
    > "$1.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/actuator/health" | grep -q '"status":"UP"'; do
    kill -0 $pid 2> /dev/null || { echo "hub exited, see $1.log" >&2; exit 1; }
    sleep 0.1
  done
  end=$(date +%s%N)
  kill $pid; wait $pid 2> /dev/null || true
  echo "scale=1; ($end - $start) / 1000000000" | bc
}

for i in $(seq "$runs"); do
  data=$(mktemp -d)/data
  fresh=$(measure "$data")
  again=$(measure "$data")
  echo "run $i: fresh data ${fresh}s, restart ${again}s"
  rm -rf "$(dirname "$data")"
done
