#!/usr/bin/env bash
# CommunityHub benchmark: one command.
#
#   bench/run.sh                              # full set: 5,000 members, 20,000 partnerships
#   MEMBERS=500 PARTNERSHIPS=2000 bench/run.sh   # quick run
#   bench/run.sh --lists                      # only the list measurements, on the database of the last full run
#   LISTS="partnerships members" bench/run.sh --lists   # a subset (partnerships members partnership)
#   bench/run.sh --compare old=/tmp/old/api/bin/Release/net10.0 new=api/bin/Release/net10.0
#                                             # two builds side by side on one data set: see bench/compare.sh
#
# Builds Release, starts the API on a free port with a fresh SQLite database under bench/results/, fills it
# through the API's own HTTP write path (Bogus data, CONCURRENCY parallel requests), then measures
#   (a) wrk on the partnership list (municipality=564, limit=100) with an API key (AUTH=token: the admin's bearer
#       token instead): as clients send it (a cache may
#       answer), with `Cache-Control: no-cache` (every request reaches the database), and the same wrk command against
#       the ceiling: bench/CommunityHub.Bench.Ceiling serving the exact bytes, content type and ETag the API just
#       returned for that URL from memory. The API's req/s and p99 are reported as a share of the ceiling's.
#       The members, pilots and events lists (limit=100; pilots and events of municipality 564) and a single
#       partnership GET are measured the same way (LISTS picks which).
#   (b) a full change-feed sync from the start (limit=200, follow nextCursor until hasMore=false)
#   (c) the CSV export of all partnerships while sampling the API's RssAnon and VmRSS every 100 ms
# and stops the API (also on failure). Raw output goes to bench/results/ (gitignored).
set -euo pipefail
if [[ "${1:-}" == "--compare" ]]; then
  shift
  exec "$(dirname "${BASH_SOURCE[0]}")/compare.sh" "$@"
fi

MEMBERS="${MEMBERS:-5000}"
PARTNERSHIPS="${PARTNERSHIPS:-20000}"
PILOTS="${PILOTS:-3000}"
EVENTS="${EVENTS:-3000}"
CONCURRENCY="${CONCURRENCY:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_DURATION="${WRK_DURATION:-20s}"
WRK_WARMUP="${WRK_WARMUP:-5s}"
# The uncached path's own warm-up: .NET compiles a method at its final (optimised) tier only after it has run many
# times, and at a few hundred uncached pages a second that takes seconds: measured after 3 s, the same build answered
# about a third of the requests per second it answered after 15 s.
WRK_WARMUP_NOCACHE="${WRK_WARMUP_NOCACHE:-15s}"
LISTS="${LISTS:-partnerships members pilots events partnership}"
SCALING="${SCALING:-1}"            # also: one connection, no-cache, partnership pages of 1…200 items (cost per item)
GC_COUNTERS="${GC_COUNTERS:-1}"    # sample GC collections with dotnet-counters during each API wrk run (if installed)
AUTH="${AUTH:-key}"                # key: the bench API key (bound to 564; each request also counts itself in the per-key
                                   # limit, a database write); token: the bench admin's bearer token (no key lookup or count)
MODE="full"
[[ "${1:-}" == "--lists" ]] && MODE="lists"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
DB="$RESULTS/bench.db"
API_LOG="$RESULTS/api-$STAMP.log"
SUMMARY="$RESULTS/summary-$STAMP.txt"
ADMIN_EMAIL="bench-admin@example.fi"
CREDENTIALS="$RESULTS/bench-credentials.env"   # admin password and API key of the last full run (gitignored)
API_PID=""
CEILING_PID=""

mkdir -p "$RESULTS"
if [[ "$MODE" == "lists" ]]; then
  [[ -f "$DB" && -f "$CREDENTIALS" ]] || { echo "bench/run.sh --lists needs the database and credentials of a full run first" >&2; exit 1; }
  # shellcheck disable=SC1090
  source "$CREDENTIALS"
else
  ADMIN_PASSWORD="bench-admin-password-$RANDOM$RANDOM"
fi

