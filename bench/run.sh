#!/bin/sh
# Builds the node, the cities sample, the baseline service and the ceiling, then runs the
# whole comparison (bench/harness/run.py) and writes bench/results/<UTC time>.{json,svg,md}.
# Options go to the harness; python3 bench/harness/run.py --help lists them (connection
# settings, step length). BENCH_SKIP_BUILD=1 reuses the jars already built.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
for tool in wrk psql redis-cli java python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "bench/run.sh: $tool is missing; install it (wrk: apt-get install -y wrk)" >&2
        exit 1
    fi
done
if [ -z "$BENCH_SKIP_BUILD" ]; then
    ./mvnw -q -DskipTests package
    ./mvnw -q -Pbench -DskipTests -pl bench/baseline,bench/ceiling package
fi
exec python3 bench/harness/run.py "$@"
