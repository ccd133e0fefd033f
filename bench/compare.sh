#!/usr/bin/env bash
# Two (or more) builds side by side in one run, on this machine, on the same data: bench/run.sh --compare runs this.
#
#   bench/run.sh --compare old=/tmp/old/api/bin/Release/net10.0 new=api/bin/Release/net10.0
#   MEMBERS=300 PARTNERSHIPS=1200 PILOTS=0 EVENTS=0 WRK_DURATION=3s WRK_WARMUP=1s WRK_WARMUP_NOCACHE=2s \
#     bench/run.sh --compare old=… new=…                                 # a quick try
#
# Each argument is label=directory of a built API (the directory holding CommunityHub.Api.dll). The FIRST build
# generates the data set through its HTTP write path on a fresh SQLite database (it is usually the older one, and a
# newer build migrates an older schema, not the reverse), creates the API key, and is stopped; then each build gets its
# own copy of that database (the first build's `CommunityHub.Api.dll backup <file>`), is started on it (a newer build
# migrates its copy and writes its stored list documents in the background: the run waits until every live partnership
# and member has a document at its version, in the build's format where it has one) and measured:
#   (a) for each list in LISTS (default: partnerships members; also: partnership, pilots, events), ROUNDS times
#       (default 2) and alternating the builds within each round (old, new, old, new: drift on a shared machine shows
#       as a difference between rounds, not between builds): the API as sent (a cache may answer), with
#       `Cache-Control: no-cache`, and the ceiling (bench/CommunityHub.Bench.Ceiling serving that build's exact bytes),
#       all with the same wrk command as bench/run.sh;
#   (b) the CSV export of all partnerships with RssAnon and VmRSS sampled every 100 ms (growth = peak − baseline);
#   (c) cold start on an empty database, COLD_RUNS times each (default 5), alternating, with bench/coldstart.sh: median.
# Prints a side-by-side summary; everything raw is kept in bench/results/compare-<stamp>/ (gitignored).
set -euo pipefail

MEMBERS="${MEMBERS:-5000}"
PARTNERSHIPS="${PARTNERSHIPS:-20000}"
PILOTS="${PILOTS:-3000}"
EVENTS="${EVENTS:-3000}"
CONCURRENCY="${CONCURRENCY:-8}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_DURATION="${WRK_DURATION:-20s}"
WRK_WARMUP="${WRK_WARMUP:-5s}"
WRK_WARMUP_NOCACHE="${WRK_WARMUP_NOCACHE:-15s}"
LISTS="${LISTS:-partnerships members}"
ROUNDS="${ROUNDS:-2}"
COLD_RUNS="${COLD_RUNS:-5}"
AUTH="${AUTH:-key}"
BACKFILL_TIMEOUT="${BACKFILL_TIMEOUT:-600}"   # seconds to wait for a build's stored documents
BACKFILL_STALL="${BACKFILL_STALL:-20}"        # …or until this many seconds pass with no document written

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/bench/results/compare-$STAMP"
ADMIN_EMAIL="bench-admin@example.fi"
ADMIN_PASSWORD="bench-admin-password-$RANDOM$RANDOM"
mkdir -p "$OUT"

