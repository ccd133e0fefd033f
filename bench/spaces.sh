#!/usr/bin/env bash
# Spaces and bookings under load, on a fresh SQLite database with SPACES spaces (50) and BOOKINGS bookings (25,000)
# over the next year, all written through HTTP (bench/spaces-data.py, WRITERS=16 concurrent staff requests):
#   (a) one space's week, uncached (`Cache-Control: no-cache`): the availability (anonymous) and the bookings list
#       (admin token), each `wrk -t2 -c32 -d$DURATION --latency` after a warm-up with the same command;
#   (b) booking creation with CREATORS (16) concurrent writers for $DURATION (bench/spaces-create.lua: every request a
#       slot nobody else asks for, so each should be 201): bookings/s, p50, p99.
# Prints the commit, the machine and its load before and after; raw outputs stay in bench/results/spaces-<stamp>/.
#   bench/spaces.sh                      # the full set
#   SPACES=10 BOOKINGS=2000 DURATION=5s bench/spaces.sh   # quick
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPACES="${SPACES:-50}"; BOOKINGS="${BOOKINGS:-25000}"; WRITERS="${WRITERS:-16}"; CREATORS="${CREATORS:-16}"
DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-5s}"
STAMP=$(date -u +%Y%m%dT%H%M%SZ); OUT="$ROOT/bench/results/spaces-$STAMP"; mkdir -p "$OUT"
command -v wrk >/dev/null || sudo apt-get install -y wrk
API_DIR="$ROOT/api/bin/Release/net10.0"
( cd "$ROOT" && dotnet build api -c Release -nologo -clp:ErrorsOnly >/dev/null )
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
( cd "$API_DIR"; export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid \
  ConnectionStrings__CommunityHub="Data Source=$OUT/spaces.db" Auth__SigningKey="spaces-bench-key-0123456789-0123456789-abcdef" \
  Bootstrap__AdminEmail=bench@example.fi Bootstrap__AdminPassword=bench-password-2026-xyz Seed__DemoData=false \
  ApiKeys__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning; exec dotnet CommunityHub.Api.dll --urls "$BASE" ) >"$OUT/api.log" 2>&1 &
PID=$!; trap 'kill $PID 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "$BASE/health/ready"; do sleep 0.2; done
TOKEN=$(curl -fs "$BASE/api/v1/auth/token" -H 'content-type: application/json' -d '{"email":"bench@example.fi","password":"bench-password-2026-xyz"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
export TOKEN

echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with uncommitted changes)'); $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" | tee "$OUT/summary.txt"
echo "load before: $(uptime)" | tee -a "$OUT/summary.txt"
SPACES=$SPACES BOOKINGS=$BOOKINGS WRITERS=$WRITERS python3 "$ROOT/bench/spaces-data.py" "$BASE" "$OUT/ids.txt" | tee "$OUT/generate.txt" | tee -a "$OUT/summary.txt"

SPACE=$(head -1 "$OUT/ids.txt" | cut -d' ' -f1)
# A week about half a year ahead, Monday to Monday (Helsinki midnight, as the web app asks).
read -r FROM TO < <(python3 -c '
import datetime, zoneinfo
z = zoneinfo.ZoneInfo("Europe/Helsinki"); d = datetime.datetime.now(z).date() + datetime.timedelta(days=180)
m = d - datetime.timedelta(days=d.weekday())
f = lambda day: datetime.datetime.combine(day, datetime.time(0), z).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
print(f(m), f(m + datetime.timedelta(days=7)))')
AVAILABILITY="$BASE/api/v1/spaces/$SPACE/availability?from=$FROM&to=$TO"
LIST="$BASE/api/v1/bookings?space=$SPACE&from=$FROM&to=$TO&limit=100"
curl -fs "$AVAILABILITY" >"$OUT/availability.json"; curl -fs "$LIST" -H "Authorization: Bearer $TOKEN" >"$OUT/list.json"
echo "week: availability $(wc -c <"$OUT/availability.json") bytes, bookings list $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$OUT/list.json") items" | tee -a "$OUT/summary.txt"

run() { # name, then wrk arguments
  local name=$1; shift
  wrk -t2 -c32 -d"$WARMUP" "$@" >/dev/null
  wrk -t2 -c32 -d"$DURATION" --latency "$@" | tee "$OUT/wrk-$name.txt" >/dev/null
  awk -v n="$name" '/Requests\/sec/{r=$2} /^ +50%/{p50=$2} /^ +99%/{p99=$2} /Non-2xx/{e=$NF} END{printf "%s: %s req/s, p50 %s, p99 %s, non-2xx %s\n", n, r, p50, p99, (e==""?0:e)}' "$OUT/wrk-$name.txt" | tee -a "$OUT/summary.txt"
}
run availability -H 'Cache-Control: no-cache' "$AVAILABILITY"
run bookings-list -H 'Cache-Control: no-cache' -H "Authorization: Bearer $TOKEN" "$LIST"

export SPACE_IDS=$(cut -d' ' -f1 "$OUT/ids.txt" | paste -sd,) MEMBER_IDS=$(cut -d' ' -f2 "$OUT/ids.txt" | paste -sd,) THREADS=2
read -r BASE_DAY UTC_OFFSET < <(python3 -c '
import datetime, zoneinfo
z = zoneinfo.ZoneInfo("Europe/Helsinki"); now = datetime.datetime.now(z)
midnight = datetime.datetime.combine(now.date(), datetime.time(0))
print(int(midnight.replace(tzinfo=datetime.timezone.utc).timestamp()), int(now.utcoffset().total_seconds()))')
export BASE_DAY UTC_OFFSET
wrk -t2 -c"$CREATORS" -d"$DURATION" --latency -s "$ROOT/bench/spaces-create.lua" "$BASE" | tee "$OUT/wrk-create.txt" | grep '^create:' | sed "s/^create:/create ($CREATORS writers):/" | tee -a "$OUT/summary.txt"
echo "load after: $(uptime)" | tee -a "$OUT/summary.txt"
echo "raw outputs: $OUT"