stop_pid() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
stop_api() { stop_pid "$API_PID"; stop_pid "$CEILING_PID"; }
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
dotnet build "$ROOT/bench/CommunityHub.Bench.Ceiling/CommunityHub.Bench.Ceiling.csproj" -c Release -nologo -v q >/dev/null
API_DIR="$ROOT/api/bin/Release/net10.0"
DATAGEN_DLL="$ROOT/bench/CommunityHub.Bench.DataGen/bin/Release/net10.0/CommunityHub.Bench.DataGen.dll"
CEILING_DLL="$ROOT/bench/CommunityHub.Bench.Ceiling/bin/Release/net10.0/CommunityHub.Bench.Ceiling.dll"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# --- start the API -----------------------------------------------------------------------------------------------
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
[[ "$MODE" == "full" ]] && rm -f "$DB" "$DB-wal" "$DB-shm"
log "starting API on $BASE (database $DB)"
# The built DLL runs directly (not `dotnet run`) so $! is the API process itself, whose RSS (c) samples.
(
  cd "$API_DIR"
  export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false}
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
# A database from before the partnership list's stored documents gets them rendered in the background after start;
# measure only once that is done (it is at once on a fresh or already rendered database), so the list is measured as it
# runs, not half way through an upgrade.
if [[ "$MODE" != "full" ]] && command -v sqlite3 >/dev/null; then
  for _ in $(seq 600); do
    behind="$(sqlite3 "$DB" "SELECT COUNT(*) FROM partnerships p LEFT JOIN partnership_documents d ON d.partnership_id = p.id
      WHERE p.deleted_at IS NULL AND (d.version IS NULL OR d.version <> p.version)" 2>/dev/null || echo 1)"
    [[ "$behind" == "0" ]] && break
    sleep 0.2
  done
  log "partnership documents behind their partnership: ${behind:-?}"
fi