log() { printf '[compare %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

[[ $# -ge 2 ]] || die "usage: bench/run.sh --compare old=DIR new=DIR   (each DIR holds a built CommunityHub.Api.dll)"
LABELS=()
declare -A DIR PID BASE HEADER COMMIT SCHEMA BACKFILL
for arg in "$@"; do
  [[ "$arg" == *=* ]] || die "'$arg' is not label=directory"
  label="${arg%%=*}"; dir="${arg#*=}"
  [[ "$label" =~ ^[A-Za-z0-9_-]+$ ]] || die "label '$label': letters, digits, - and _ only"
  [[ -z "${DIR[$label]:-}" ]] || die "label '$label' given twice"
  [[ -f "$dir/CommunityHub.Api.dll" ]] || die "$dir has no CommunityHub.Api.dll (build it: dotnet build api -c Release)"
  DIR[$label]="$(cd "$dir" && pwd)"
  LABELS+=("$label")
  # The commit of the tree the build came from, when it is inside a git work tree (a `git archive` copy is not: name
  # it with COMMIT_<label>=…, e.g. COMMIT_old=f64aa04).
  override="COMMIT_$label"
  if [[ -n "${!override:-}" ]]; then
    COMMIT[$label]="${!override} (given)"
  elif c="$(git -C "${DIR[$label]}" rev-parse --short HEAD 2>/dev/null)"; then
    [[ -n "$(git -C "${DIR[$label]}" status --porcelain --untracked-files=no 2>/dev/null)" ]] && c="$c+uncommitted"
    COMMIT[$label]="$c"
  else
    COMMIT[$label]="unknown"
  fi
done
GEN="${LABELS[0]}"

CEILING_PID=""
stop_pid() { # pid: SIGTERM (the API stops cleanly: requests in flight, the SQLite connections closed), then SIGKILL
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
cleanup() { stop_pid "$CEILING_PID"; for l in "${LABELS[@]}"; do stop_pid "${PID[$l]:-}"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk sqlite3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    log "installing $tool (apt-get)"
    SUDO=""; [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$tool"
  fi
done

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "building the bench tools (Release)"
dotnet build "$ROOT/bench/CommunityHub.Bench.DataGen/CommunityHub.Bench.DataGen.csproj" -c Release -nologo -v q >/dev/null
dotnet build "$ROOT/bench/CommunityHub.Bench.Ceiling/CommunityHub.Bench.Ceiling.csproj" -c Release -nologo -v q >/dev/null
DATAGEN_DLL="$ROOT/bench/CommunityHub.Bench.DataGen/bin/Release/net10.0/CommunityHub.Bench.DataGen.dll"
CEILING_DLL="$ROOT/bench/CommunityHub.Bench.Ceiling/bin/Release/net10.0/CommunityHub.Bench.Ceiling.dll"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

api_env() { # db: the environment bench/run.sh starts the API with
  export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false}
  export ConnectionStrings__CommunityHub="Data Source=$1"
  export Auth__SigningKey="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export Bootstrap__AdminEmail="$ADMIN_EMAIL" Bootstrap__AdminPassword="$ADMIN_PASSWORD" Seed__DemoData=false
  export ApiKeys__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning
}
start_api() { # label db
  local label="$1" db="$2" port
  port="$(free_port)"; BASE[$label]="http://127.0.0.1:$port"
  # The DLL runs directly (not `dotnet run`) so the PID is the API process itself, whose memory (b) samples.
  ( cd "${DIR[$label]}"; api_env "$db"; exec dotnet CommunityHub.Api.dll --urls "${BASE[$label]}" ) >>"$OUT/api-$label.log" 2>&1 &
  PID[$label]=$!
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "${BASE[$label]}/health/ready" 2>/dev/null && return 0
    kill -0 "${PID[$label]}" 2>/dev/null || { tail -30 "$OUT/api-$label.log" >&2; die "API $label exited on start (database $db); log $OUT/api-$label.log"; }
    sleep 0.2
  done
  die "API $label did not become ready in 120 s; log $OUT/api-$label.log"
}
datagen() { # label sub-command args…
  local label="$1"; shift
  dotnet "$DATAGEN_DLL" "$@" --base-url "${BASE[$label]}" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD"
}

# Live partnerships and members without a stored document at their version (and, where the schema has a format column,
# with one written in a format: a newer build's migration removes the older documents and its backfill writes them again).
docs_behind() { # db
  local db="$1" sql="" table key record fmt
  for pair in partnership_documents:partnership_id:partnerships member_documents:member_id:members; do
    IFS=: read -r table key record <<<"$pair"
    [[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='$table'")" == "1" ]] || continue
    fmt=""
    [[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM pragma_table_info('$table') WHERE name='format'")" == "1" ]] && fmt=" AND d.format IS NOT NULL"
    sql+="${sql:+ + }(SELECT COUNT(*) FROM $record r LEFT JOIN $table d ON d.$key = r.id AND d.version = r.version$fmt WHERE r.deleted_at IS NULL AND d.$key IS NULL)"
  done
  [[ -n "$sql" ]] || { echo 0; return; }
  sqlite3 -cmd ".timeout 2000" "$db" "SELECT $sql" 2>/dev/null || echo "?"
}
wait_for_documents() { # label db
  local label="$1" db="$2" behind first="" last="" since=$SECONDS start=$SECONDS
  while :; do
    behind="$(docs_behind "$db")"
    first="${first:-$behind}"
    [[ "$behind" == "0" ]] && { BACKFILL[$label]="all written after $((SECONDS - start)) s ($first missing at the first check)"; break; }
    [[ "$behind" != "$last" ]] && { last="$behind"; since=$SECONDS; }
    if (( SECONDS - since >= BACKFILL_STALL || SECONDS - start >= BACKFILL_TIMEOUT )); then
      BACKFILL[$label]="STILL $behind BEHIND after $((SECONDS - start)) s (no progress for $((SECONDS - since)) s): measured anyway"
      break
    fi
    sleep 0.5
  done
  log "$label: stored documents ${BACKFILL[$label]}"
}

# --- the data set, once, through the first build ----------------------------------------------------------------
GEN_DB="$OUT/generated.db"
log "$GEN (${DIR[$GEN]}): generating $MEMBERS members, $PARTNERSHIPS partnerships, $PILOTS pilots, $EVENTS events through HTTP ($CONCURRENCY concurrent)"
start_api "$GEN" "$GEN_DB"
datagen "$GEN" generate --members "$MEMBERS" --partnerships "$PARTNERSHIPS" --pilots "$PILOTS" --events "$EVENTS" --concurrency "$CONCURRENCY" >"$OUT/generate.txt"
KEY="$(datagen "$GEN" apikey --municipality 564 | sed -n 's/^key=//p')"
[[ -n "$KEY" ]] || die "no API key from $GEN"
printf 'ADMIN_PASSWORD=%q\nKEY=%q\n' "$ADMIN_PASSWORD" "$KEY" >"$OUT/bench-credentials.env"; chmod 600 "$OUT/bench-credentials.env"
wait_for_documents "$GEN" "$GEN_DB"
log "$GEN: stopping (SIGTERM) and copying the database for each build with its backup command"
stop_pid "${PID[$GEN]}"; PID[$GEN]=""
for t in members partnerships partnership_parties partnership_goals pilots events changes audit; do
  echo "rows_$t=$(sqlite3 "$GEN_DB" "SELECT COUNT(*) FROM $t" 2>/dev/null || echo '?')"
done >"$OUT/rows.txt"
for label in "${LABELS[@]}"; do
  ( cd "${DIR[$GEN]}"; api_env "$GEN_DB"; exec dotnet CommunityHub.Api.dll backup "$OUT/$label.db" ) >>"$OUT/backup.log" 2>&1 \
    || sqlite3 "$GEN_DB" ".backup '$OUT/$label.db'" || die "could not copy $GEN_DB for $label; see $OUT/backup.log"
done

# --- every build on its copy --------------------------------------------------------------------------------------
for label in "${LABELS[@]}"; do
  log "$label (${DIR[$label]}): starting on its copy $OUT/$label.db"
  start_api "$label" "$OUT/$label.db"
  SCHEMA[$label]="$(sqlite3 "$OUT/$label.db" 'SELECT MAX(version) FROM schema_version' 2>/dev/null || echo '?')"
  if [[ "$AUTH" == "token" ]]; then
    HEADER[$label]="Authorization: Bearer $(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" \
      "${BASE[$label]}/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
  else
    HEADER[$label]="X-Api-Key: $KEY"
  fi
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "${HEADER[$label]}" "${BASE[$label]}/api/v1/partnerships?municipality=564&limit=100")"
  [[ "$status" == "200" ]] || die "$label: the partnership list with auth=$AUTH answered $status"
done
for label in "${LABELS[@]}"; do wait_for_documents "$label" "$OUT/$label.db"; done

# --- (a) lists ------------------------------------------------------------------------------------------------------
wrk_run() { # out-file duration url header… (out-file "-": warm-up, output dropped)
  local out="$1" duration="$2" url="$3"; shift 3
  local args=(-t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$duration" --latency)
  for h in "$@"; do args+=(-H "$h"); done
  if [[ "$out" == "-" ]]; then wrk "${args[@]}" "$url" >/dev/null; return; fi
  { echo "# wrk ${args[*]} $url"; echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"; } >"$out"
  wrk "${args[@]}" "$url" >>"$out"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
}
measure() { # label list path-and-query round
  local label="$1" list="$2" pq="$3" round="$4" url="${BASE[$1]}$3" f body hdr ctype etag cport cbase
  f="$OUT/$list-$label-r$round"; body="$f-body.json"; hdr="$f-headers.txt"
  curl -fsS -D "$hdr" -o "$body" -H "${HEADER[$label]}" "$url" || die "$label: $url failed"
  ctype="$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$hdr" | tr -d '\r')"
  etag="$(sed -n 's/^[Ee][Tt]ag: *//p' "$hdr" | tr -d '\r')"
  log "(a) $list round $round, $label: $(wc -c <"$body") bytes; as sent, no-cache, ceiling"
  wrk_run - "$WRK_WARMUP" "$url" "${HEADER[$label]}"
  wrk_run "$f-cached.txt" "$WRK_DURATION" "$url" "${HEADER[$label]}"
  wrk_run - "$WRK_WARMUP_NOCACHE" "$url" "${HEADER[$label]}" "Cache-Control: no-cache"
  wrk_run "$f-nocache.txt" "$WRK_DURATION" "$url" "${HEADER[$label]}" "Cache-Control: no-cache"
  cport="$(free_port)"; cbase="http://127.0.0.1:$cport"
  dotnet "$CEILING_DLL" --body "$body" --content-type "$ctype" --etag "$etag" --path "${pq%%\?*}" --urls "$cbase" >/dev/null 2>&1 &
  CEILING_PID=$!
  for _ in $(seq 100); do curl -fsS -o /dev/null "$cbase$pq" 2>/dev/null && break; sleep 0.1; done
  cmp -s "$body" <(curl -fsS "$cbase$pq") || die "the ceiling does not serve $label's bytes for $list"
  wrk_run - "$WRK_WARMUP" "$cbase$pq" "${HEADER[$label]}"
  wrk_run "$f-ceiling.txt" "$WRK_DURATION" "$cbase$pq" "${HEADER[$label]}"
  stop_pid "$CEILING_PID"; CEILING_PID=""
}
ONE="$(curl -fsS -H "${HEADER[$GEN]}" "${BASE[$GEN]}/api/v1/partnerships?municipality=564&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
: >"$OUT/lists.tsv"
for list in $LISTS; do
  case "$list" in
    partnerships) pq="/api/v1/partnerships?municipality=564&limit=100" ;;
    members) pq="/api/v1/members?limit=100" ;;
    pilots) pq="/api/v1/pilots?municipality=564&limit=100" ;;
    events) pq="/api/v1/events?municipality=564&limit=100" ;;
    partnership) pq="/api/v1/partnerships/$ONE" ;;
    *) die "unknown list '$list' (partnerships, members, pilots, events, partnership)" ;;
  esac
  for round in $(seq "$ROUNDS"); do
    for label in "${LABELS[@]}"; do
      measure "$label" "$list" "$pq" "$round"
      printf '%s\t%s\t%s\t%s\n' "$list" "$pq" "$label" "$round" >>"$OUT/lists.tsv"
    done
  done
