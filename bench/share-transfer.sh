#!/usr/bin/env bash
# Share-link transfer benchmark: uploads and downloads a file through a Vaultdrop share link and
# does the same transfer against nginx on loopback (PUT to disk; static GET with sendfile off), in
# one run, then prints medians, ratios and the server's peak RSS (VmHWM).
#
#   bench/share-transfer.sh [size-in-MiB ...]      default: 256 1024
#   ROUNDS=5 bench/share-transfer.sh 1024          rounds per size (default 3)
#   TUS=1 bench/share-transfer.sh 1024             also upload through tus each round (one PATCH
#                                                 of the whole file, then the share's create call)
#   FLUSH=1 bench/share-transfer.sh 1024           old behaviour: sync before each upload
#   VERBOSE=1 ...                                  also print every round
#
# Each size gets a fresh server (-Xmx256m, empty data folder), so the peak RSS of each run can be
# compared: it must not grow with the file size. The server first makes one untimed 256 MiB share
# transfer (a JVM compiles its hot code during the first seconds; nginx has nothing to warm up).
# Then each round times an upload and a download on each side, nginx and Vaultdrop alternating:
# odd rounds start with nginx, even rounds with Vaultdrop, so that neither side always runs while
# the kernel writes back the other's dirty pages. By default the page cache is left alone for both
# sides (nobody runs a server that syncs before each request); FLUSH=1 runs `sync` before each
# upload, the old behaviour, which the output names. Both sides download to /dev/null; one more
# download of the share is compared byte for byte with the original.
#
# Needs: curl, nginx (Debian nginx-light), a JDK 25, and target/vaultdrop.jar (built here when
# missing; JAR=... picks another; SERVER_JAVA_OPTS=... adds JVM options to the server). Everything
# runs on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(256 1024)
rounds=${ROUNDS:-3}
flush=${FLUSH:-0}
java=${JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n1)}
[ -x "$java" ] || { echo "no JDK 25 found; set JAVA=/path/to/java" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx missing: apt-get install nginx-light" >&2; exit 1; }
jar=${JAR:-target/vaultdrop.jar}
[ -f "$jar" ] || ./mvnw -q -B package -DskipTests

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mib_per_s() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
before_upload() { if [ "$flush" = 1 ]; then sync; fi; }

start_nginx() {
  mkdir -p "$work/nginx/www" "$work/nginx/tmp"
  local port=$((20000 + RANDOM % 20000))
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$work/nginx/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
  access_log off;
  sendfile off;
  client_max_body_size 0;
  client_body_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$port;
    root $work/nginx/www;
    location / { dav_methods PUT; create_full_put_path on; }
  }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
  nginx_url="http://127.0.0.1:$port"
  for _ in $(seq 50); do curl -s -o /dev/null "$nginx_url/" && return; sleep 0.1; done
  echo "nginx did not start" >&2; exit 1
}