datagen() { dotnet "$DATAGEN_DLL" "$@" --base-url "$BASE" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD"; }

# --- generate ----------------------------------------------------------------------------------------------------
if [[ "$MODE" == "full" ]]; then
log "generating $MEMBERS members, $PARTNERSHIPS partnerships, $PILOTS pilots and $EVENTS events through HTTP ($CONCURRENCY concurrent)"
datagen generate --members "$MEMBERS" --partnerships "$PARTNERSHIPS" --pilots "$PILOTS" --events "$EVENTS" --concurrency "$CONCURRENCY" | tee "$RESULTS/generate-$STAMP.txt"

if command -v sqlite3 >/dev/null 2>&1; then
  for t in members partnerships partnership_parties partnership_goals pilots pilot_team pilot_metrics events event_organizers changes audit; do
    if sqlite3 "$DB" "select 1 from sqlite_master where type='table' and name='$t'" | grep -q 1; then
      echo "rows_$t=$(sqlite3 "$DB" "select count(*) from $t")"
    fi
  done | tee "$RESULTS/rows-$STAMP.txt"
fi
KEY="$(datagen apikey --municipality 564 | sed -n 's/^key=//p')"
printf 'ADMIN_PASSWORD=%q\nKEY=%q\n' "$ADMIN_PASSWORD" "$KEY" >"$CREDENTIALS"
chmod 600 "$CREDENTIALS"
fi

# --- (a) lists: cached, uncached, ceiling ------------------------------------------------------------------------
if [[ "$AUTH" == "token" ]]; then
  AUTH_HEADER="Authorization: Bearer $(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" "$BASE/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
else
  AUTH_HEADER="X-Api-Key: $KEY"
fi
# One wrk command for all three; only the base URL (and for "uncached" one request header) differs.
wrk_headers=()
set_headers() { wrk_headers=(-H "$AUTH_HEADER"); [[ $# -gt 0 ]] && wrk_headers+=(-H "$1"); return 0; }
warm_up() { # url [extra header]
  local url="$1" duration="$WRK_WARMUP"; shift
  [[ $# -gt 0 && "$1" == "Cache-Control: no-cache" ]] && duration="$WRK_WARMUP_NOCACHE"
  set_headers "$@"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$duration" "${wrk_headers[@]}" "$url" >/dev/null
}
run_wrk() { # out-file url [extra header]
  local out="$1" url="$2"; shift 2
  set_headers "$@"
  wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "${wrk_headers[@]}" "$url" >"$out"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
}
seconds() { local v="$1"; case "$v" in *m) echo $(( ${v%m} * 60 ));; *s) echo "${v%s}";; *) echo "$v";; esac; }

# GC collections per generation while wrk runs, from dotnet-counters (a csv of per-second increments, summed). It
# stops by itself (--duration) a second after wrk: a background job here cannot be stopped with Ctrl-C's SIGINT.
COUNTERS="$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")"
with_gc() { # gc-file command...
  local gc="$1"; shift
  if [[ "$GC_COUNTERS" == "1" && -x "$COUNTERS" ]]; then
    local total; total=$(( $(seconds "$WRK_DURATION") + 3 ))
    rm -f "$gc.csv"
    "$COUNTERS" collect -p "$API_PID" --counters System.Runtime --refresh-interval 1 --format csv -o "$gc.csv" \
      --duration "$(printf '00:00:%02d:%02d' $((total / 60)) $((total % 60)))" >/dev/null 2>&1 &
    local cpid=$!
    sleep 2
    "$@"
    wait "$cpid" 2>/dev/null || true
    python3 - "$gc.csv" >"$gc" <<'PY' || true
import csv, sys, collections
totals = collections.Counter()
with open(sys.argv[1], newline="") as f:
    for row in csv.reader(f):
        if len(row) >= 5 and row[2].startswith("dotnet.gc.collections") and "generation=" in row[2]:
            totals[row[2].split("generation=")[-1].rstrip("]")] += float(row[4] or 0)
        elif len(row) >= 5 and row[2].startswith("dotnet.gc.heap.total_allocated"):
            totals["allocated_bytes"] += float(row[4] or 0)
for gen, n in sorted(totals.items()):
    print(f"{gen}={n:.0f}")
PY
  else
    "$@"
  fi
}

field() { awk -v k="$1" '$1==k{print $2}' "$2"; }
rps() { awk '/^Requests\/sec/{print $2}' "$1"; }
requests() { awk '/requests in/{print $1}' "$1"; }
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v }'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.1f %%", 100*a/b; else print "n/a" }'; }
per10k() { # gc-file wrk-file
  local n; n="$(requests "$2")"
  [[ -s "$1" ]] || { echo "n/a"; return; }
  awk -F= -v n="$n" '$1=="allocated_bytes" { alloc = (n>0 ? $2/n/1024 : 0); next } { printf "%s%s %.1f", sep, $1, (n>0 ? 10000*$2/n : 0); sep=", " } END { printf "; allocated per request %.0f KB\n", alloc }' "$1"
}

