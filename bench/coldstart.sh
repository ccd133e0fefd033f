#!/usr/bin/env bash
# Cold start of the built Release API on an empty SQLite database (all migrations, the bootstrap admin) until
# GET /health/ready answers 200, RUNS times (default 5); prints each time and the median. Build first
# (bench/run.sh does, or: dotnet build api -c Release). The clock starts just before `dotnet CommunityHub.Api.dll`.
set -euo pipefail
RUNS="${RUNS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
API_DIR="${API_DIR:-$ROOT/api/bin/Release/net10.0}"
WORK="$(mktemp -d)"
API_PID=""
cleanup() { [[ -n "$API_PID" ]] && kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
times=()
cpus=()
for run in $(seq "$RUNS"); do
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  DB="$WORK/cold-$run.db"
  start=$(date +%s%N)
  (
    cd "$API_DIR"
    export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false} ConnectionStrings__CommunityHub="Data Source=$DB"
    export Auth__SigningKey="coldstart-signing-key-0123456789-0123456789-abcdef"
    export Bootstrap__AdminEmail="cold@example.fi" Bootstrap__AdminPassword="cold-start-password-2026" Seed__DemoData=false
    export Logging__LogLevel__Default=Warning
    exec dotnet CommunityHub.Api.dll --urls "http://127.0.0.1:$PORT"
  ) >"$WORK/api-$run.log" 2>&1 &
  API_PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null; do
    kill -0 "$API_PID" 2>/dev/null || { echo "API exited:"; cat "$WORK/api-$run.log"; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms")
  # CPU the process used until it was ready (user + system, from /proc): steadier than wall time on a busy machine.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$API_PID/stat")
  cpus+=("$cpu")
  echo "run $run: ${ms} ms to /health/ready, ${cpu} ms CPU (schema version $(sqlite3 "$DB" 'select max(version) from schema_version' 2>/dev/null || echo '?'))"
  kill "$API_PID"; wait "$API_PID" 2>/dev/null || true; API_PID=""
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
cpu_sorted=($(printf '%s\n' "${cpus[@]}" | sort -n))
echo "cold_start_ms_median=${sorted[$(( ${#sorted[@]} / 2 ))]} min=${sorted[0]} max=${sorted[-1]} cpu_ms_median=${cpu_sorted[$(( ${#cpu_sorted[@]} / 2 ))]} runs=$RUNS dir=$API_DIR load=$(cut -d' ' -f1-3 /proc/loadavg)"