done

# --- (b) CSV export with RssAnon and VmRSS ------------------------------------------------------------------------
for label in "${LABELS[@]}"; do
  log "(b) $label: CSV export of all partnerships, sampling RssAnon and VmRSS of pid ${PID[$label]}"
  datagen "$label" export --pid "${PID[$label]}" >"$OUT/export-$label.txt"
done
for label in "${LABELS[@]}"; do stop_pid "${PID[$label]}"; PID[$label]=""; done

# --- (c) cold start on an empty database --------------------------------------------------------------------------
for run in $(seq "$COLD_RUNS"); do
  for label in "${LABELS[@]}"; do
    log "(c) cold start $run/$COLD_RUNS: $label"
    RUNS=1 API_DIR="${DIR[$label]}" "$ROOT/bench/coldstart.sh" >>"$OUT/coldstart-$label.txt" 2>&1 \
      || { log "cold start of $label failed: $(tail -3 "$OUT/coldstart-$label.txt")"; }
  done
done

# --- summary --------------------------------------------------------------------------------------------------------
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "CommunityHub side by side $STAMP: $(printf '%s ' "${LABELS[@]}")(data generated by $GEN; DataGen and ceiling from $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "machine: nproc $(nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), dotnet $(dotnet --version), load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "         (a shared machine: other processes' load moves every figure; compare the rounds before the builds)"
  for label in "${LABELS[@]}"; do
    echo "build $label: ${DIR[$label]}  commit ${COMMIT[$label]}  schema version ${SCHEMA[$label]}  documents ${BACKFILL[$label]}"
  done
  echo "data: $(sed -n 's/^\(members\|partnerships\|parties\|goals\|pilots\|events\)_created=/\1=/p; s/^failed_requests=/failed=/p' "$OUT/generate.txt" | paste -sd' ' -); rows: $(sed 's/^rows_//' "$OUT/rows.txt" | paste -sd' ' -)"
  echo "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency, warm-up $WRK_WARMUP (no-cache $WRK_WARMUP_NOCACHE), auth=$AUTH, $ROUNDS round(s), builds alternating"
} >"$OUT/summary.txt"
python3 - "$OUT" "${LABELS[@]}" >>"$OUT/summary.txt" <<'PY'
import os, re, statistics, sys
out, labels = sys.argv[1], sys.argv[2:]