measure() { # name path-and-query
  local name="$1" pq="$2" url="$BASE$2" body hdr ctype etag cport cbase path
  body="$RESULTS/body-$name-$STAMP.json"; hdr="$RESULTS/headers-$name-$STAMP.txt"
  curl -fsS -D "$hdr" -o "$body" -H "$AUTH_HEADER" "$url" || { log "$name: $url failed"; return 1; }
  ctype="$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$hdr" | tr -d '\r')"
  etag="$(sed -n 's/^[Ee][Tt]ag: *//p' "$hdr" | tr -d '\r')"
  log "(a) $name: $(wc -c <"$body") bytes, $ctype, ETag $etag"

  log "(a) $name: API, as sent (wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION after $WRK_WARMUP warm-up)"
  warm_up "$url"
  with_gc "$RESULTS/gc-$name-cached-$STAMP.txt" run_wrk "$RESULTS/wrk-$name-cached-$STAMP.txt" "$url"
  log "(a) $name: API, Cache-Control: no-cache (after $WRK_WARMUP_NOCACHE warm-up)"
  warm_up "$url" "Cache-Control: no-cache"
  with_gc "$RESULTS/gc-$name-uncached-$STAMP.txt" run_wrk "$RESULTS/wrk-$name-uncached-$STAMP.txt" "$url" "Cache-Control: no-cache"

  cport="$(free_port)"; cbase="http://127.0.0.1:$cport"; path="${pq%%\?*}"
  dotnet "$CEILING_DLL" --body "$body" --content-type "$ctype" --etag "$etag" --path "$path" --urls "$cbase" >/dev/null 2>&1 &
  CEILING_PID=$!
  for _ in $(seq 100); do curl -fsS -o /dev/null "$cbase$pq" 2>/dev/null && break; sleep 0.1; done
  cmp -s "$body" <(curl -fsS "$cbase$pq") || { log "ceiling does not serve the same bytes"; return 1; }
  log "(a) $name: ceiling (same bytes from memory)"
  warm_up "$cbase$pq"
  run_wrk "$RESULTS/wrk-$name-ceiling-$STAMP.txt" "$cbase$pq"
  stop_pid "$CEILING_PID"; CEILING_PID=""

  local c u k cp up kp
  c="$RESULTS/wrk-$name-cached-$STAMP.txt"; u="$RESULTS/wrk-$name-uncached-$STAMP.txt"; k="$RESULTS/wrk-$name-ceiling-$STAMP.txt"
  cp="$(to_ms "$(field 99% "$c")")"; up="$(to_ms "$(field 99% "$u")")"; kp="$(to_ms "$(field 99% "$k")")"
  {
    echo "(a) $name $pq ($(wc -c <"$body") bytes), $WRK_CONNECTIONS connections, auth=$AUTH:"
    echo "    API          $(rps "$c") req/s, p50 $(field 50% "$c"), p99 $(field 99% "$c")  = $(share "$(rps "$c")" "$(rps "$k")") of the ceiling's req/s, p99 $(awk -v a="$cp" -v b="$kp" 'BEGIN{printf "%.1f", (b>0?a/b:0)}')x the ceiling's; GC per 10,000 requests: $(per10k "$RESULTS/gc-$name-cached-$STAMP.txt" "$c")"
    echo "    API no-cache $(rps "$u") req/s, p50 $(field 50% "$u"), p99 $(field 99% "$u")  = $(share "$(rps "$u")" "$(rps "$k")") of the ceiling's req/s; GC per 10,000 requests: $(per10k "$RESULTS/gc-$name-uncached-$STAMP.txt" "$u")"
    echo "    ceiling      $(rps "$k") req/s, p50 $(field 50% "$k"), p99 $(field 99% "$k")"
    echo "    load average after each: $(sed -n 's/^load_after=//p' "$c") / $(sed -n 's/^load_after=//p' "$u") / $(sed -n 's/^load_after=//p' "$k")"
    echo "    non-2xx: $(awk '/Non-2xx/{print $NF}' "$c" "$u" "$k" | paste -sd/ -)"
  } >>"$RESULTS/lists-$STAMP.txt"
}

STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH_HEADER" "$BASE/api/v1/partnerships?municipality=564&limit=100")"
[[ "$STATUS" == "200" ]] || { log "list with $AUTH answered $STATUS"; exit 1; }
: >"$RESULTS/lists-$STAMP.txt"
for list in $LISTS; do
  case "$list" in
    partnerships) measure partnerships "/api/v1/partnerships?municipality=564&limit=100" ;;
    members) measure members "/api/v1/members?limit=100" ;;
    pilots) measure pilots "/api/v1/pilots?municipality=564&limit=100" ;;
    events) measure events "/api/v1/events?municipality=564&limit=100" ;;
    partnership)
      ONE="$(curl -fsS -H "$AUTH_HEADER" "$BASE/api/v1/partnerships?municipality=564&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
      measure partnership "/api/v1/partnerships/$ONE" ;;
    *) log "unknown list '$list' (partnerships, members, pilots, events, partnership)"; exit 1 ;;
  esac
