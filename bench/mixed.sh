#!/usr/bin/env bash
# Reads under writes: the partnership list (municipality=564, limit=100) read with `wrk -t2 -c16 --latency` while
# WRITERS (8) bench loaders create and update members and partnerships through HTTP for the same time.
#   bench/mixed.sh                                   # the current build: new=api/bin/Release/net10.0
#   bench/mixed.sh old=/tmp/old/api/bin/Release/net10.0 new=api/bin/Release/net10.0   # two builds side by side
# Each build runs as its own process on its own fresh SQLite database, filled through HTTP (MEMBERS=500,
# PARTNERSHIPS=2000 by default). Then, for each scenario in SCENARIOS and each build in turn (so a noisy minute hits
# both): a WARMUP-second wrk warm-up, then DURATION seconds of wrk, with the writers running alongside in the
# "+writers" scenarios:
#   key+writers    the bench API key (X-Api-Key; each request counts itself in the per-key limit), with writers
#   token+writers  the bench admin's bearer token instead (no key lookup, no count), with writers
#   key            the API key, no writers
# Printed per run: req/s, p50, p99, max, requests over 1 s (wrk's timeout is raised to 10 s so a slow request is
# measured, not dropped as a timeout), non-2xx answers, and the writers' writes/s. Raw wrk and loader output stays in
# bench/results/mixed-<stamp>/ (gitignored). Knobs: MEMBERS, PARTNERSHIPS, WRITERS, DURATION (20), WARMUP (5),
# PERMITS (the key's ApiKeys:PermitsPerMinute, default 100,000,000 as in bench/run.sh, so the reads are never refused;
# at 600,000 a block is 600), SCENARIOS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEMBERS="${MEMBERS:-500}"
PARTNERSHIPS="${PARTNERSHIPS:-2000}"
WRITERS="${WRITERS:-8}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
PERMITS="${PERMITS:-100000000}"
SCENARIOS="${SCENARIOS:-key+writers token+writers key}"
LIST="/api/v1/partnerships?municipality=564&limit=100"
ADMIN_EMAIL="bench-admin@example.fi"
ADMIN_PASSWORD="bench-admin-password-$RANDOM$RANDOM"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- api || echo '+changes')"
OUT="$ROOT/bench/results/mixed-$STAMP"
mkdir -p "$OUT"
log() { printf '[mixed %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null || { echo "bench/mixed.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
log "building the bench loader (and with it the API) in Release"
dotnet build "$ROOT/bench/CommunityHub.Bench.DataGen/CommunityHub.Bench.DataGen.csproj" -c Release -nologo -v q >/dev/null
DATAGEN="$ROOT/bench/CommunityHub.Bench.DataGen/bin/Release/net10.0/CommunityHub.Bench.DataGen.dll"
[[ $# -gt 0 ]] || set -- "new=$ROOT/api/bin/Release/net10.0"

LABELS=(); PIDS=(); BASES=(); KEYS=(); TOKENS=()
CHURN_PID=""
cleanup() {
  [[ -n "$CHURN_PID" ]] && kill "$CHURN_PID" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
datagen() { dotnet "$DATAGEN" "$@" --base-url "${BASES[$i]}" --email "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD"; }

for build in "$@"; do
  label="${build%%=*}"; dir="$(cd "${build#*=}" && pwd)"; port="$(free_port)"
  (
    cd "$dir"
    export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false}
    export ConnectionStrings__CommunityHub="Data Source=$OUT/$label.db"
    export Auth__SigningKey="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export Bootstrap__AdminEmail="$ADMIN_EMAIL" Bootstrap__AdminPassword="$ADMIN_PASSWORD" Seed__DemoData=false
    export ApiKeys__PermitsPerMinute="$PERMITS" Logging__LogLevel__Default=Warning
    exec dotnet CommunityHub.Api.dll --urls "http://127.0.0.1:$port"
  ) >"$OUT/api-$label.log" 2>&1 &
  PIDS+=("$!"); LABELS+=("$label"); BASES+=("http://127.0.0.1:$port")
done
for i in "${!LABELS[@]}"; do
  until curl -fs -o /dev/null "${BASES[$i]}/health/ready"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "API ${LABELS[$i]} exited:"; cat "$OUT/api-${LABELS[$i]}.log"; exit 1; }
    sleep 0.2
  done
  log "${LABELS[$i]}: generating $MEMBERS members and $PARTNERSHIPS partnerships through HTTP"
  datagen generate --members "$MEMBERS" --partnerships "$PARTNERSHIPS" --pilots 0 --events 0 --concurrency 8 >"$OUT/generate-${LABELS[$i]}.txt"
  KEYS+=("$(datagen apikey --municipality 564 | sed -n 's/^key=//p')")
  TOKENS+=("$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" \
    "${BASES[$i]}/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')")
done

# wrk drops a request slower than its timeout from the latency figures; the timeout is raised so none is, and this
# script counts the requests over 1 s from wrk's own latency histogram.
cat >"$OUT/over1s.lua" <<'LUA'
done = function(summary, latency, requests)
  local over = 0
  for i = 1, #latency do
    local value, count = latency(i)
    if value > 1000000 then over = over + count end
  end
  io.write(string.format("over_1s=%d\nmax_us=%d\n", over, latency.max))
end
LUA

seed=20
printf '%-6s %-14s %9s %9s %9s %9s %8s %8s %9s\n' build scenario req/s p50 p99 max ">1s" non-2xx writes/s | tee "$OUT/summary.txt"
for scenario in $SCENARIOS; do
  for i in "${!LABELS[@]}"; do
    label="${LABELS[$i]}"; run="$OUT/$scenario-$label"
    if [[ "$scenario" == token* ]]; then header="Authorization: Bearer ${TOKENS[$i]}"; else header="X-Api-Key: ${KEYS[$i]}"; fi
    log "$label $scenario: ${WARMUP}s warm-up, then wrk -t2 -c16 -d${DURATION}s"
    wrk -t2 -c16 -d"${WARMUP}s" -H "$header" "${BASES[$i]}$LIST" >/dev/null
    if [[ "$scenario" == *+writers ]]; then
      # The loader starts (JIT, sign-in, data) before it writes: give it 3 s, and make it run on past wrk's end.
      seed=$((seed + 1))
      datagen churn --seconds $((DURATION + 4)) --concurrency "$WRITERS" --seed "$seed" >"$run-churn.txt" 2>"$run-churn.err" &
      CHURN_PID=$!
      sleep 3
    fi
    wrk -t2 -c16 -d"${DURATION}s" --timeout 10s --latency -s "$OUT/over1s.lua" -H "$header" "${BASES[$i]}$LIST" >"$run-wrk.txt"
    writes="-"
    if [[ -n "$CHURN_PID" ]]; then
      wait "$CHURN_PID" || true
      CHURN_PID=""
      writes="$(sed -n 's/^writes_per_second=//p' "$run-churn.txt")"
    fi
    w="$run-wrk.txt"
    printf '%-6s %-14s %9s %9s %9s %9s %8s %8s %9s\n' "$label" "$scenario" \
      "$(awk '/^Requests\/sec/{print $2}' "$w")" "$(awk '$1=="50%"{print $2}' "$w")" "$(awk '$1=="99%"{print $2}' "$w")" \
      "$(awk -F= '/^max_us=/{printf "%.1fms", $2/1000}' "$w")" "$(sed -n 's/^over_1s=//p' "$w")" \
      "$(awk '/Non-2xx/{n=$NF} END{print n+0}' "$w")" "$writes" | tee -a "$OUT/summary.txt"
  done
done
echo "commit $COMMIT (of the working tree when the run started), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg); raw output in $OUT" | tee -a "$OUT/summary.txt"
