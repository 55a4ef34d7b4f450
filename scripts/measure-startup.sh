#!/usr/bin/env bash
# Start-up time of the AppHost as an operator sees it: from `dotnet run --project HelpDesk.AppHost` (already built) to
# the gateway's /health = 200, and to the AppHost's "HelpDesk is running" line (every resource healthy, demo off).
# Each run gets a fresh data directory and free ports; the load average is printed with every figure (the machine
# may be shared). Figures go to docs/foundation.md ("Start-up figures").
#
#   scripts/measure-startup.sh [--runs N] [--mode embedded|distributed|both] [--tree DIR] [--no-build]
#
# --tree measures another checkout (e.g. an older commit in a worktree) with the same method.
set -uo pipefail
runs=3
mode=both
tree=$(cd "$(dirname "$0")/.." && pwd)
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift ;;
    --mode) mode=$2; shift ;;
    --tree) tree=$(cd "$2" && pwd); shift ;;
    --no-build) build=0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$build" -eq 1 ]; then
  dotnet build "$tree/HelpDesk.AppHost" -c Release -v q -nologo >/dev/null || { echo "build failed" >&2; exit 1; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }

# One run: prints "<seconds to /health 200> <seconds to 'HelpDesk is running'> <load at start>".
measure() {
  local distributed=$1 port data log pid start health ready load
  port=$(free_port)
  data=$(mktemp -d /tmp/hd-startup-XXXXXX)
  # mktemp makes it 0700: the local PostgreSQL runs as the postgres user and must reach its directory inside.
  chmod 755 "$data"
  log="$data.log"
  : >"$log"
  local args=(--port "$port" --data "$data/data" --no-demo)
  [ "$distributed" -eq 1 ] && args+=(--distributed --no-containers)
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(now)
  # The launch profile's fixed dashboard ports would collide with other runs on a shared machine: the same
  # settings with free ports instead.
  ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  ASPNETCORE_URLS="http://localhost:$(free_port)" ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$(free_port)" \
    dotnet run --project "$tree/HelpDesk.AppHost" -c Release --no-build --no-launch-profile -- "${args[@]}" >"$log" 2>&1 &
  pid=$!
  health=""
  ready=""
  local deadline=$(( $(date +%s) + 300 ))
  while [ "$(date +%s)" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null; do
    if [ -z "$health" ] && curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/health"; then
      health=$(echo "$(now) - $start" | bc)
    fi
    if [ -z "$ready" ] && grep -q "HelpDesk is running" "$log"; then
      ready=$(echo "$(now) - $start" | bc)
    fi
    [ -n "$health" ] && [ -n "$ready" ] && break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -z "$health" ]; then
    echo "failed (log kept: $log)" >&2
    tail -20 "$log" >&2
    printf 'failed - %s\n' "$load"
    rm -rf "$data"
    return 1
  fi
  rm -rf "$data" "$log"
  printf '%.1f %.1f %s\n' "$health" "${ready:-0}" "$load"
}

modes=()
case "$mode" in
  embedded) modes=(0) ;;
  distributed) modes=(1) ;;
  both) modes=(0 1) ;;
  *) echo "--mode embedded|distributed|both" >&2; exit 2 ;;
esac
echo "tree $tree ($(git -C "$tree" rev-parse --short HEAD)), $(nproc) cores"
for distributed in "${modes[@]}"; do
  name=embedded; [ "$distributed" -eq 1 ] && name=distributed
  for i in $(seq "$runs"); do
    read -r health ready load < <(measure "$distributed")
    echo "$name run $i: gateway /health 200 after ${health} s, all resources healthy after ${ready} s (load ${load} at start, $(cut -d' ' -f1 /proc/loadavg) at end)"
  done
done