done
if [[ "$SCALING" == "1" ]]; then
  # Time per request at one connection, every request reaching the database, by page size: the slope is the cost
  # of one more partnership on the page, the intercept the fixed cost of a request.
  log "(a) scaling: wrk -t1 -c1 -d5s, Cache-Control: no-cache, limit 1 10 25 50 100 200"
  for limit in 1 10 25 50 100 200; do
    out="$RESULTS/wrk-scaling-$limit-$STAMP.txt"
    wrk -t1 -c1 -d2s -H "$AUTH_HEADER" -H "Cache-Control: no-cache" "$BASE/api/v1/partnerships?municipality=564&limit=$limit" >/dev/null
    wrk -t1 -c1 -d5s --latency -H "$AUTH_HEADER" -H "Cache-Control: no-cache" "$BASE/api/v1/partnerships?municipality=564&limit=$limit" >"$out"
    echo "$limit $(awk '/^Requests\/sec/{print 1000/$2}' "$out")"
  done >"$RESULTS/scaling-$STAMP.txt"
  python3 - "$RESULTS/scaling-$STAMP.txt" >>"$RESULTS/lists-$STAMP.txt" <<'PY'
import sys
pts = [tuple(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
n = len(pts); mx = sum(x for x, _ in pts) / n; my = sum(y for _, y in pts) / n
slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
print("(a) scaling, one connection, no-cache: " + ", ".join(f"limit {x:.0f} {y:.2f} ms" for x, y in pts))
print(f"    least squares: {slope * 1000:.1f} µs per partnership + {my - slope * mx:.2f} ms per request   target ≤ 10 µs per partnership")
PY
  echo "    load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/lists-$STAMP.txt"
fi
cat "$RESULTS/lists-$STAMP.txt"
WRK_OUT="$RESULTS/wrk-partnerships-cached-$STAMP.txt"

if [[ "$MODE" == "lists" ]]; then
  stop_api
  exit 0
fi

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
  echo "data: members=$(val members_created "$RESULTS/generate-$STAMP.txt") partnerships=$(val partnerships_created "$RESULTS/generate-$STAMP.txt") parties=$(val parties_created "$RESULTS/generate-$STAMP.txt") goals=$(val goals_created "$RESULTS/generate-$STAMP.txt") pilots=$(val pilots_created "$RESULTS/generate-$STAMP.txt") events=$(val events_created "$RESULTS/generate-$STAMP.txt") (published $(val events_published "$RESULTS/generate-$STAMP.txt")) failed=$(val failed_requests "$RESULTS/generate-$STAMP.txt")"
  echo "writes: $(awk -F= '/^members_created=/{m=$2} /^members_seconds=/{ms=$2} /^partnerships_created=/{p=$2} /^partnerships_seconds=/{ps=$2} END{ if (ms>0 && ps>0) printf "members %.0f/s, partnerships %.0f/s", m/ms, p/ps }' "$RESULTS/generate-$STAMP.txt") with $CONCURRENCY concurrent writers"
  echo "(a) list municipality=564 limit=100, API key, $WRK_CONNECTIONS connections: ${RPS} req/s, p50 ${P50}, p99 ${P99}, non-2xx ${NON2XX:-0}   target p99 < 25ms"
  cat "$RESULTS/lists-$STAMP.txt"
  echo "(b) change feed: $(val sync_entries "$RESULTS/sync-$STAMP.txt") entries in $(val sync_seconds "$RESULTS/sync-$STAMP.txt") s ($(val sync_pages "$RESULTS/sync-$STAMP.txt") pages)   target < 5 s"
  echo "(c) CSV export: $(val export_bytes "$RESULTS/export-$STAMP.txt") bytes in $(val export_seconds "$RESULTS/export-$STAMP.txt") s; RssAnon before $(val anon_before_mb "$RESULTS/export-$STAMP.txt") MB, peak $(val anon_peak_during_mb "$RESULTS/export-$STAMP.txt") MB, after $(val anon_after_mb "$RESULTS/export-$STAMP.txt") MB, growth $(val anon_peak_growth_mb "$RESULTS/export-$STAMP.txt") MB   target < 50 MB; VmRSS before $(val rss_before_mb "$RESULTS/export-$STAMP.txt") MB, peak $(val rss_peak_during_mb "$RESULTS/export-$STAMP.txt") MB, after $(val rss_after_mb "$RESULTS/export-$STAMP.txt") MB, growth $(val rss_peak_growth_mb "$RESULTS/export-$STAMP.txt") MB"
  echo "raw: $WRK_OUT"
} | tee "$SUMMARY"