def ms(v):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v or "")
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]

def wrk(path):
    r = {"rps": float("nan"), "p50": float("nan"), "p99": float("nan"), "max": float("nan"), "bad": 0}
    for line in open(path):
        f = line.split()
        if line.startswith("Requests/sec:"): r["rps"] = float(f[1])
        elif f[:1] == ["50%"]: r["p50"] = ms(f[1])
        elif f[:1] == ["99%"]: r["p99"] = ms(f[1])
        elif f[:1] == ["Latency"] and len(f) >= 4: r["max"] = ms(f[3])
        elif "Non-2xx" in line: r["bad"] += int(f[-1])
        elif "Socket errors" in line: r["bad"] += sum(int(x) for x in re.findall(r"\d+", line))
    return r

rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "lists.tsv")) if l.strip()]
lists = list(dict.fromkeys(r[0] for r in rows))
goals = {("partnerships", "cached"): "goal: ≥ 50 % of the ceiling, p99 < 25 ms",
         ("partnerships", "nocache"): "goal: ≥ 1,500 req/s", ("members", "nocache"): "goal: ≥ 1,500 req/s"}
def verdict(list_, mode, rps, share, p99):
    if (list_, mode) == ("partnerships", "cached"): return "met" if share >= 50 and p99 < 25 else "NOT met"
    if mode == "nocache" and list_ in ("partnerships", "members"): return "met" if rps >= 1500 else "NOT met"
    return ""
