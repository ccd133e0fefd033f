#!/usr/bin/env bash
# CommunityHub benchmark: one command.
#
#   bench/run.sh                              # full set: 5,000 members, 20,000 partnerships
#   MEMBERS=500 PARTNERSHIPS=2000 bench/run.sh   # quick run
#
# Builds Release, starts the API on a free port with a fresh SQLite database under bench/results/, fills it
# through the API's own HTTP write path (Bogus data, CONCURRENCY parallel requests), then measures
#   (a) wrk on the partnership list (municipality=564, limit=100) with an API key
#   (b) a full change-feed sync from the start (limit=200, follow nextCursor until hasMore=false)
#   (c) the CSV export of all partnerships while sampling the API's VmRSS every 100 ms
# and stops the API (also on failure). Raw output goes to bench/results/ (gitignored).
set -euo pipefail

MEMBERS="${MEMBERS:-5000}"
PARTNERSHIPS="${PARTNERSHIPS:-20000}"
CONCURRENCY="${CONCURRENCY:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_DURATION="${WRK_DURATION:-20s}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
DB="$RESULTS/bench.db"
API_LOG="$RESULTS/api-$STAMP.log"
SUMMARY="$RESULTS/summary-$STAMP.txt"
ADMIN_EMAIL="bench-admin@example.fi"
ADMIN_PASSWORD="bench-admin-password-$RANDOM$RANDOM"
API_PID=""

mkdir -p "$RESULTS"

stop_api() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$API_PID" 2>/dev/null || true
  fi
}
trap stop_api EXIT INT TERM

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt-get)"
  SUDO=""; [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk
fi

# --- build -------------------------------------------------------------------------------------------------------
log "building Release"
dotnet build "$ROOT/bench/CommunityHub.Bench.DataGen/CommunityHub.Bench.DataGen.csproj" -c Release -nologo -v q >/dev/null
API_DIR="$ROOT/api/bin/Release/net10.0"
DATAGEN_DLL="$ROOT/bench/CommunityHub.Bench.DataGen/bin/Release/net10.0/CommunityHub.Bench.DataGen.dll"

# --- start the API -----------------------------------------------------------------------------------------------
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
rm -f "$DB" "$DB-wal" "$DB-shm"
log "starting API on $BASE (database $DB)"
# The built DLL runs directly (not `dotnet run`) so $! is the API process itself, whose RSS (c) samples.
(
  cd "$API_DIR"
  export ASPNETCORE_ENVIRONMENT=Production
  export ConnectionStrings__CommunityHub="Data Source=$DB"
  export Auth__SigningKey="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export Bootstrap__AdminEmail="$ADMIN_EMAIL"
  export Bootstrap__AdminPassword="$ADMIN_PASSWORD"
  export Seed__DemoData=false
  export ApiKeys__PermitsPerMinute=100000000
  export Logging__LogLevel__Default=Warning
  exec dotnet CommunityHub.Api.dll --urls "$BASE"
) >"$API_LOG" 2>&1 &
API_PID=$!

for _ in $(seq 300); do
  curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { log "API exited; see $API_LOG"; tail -20 "$API_LOG" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$BASE/health/ready" >/dev/null || { log "API did not become ready"; exit 1; }

datagen() { dotnet "$DATAGEN_DLL" "$@" --base-url "$BASE" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD"; }

# --- generate ----------------------------------------------------------------------------------------------------
log "generating $MEMBERS members and $PARTNERSHIPS partnerships through HTTP ($CONCURRENCY concurrent)"
datagen generate --members "$MEMBERS" --partnerships "$PARTNERSHIPS" --concurrency "$CONCURRENCY" | tee "$RESULTS/generate-$STAMP.txt"

if command -v sqlite3 >/dev/null 2>&1; then
  for t in members partnerships partnership_parties partnership_goals changes audit; do
    if sqlite3 "$DB" "select 1 from sqlite_master where type='table' and name='$t'" | grep -q 1; then
      echo "rows_$t=$(sqlite3 "$DB" "select count(*) from $t")"
    fi
  done | tee "$RESULTS/rows-$STAMP.txt"
fi

# --- (a) partnership list with an API key ------------------------------------------------------------------------
KEY="$(datagen apikey --municipality 564 | sed -n 's/^key=//p')"
LIST_URL="$BASE/api/v1/partnerships?municipality=564&limit=100"
STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $KEY" "$LIST_URL")"
[[ "$STATUS" == "200" ]] || { log "list with API key answered $STATUS"; exit 1; }
log "(a) warm-up 5s, then wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION"
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d5s -H "X-Api-Key: $KEY" "$LIST_URL" >/dev/null
WRK_OUT="$RESULTS/wrk-$STAMP.txt"
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency -H "X-Api-Key: $KEY" "$LIST_URL" | tee "$WRK_OUT"

# --- (b) change feed ---------------------------------------------------------------------------------------------
log "(b) full change-feed sync"
datagen sync --limit 200 | tee "$RESULTS/sync-$STAMP.txt"

# --- (c) CSV export + RSS ----------------------------------------------------------------------------------------
log "(c) CSV export with RSS sampling of pid $API_PID"
datagen export --pid "$API_PID" | tee "$RESULTS/export-$STAMP.txt"

stop_api

# --- summary -----------------------------------------------------------------------------------------------------
val() { sed -n "s/^$1=//p" "$2" | tail -1; }
P99="$(awk '$1=="99%"{print $2}' "$WRK_OUT")"
P50="$(awk '$1=="50%"{print $2}' "$WRK_OUT")"
RPS="$(awk '/^Requests\/sec/{print $2}' "$WRK_OUT")"
NON2XX="$(awk '/Non-2xx/{print $NF}' "$WRK_OUT")"
{
  echo "CommunityHub benchmark $STAMP  commit $(git -C "$ROOT" rev-parse --short HEAD)  nproc $(nproc)  dotnet $(dotnet --version)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "data: members=$(val members_created "$RESULTS/generate-$STAMP.txt") partnerships=$(val partnerships_created "$RESULTS/generate-$STAMP.txt") parties=$(val parties_created "$RESULTS/generate-$STAMP.txt") goals=$(val goals_created "$RESULTS/generate-$STAMP.txt") failed=$(val failed_requests "$RESULTS/generate-$STAMP.txt")"
  echo "(a) list municipality=564 limit=100, API key, $WRK_CONNECTIONS connections: ${RPS} req/s, p50 ${P50}, p99 ${P99}, non-2xx ${NON2XX:-0}   target p99 < 25ms"
  echo "(b) change feed: $(val sync_entries "$RESULTS/sync-$STAMP.txt") entries in $(val sync_seconds "$RESULTS/sync-$STAMP.txt") s ($(val sync_pages "$RESULTS/sync-$STAMP.txt") pages)   target < 5 s"
  echo "(c) CSV export: $(val export_bytes "$RESULTS/export-$STAMP.txt") bytes in $(val export_seconds "$RESULTS/export-$STAMP.txt") s; RSS before $(val rss_before_mb "$RESULTS/export-$STAMP.txt") MB, peak $(val rss_peak_during_mb "$RESULTS/export-$STAMP.txt") MB, after $(val rss_after_mb "$RESULTS/export-$STAMP.txt") MB, growth $(val rss_peak_growth_mb "$RESULTS/export-$STAMP.txt") MB   target < 50 MB"
  echo "raw: $WRK_OUT"
} | tee "$SUMMARY"