start_vaultdrop() {
  local data="$work/data-$1" log="$work/server-$1.log"
  admin_password="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  SERVER_PORT=0 VAULTDROP_DATA_DIR="$data" VAULTDROP_MAX_UPLOAD_SIZE=16GB \
    VAULTDROP_ADMIN_EMAIL=bench@vaultdrop.test VAULTDROP_ADMIN_PASSWORD="$admin_password" \
    "$java" -Xmx256m ${SERVER_JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 240); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -n1)
    [ -n "$port" ] && break
    sleep 0.5
  done
  [ -n "$port" ] || { echo "Vaultdrop did not start:" >&2; tail -20 "$log" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  # The first administrator is created just after Tomcat starts: retry while it is not there yet.
  for _ in $(seq 30); do
    token=$(curl -sS -H 'Content-Type: application/json' \
      -d "{\"email\":\"bench@vaultdrop.test\",\"password\":\"$admin_password\"}" \
      "$base/api/v1/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] && break
    sleep 1
  done
  [ -n "$token" ] || { echo "could not get an API token" >&2; exit 1; }
}

stop_vaultdrop() {
  peak_kib=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# Uploads $1 as a share that allows $2 downloads; sets share and speed.
share_upload() {
  local created
  created=$(curl -sS -H "Authorization: Bearer $token" -F "maxDownloads=$2" -F "file=@$1" \
    -w '\n%{speed_upload}' "$base/api/v1/shares")
  speed=$(tail -n1 <<<"$created")
  share=$(head -n1 <<<"$created" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ -n "$share" ] || { echo "share creation failed: $created" >&2; exit 1; }
}

# Uploads $1 through tus (one PATCH with the whole file), then makes it a share; sets tus_speed
# (the PATCH) and tus_total (bytes per second of PATCH and create call together).
tus_upload() {
  local size location patch claim id
  size=$(stat -c %s "$1")
  location=$(curl -sS -o /dev/null -w '%header{location}' -X POST -H "Authorization: Bearer $token" \
    -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $size" "$base/api/v1/uploads")
  [ -n "$location" ] || { echo "tus creation failed" >&2; exit 1; }
  read -r code tus_speed patch < <(curl -sS -o /dev/null -X PATCH -T "$1" \
    -H "Authorization: Bearer $token" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
    -H 'Content-Type: application/offset+octet-stream' \
    -w '%{http_code} %{speed_upload} %{time_total}\n' "$base$location")
  [ "$code" = 204 ] || { echo "tus PATCH failed ($code)" >&2; exit 1; }
  id=${location##*/}
  read -r code claim < <(curl -sS -o /dev/null -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"uploadId\":\"$id\"}" \
    -w '%{http_code} %{time_total}\n' "$base/api/v1/shares")
  [ "$code" = 201 ] || { echo "share from tus upload failed ($code)" >&2; exit 1; }
  tus_total=$(awk -v b="$size" -v p="$patch" -v c="$claim" 'BEGIN { printf "%.0f", b / (p + c) }')
}

share_download() {
  curl -sS -X POST -o "$2" -w '%{speed_download}' "$base/api/v1/shares/$1/download"
}

nginx_round() {
  before_upload
  read -r code speed < <(curl -sS -o /dev/null -w '%{http_code} %{speed_upload}\n' \
    -T "$file" "$nginx_url/payload.bin")
  [[ "$code" == 20[14] ]] || { echo "nginx PUT failed ($code)" >&2; exit 1; }
  up_nginx+=("$speed")
  read -r code speed < <(curl -sS -o /dev/null -w '%{http_code} %{speed_download}\n' \
    "$nginx_url/payload.bin")
  [ "$code" = 200 ] || { echo "nginx GET failed ($code)" >&2; exit 1; }
  down_nginx+=("$speed")
  rm -f "$work/nginx/www/payload.bin"
}

vaultdrop_round() {
  before_upload
  share_upload "$file" 2
  up_share+=("$speed")
  down_share+=("$(share_download "$share" /dev/null)")
  share_download "$share" "$work/back.bin" >/dev/null
  cmp -s "$file" "$work/back.bin" || { echo "downloaded bytes differ" >&2; exit 1; }
  rm -f "$work/back.bin"
  if [ -n "${TUS:-}" ]; then
    before_upload
    tus_upload "$file"
    up_tus+=("$tus_speed")
    up_tus_total+=("$tus_total")
  fi
}

start_nginx
if [ "$flush" = 1 ]; then
  echo "page cache: sync before every upload (FLUSH=1); $rounds rounds, medians"
else
  echo "page cache: not flushed for either side; $rounds rounds, medians"
fi
printf '%-8s %12s %12s %6s %12s %12s %6s %12s\n' size "nginx PUT" "share up" ratio \
  "nginx GET" "share down" ratio "peak RSS"
for size in "${sizes[@]}"; do
  file="$work/payload.bin"
  head -c "$((size * 1048576))" /dev/urandom >"$file"
  start_vaultdrop "$size"

  head -c 268435456 /dev/urandom >"$work/warm-up.bin"
  share_upload "$work/warm-up.bin" 1
  share_download "$share" /dev/null >/dev/null
  rm -f "$work/warm-up.bin"

  up_nginx=() up_share=() down_nginx=() down_share=() up_tus=() up_tus_total=()
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
      nginx_round; vaultdrop_round
    else
      vaultdrop_round; nginx_round
    fi
  done
  stop_vaultdrop
  rm -f "$file"

  up_n=$(median "${up_nginx[@]}") up_s=$(median "${up_share[@]}")
  down_n=$(median "${down_nginx[@]}") down_s=$(median "${down_share[@]}")
  printf '%-8s %9s MiB/s %9s MiB/s %6s %9s MiB/s %9s MiB/s %6s %9s MiB\n' "${size}MiB" \
    "$(mib_per_s "$up_n")" "$(mib_per_s "$up_s")" "$(ratio "$up_s" "$up_n")" \
    "$(mib_per_s "$down_n")" "$(mib_per_s "$down_s")" "$(ratio "$down_s" "$down_n")" \
    "$((peak_kib / 1024))"
  if [ -n "${TUS:-}" ]; then
    up_t=$(median "${up_tus[@]}") up_tt=$(median "${up_tus_total[@]}")
    printf '  tus: PATCH %s MiB/s (%s of nginx PUT); PATCH + create call %s MiB/s\n' \
      "$(mib_per_s "$up_t")" "$(ratio "$up_t" "$up_n")" "$(mib_per_s "$up_tt")"
  fi
  if [ -n "${VERBOSE:-}" ]; then
    for list in up_nginx up_share down_nginx down_share; do
      declare -n values=$list
      printf '  %-10s' "$list"; for v in "${values[@]}"; do printf ' %6s' "$(mib_per_s "$v")"; done
      echo
    done
  fi
done
echo "targets: ratios >= 0.6 (goal 0.9), peak RSS < 400 MB and independent of size (-Xmx256m)"