for list_ in lists:
    pq = next(r[1] for r in rows if r[0] == list_)
    print(f"\n(a) {list_} {pq}")
    print(f"    {'':9}{'build':>8}{'round':>7}{'bytes':>9}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'of ceiling':>12}{'errors':>8}")
    for mode, name in (("cached", "as sent"), ("nocache", "no-cache"), ("ceiling", "ceiling")):
        per = {l: [] for l in labels}
        for _, _, label, rnd in (r for r in rows if r[0] == list_):
            base = os.path.join(out, f"{list_}-{label}-r{rnd}")
            w = wrk(f"{base}-{mode}.txt"); c = wrk(f"{base}-ceiling.txt")
            share = 100 * w["rps"] / c["rps"] if c["rps"] > 0 else float("nan")
            size = os.path.getsize(f"{base}-body.json")
            per[label].append((w, share))
            print(f"    {name:9}{label:>8}{rnd:>7}{size:>9}{w['rps']:>10.0f}{w['p50']:>9.2f}{w['p99']:>9.2f}{w['max']:>9.1f}{share:>10.1f} %{w['bad']:>8}")
        for label in labels:
            if not per[label]: continue
            med = lambda k: statistics.median(w[k] for w, _ in per[label])
            share = statistics.median(s for _, s in per[label])
            v = verdict(list_, mode, med("rps"), share, med("p99"))
            goal = goals.get((list_, mode), "")
            print(f"    {name:9}{label:>8}{'median':>7}{'':>9}{med('rps'):>10.0f}{med('p50'):>9.2f}{med('p99'):>9.2f}{med('max'):>9.1f}{share:>10.1f} %{'':>8}  {goal + ': ' + v if goal else ''}")

