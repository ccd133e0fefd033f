#!/usr/bin/env bash
# CPU time the API spends per request, by page size: robust on a shared machine where wall-clock throughput is not.
#   bench/cpu.sh [api-dir] [database]
# Starts the API (default: the Release build) on a copy of the last full run's database, and for each URL runs
# `wrk -t1 -c1 -d${SECONDS_PER:-5}s` with Cache-Control: no-cache (and once without, for the cache hit), reading the
# process's user+system CPU ticks from /proc/<pid>/stat before and after: µs of API CPU per request = Δticks / requests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
API_DIR="${1:-$ROOT/api/bin/Release/net10.0}"
SOURCE_DB="${2:-$ROOT/bench/results/bench.db}"
SECONDS_PER="${SECONDS_PER:-5}"
# shellcheck disable=SC1091
source "$ROOT/bench/results/bench-credentials.env"
WORK="$(mktemp -d)"
sqlite3 "$SOURCE_DB" ".backup '$WORK/cpu.db'"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
(
  cd "$API_DIR"
  export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid ConnectionStrings__CommunityHub="Data Source=$WORK/cpu.db"
  export Auth__SigningKey="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export Bootstrap__AdminEmail="bench-admin@example.fi" Bootstrap__AdminPassword="$ADMIN_PASSWORD" Seed__DemoData=false
  export ApiKeys__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning
  exec dotnet CommunityHub.Api.dll --urls "$BASE"
) >"$WORK/api.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -fs -o /dev/null "$BASE/health/ready"; do sleep 0.2; done
TICK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
measure() { # label url [header]
  local label="$1" url="$2" headers=(-H "X-Api-Key: $KEY"); [[ $# -gt 2 ]] && headers+=(-H "$3")
  wrk -t1 -c1 -d2s "${headers[@]}" "$url" >/dev/null
  local before after n
  before=$(ticks)
  n=$(wrk -t1 -c1 -d"${SECONDS_PER}s" "${headers[@]}" "$url" | awk '/requests in/{print $1}')
  after=$(ticks)
  awk -v l="$label" -v d="$((after - before))" -v n="$n" -v t="$TICK" 'BEGIN{printf "%-28s %6d requests  %7.0f µs CPU per request\n", l, n, 1e6 * d / t / n}'
}
for limit in 1 10 25 50 100 200; do
  measure "partnerships limit=$limit" "$BASE/api/v1/partnerships?municipality=564&limit=$limit" "Cache-Control: no-cache"
done | tee "$WORK/series.txt"
python3 - "$WORK/series.txt" <<'PY'
import sys, re
pts = [(float(re.search(r"limit=(\d+)", l).group(1)), float(re.search(r"([\d.]+) µs CPU", l).group(1))) for l in open(sys.argv[1])]
n = len(pts); mx = sum(x for x, _ in pts) / n; my = sum(y for _, y in pts) / n
slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
print(f"least squares: {slope:.1f} µs CPU per partnership + {my - slope * mx:.0f} µs per request")
PY
measure "partnerships limit=100 (as sent)" "$BASE/api/v1/partnerships?municipality=564&limit=100"
measure "members limit=100 no-cache" "$BASE/api/v1/members?limit=100" "Cache-Control: no-cache"
measure "members limit=100 (as sent)" "$BASE/api/v1/members?limit=100"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
