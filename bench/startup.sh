#!/usr/bin/env bash
# Start-up benchmark: how long the packaged server takes from `java` to its first served page, and
# its resident memory then, RUNS times per mode (default 5), medians printed.
#
#   bench/startup.sh                 modes: jar (plain `java -jar`) and aot (JDK AOT cache)
#   MODES=jar bench/startup.sh       only one mode
#   RUNS=9 bench/startup.sh          more runs
#
# Each run starts on an empty data folder (the first start's work included: database migrations,
# the generated master key) and a free port, then polls GET / every 50 ms until it answers 200.
#
# Mode aot is the fast-start command of the README: the jar extracted
# (`java -Djarmode=tools -jar vaultdrop.jar extract`) and an AOT cache (JDK 25, JEP 483/514/515:
# classes loaded and linked, method profiles) recorded by one training run that starts the
# application and exits once it is ready (`-Dspring.context.exit=onRefresh`); the timed runs use
# it (`-XX:AOTCache=`). The cache belongs to one JDK build and one jar: record it again after
# either changes (the JVM refuses a stale cache with a warning and starts without it).
#
# Needs: curl, a JDK 25 (JAVA=... to pick one), target/vaultdrop.jar (JAR=...; built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
modes=${MODES:-jar aot}
java=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n1)}
[ -x "$java" ] || { echo "no JDK 25 found; set JAVA=/path/to/java" >&2; exit 1; }
jar=${JAR:-target/vaultdrop.jar}
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests

work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now_ms() { date +%s%3N; }
free_port() { echo $((20000 + RANDOM % 20000)); }

# One timed start: prints "<ms to first page> <RSS MiB>".
timed_start() {
  local port data log started
  port=$(free_port)
  data=$(mktemp -d -p "$work")
  log="$data.log"
  started=$(now_ms)
  "$java" "$@" --server.port="$port" --vaultdrop.data-dir="$data" >"$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the server exited; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.05
  done
  local elapsed=$(($(now_ms) - started))
  local rss
  rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  echo "$elapsed $rss"
}

measure() {
  local mode=$1
  shift
  local times=() rss=()
  for run in $(seq "$runs"); do
    timed_start "$@" >"$work/run"
    read -r t r <"$work/run"
    [ -n "${VERBOSE:-}" ] && echo "  $mode run $run: $t ms, $r MiB" >&2
    times+=("$t")
    rss+=("$r")
  done
  printf '%-4s first page after %5s ms (median of %s; min %s, max %s), RSS %s MiB\n' \
    "$mode" "$(median "${times[@]}")" "$runs" \
    "$(printf '%s\n' "${times[@]}" | sort -g | head -n1)" \
    "$(printf '%s\n' "${times[@]}" | sort -g | tail -n1)" \
    "$(median "${rss[@]}")"
}

echo "$("$java" -version 2>&1 | head -n1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in $modes; do
  case $mode in
    jar)
      measure jar -jar "$jar"
      ;;
    aot)
      "$java" -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
      training=$(mktemp -d -p "$work")
      "$java" -XX:AOTCacheOutput="$work/app/vaultdrop.aot" -Dspring.context.exit=onRefresh \
        -jar "$work/app/vaultdrop.jar" --vaultdrop.data-dir="$training" --server.port=0 \
        >"$work/training.log" 2>&1 || { cat "$work/training.log" >&2; exit 1; }
      measure aot -XX:AOTCache="$work/app/vaultdrop.aot" -jar "$work/app/vaultdrop.jar"
      ;;
    *)
      echo "unknown mode $mode (jar, aot)" >&2
      exit 1
      ;;
  esac
done