print("\n(b) CSV export of all partnerships (growth = peak during or 2 s after − peak in the 1 s before)   goal: RssAnon growth < 50 MB")
for label in labels:
    kv = dict(l.strip().split("=", 1) for l in open(os.path.join(out, f"export-{label}.txt")) if "=" in l)
    g = kv.get("anon_peak_growth_mb", "?")
    try: v = "met" if float(g) < 50 else "NOT met"
    except ValueError: v = "?"
    print(f"    {label:>8}: {kv.get('export_lines', '?')} lines, {kv.get('export_bytes', '?')} bytes in {kv.get('export_seconds', '?')} s; "
          f"RssAnon {kv.get('anon_before_mb', '?')} → peak {max(kv.get('anon_peak_during_mb', '?'), kv.get('anon_peak_after_mb', '?'), key=lambda x: float(x) if x != '?' else -1)} MB, growth {g} MB ({v}); "
          f"VmRSS {kv.get('rss_before_mb', '?')} → peak {max(kv.get('rss_peak_during_mb', '?'), kv.get('rss_peak_after_mb', '?'), key=lambda x: float(x) if x != '?' else -1)} MB, growth {kv.get('rss_peak_growth_mb', '?')} MB")

print("\n(c) cold start on an empty database to /health/ready (wall ms; CPU ms in brackets)   goal: < 2 s")
for label in labels:
    path = os.path.join(out, f"coldstart-{label}.txt")
    runs = [(int(m.group(1)), int(m.group(2))) for m in re.finditer(r"^run \d+: (\d+) ms to /health/ready, (\d+) ms CPU", open(path).read(), re.M)] if os.path.exists(path) else []
    if not runs:
        print(f"    {label:>8}: no run succeeded (see {path})"); continue
    wall = statistics.median(w for w, _ in runs); cpu = statistics.median(c for _, c in runs)
    print(f"    {label:>8}: median {wall:.0f} ms ({cpu:.0f} ms CPU) of {len(runs)}: {', '.join(f'{w} ({c})' for w, c in runs)}   {'met' if wall < 2000 else 'NOT met'}")
PY
echo "raw: $OUT" >>"$OUT/summary.txt"
cat "$OUT/summary.txt"
