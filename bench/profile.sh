#!/usr/bin/env bash
# Profiles one list request path under load on the database of the last full bench/run.sh:
#   bench/profile.sh [path-and-query] [extra wrk header]
#   bench/profile.sh "/api/v1/partnerships?municipality=564&limit=100" "Cache-Control: no-cache"
# Starts the built Release API (bench/run.sh builds it; API_DIR= another build) on bench/results/bench.db (DB=), drives it with wrk (-t2 -c8) and
# records a CPU-sampling trace with dotnet-trace for PROFILE_SECONDS, then prints the top frames (exclusive and
# inclusive) with `dotnet-trace report … topN`. AUTH=token sends the bench admin's bearer token instead of the API key
# (the same pages without the key's lookup and per-key count). Install the tools once:
#   dotnet tool install -g dotnet-trace --version 10.0.750501
set -euo pipefail
PQ="${1:-/api/v1/partnerships?municipality=564&limit=100}"
EXTRA="${2:-}"
PROFILE_SECONDS="${PROFILE_SECONDS:-15}"
TOP="${TOP:-25}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
API_DIR="${API_DIR:-$ROOT/api/bin/Release/net10.0}"   # another build, e.g. of the commit before a change
DB="${DB:-$RESULTS/bench.db}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
TRACE="$RESULTS/trace-$STAMP.nettrace"
TRACE_TOOL="$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")"
# shellcheck disable=SC1091
source "$RESULTS/bench-credentials.env"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
(
  cd "$API_DIR"
  export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false} ConnectionStrings__CommunityHub="Data Source=$DB"
  export Auth__SigningKey="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export Bootstrap__AdminEmail="bench-admin@example.fi" Bootstrap__AdminPassword="$ADMIN_PASSWORD" Seed__DemoData=false
  export ApiKeys__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning
  exec dotnet CommunityHub.Api.dll --urls "$BASE"
) >"$RESULTS/profile-api-$STAMP.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
if [[ "${AUTH:-key}" == "token" ]]; then
  TOKEN="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"bench-admin@example.fi\",\"password\":\"$ADMIN_PASSWORD\"}" \
    "$BASE/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
  HEADERS=(-H "Authorization: Bearer $TOKEN")
else
  HEADERS=(-H "X-Api-Key: $KEY")
fi
[[ -n "$EXTRA" ]] && HEADERS+=(-H "$EXTRA")
wrk -t2 -c8 -d"${WARMUP:-5}s" "${HEADERS[@]}" "$BASE$PQ" >/dev/null   # WARMUP: seconds before tracing (JIT tiers)
wrk -t2 -c8 -d"$((PROFILE_SECONDS + 6))s" "${HEADERS[@]}" "$BASE$PQ" >"$RESULTS/profile-wrk-$STAMP.txt" &
WRK_PID=$!
sleep 1
"$TRACE_TOOL" collect -p "$API_PID" --profile dotnet-sampled-thread-time --duration "$(printf '00:00:00:%02d' "$PROFILE_SECONDS")" -o "$TRACE" >/dev/null
wait "$WRK_PID"
echo "trace: $TRACE   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Requests/sec|Latency " "$RESULTS/profile-wrk-$STAMP.txt"
echo "--- top $TOP exclusive"
"$TRACE_TOOL" report "$TRACE" topN -n "$TOP"
echo "--- top $TOP inclusive"
"$TRACE_TOOL" report "$TRACE" topN -n "$TOP" --inclusive
