#!/usr/bin/env bash
# CPU time the API spends per request, by page size: robust on a shared machine where wall-clock throughput is not.
#   bench/cpu.sh [label=api-dir ...]        default: new=api/bin/Release/net10.0
#   bench/cpu.sh old=/tmp/old/api/bin/Release/net10.0 new=api/bin/Release/net10.0     # two builds side by side
# Starts each build on its own copy of the last full run's database (DB=…), and for each URL runs
# `wrk -t1 -c${CONNECTIONS:-1} -d${SECONDS_PER:-5}s` against each build in turn (so a noisy minute hits both), reading each process's
# user+system CPU ticks from /proc/<pid>/stat before and after: µs of API CPU per request = Δticks / requests.
# Every request sends Cache-Control: no-cache except the "(as sent)" rows, which a cache may answer. ROUNDS=n repeats
# the whole series and reports the median of each figure. Each build is first warmed up (WARMUP seconds, default 10,
# on the partnership and members pages) so the JIT has compiled the hot code at its final tier. AUTH=key (default: the bench API key, bound to 564; every
# request also counts itself in the per-key limit) or AUTH=token (the bench admin's bearer token: the same pages
# without the API key's lookup and count). One connection counts the thread pool's spinning between requests too;
# CONNECTIONS=8 keeps the server busy, closer to the cost per request under load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE_DB="${DB:-$ROOT/bench/results/bench.db}"
SECONDS_PER="${SECONDS_PER:-5}"
ROUNDS="${ROUNDS:-1}"
AUTH="${AUTH:-key}"
LIMITS="${LIMITS:-1 10 25 50 100 200}"
CONNECTIONS="${CONNECTIONS:-1}"
# shellcheck disable=SC1091
source "$ROOT/bench/results/bench-credentials.env"
[[ $# -gt 0 ]] || set -- "new=$ROOT/api/bin/Release/net10.0"
WORK="$(mktemp -d)"
LABELS=(); PIDS=(); BASES=(); HEADERS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
for build in "$@"; do
  label="${build%%=*}"; dir="$(cd "${build#*=}" && pwd)"
  sqlite3 "$SOURCE_DB" ".backup '$WORK/$label.db'"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  (
    cd "$dir"
    export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false} ConnectionStrings__CommunityHub="Data Source=$WORK/$label.db"
    export Auth__SigningKey="bench-only-signing-key-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export Bootstrap__AdminEmail="bench-admin@example.fi" Bootstrap__AdminPassword="$ADMIN_PASSWORD" Seed__DemoData=false
    export ApiKeys__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning
    exec dotnet CommunityHub.Api.dll --urls "http://127.0.0.1:$port"
  ) >"$WORK/api-$label.log" 2>&1 &
  PIDS+=("$!"); LABELS+=("$label"); BASES+=("http://127.0.0.1:$port")
done
for i in "${!LABELS[@]}"; do
  until curl -fs -o /dev/null "${BASES[$i]}/health/ready"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "API ${LABELS[$i]} exited:"; cat "$WORK/api-${LABELS[$i]}.log"; exit 1; }
    sleep 0.2
  done
  if [[ "$AUTH" == "token" ]]; then
    token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"bench-admin@example.fi\",\"password\":\"$ADMIN_PASSWORD\"}" \
      "${BASES[$i]}/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
    HEADERS+=("Authorization: Bearer $token")
  else
    HEADERS+=("X-Api-Key: $KEY")
  fi
done
TICK=$(getconf CLK_TCK)
ONE="$(curl -fsS -H "${HEADERS[0]}" "${BASES[0]}/api/v1/partnerships?municipality=564&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"

measure_one() { # build-index label path [header]
  local i="$1" label="$2" url="${BASES[$1]}$3" extra=() before after n
  [[ $# -gt 3 ]] && extra=(-H "$4")
  wrk -t1 -c"$CONNECTIONS" -d2s -H "${HEADERS[$i]}" "${extra[@]}" "$url" >/dev/null
  before=$(awk '{print $14 + $15}' "/proc/${PIDS[$i]}/stat")
  n=$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER}s" -H "${HEADERS[$i]}" "${extra[@]}" "$url" | awk '/requests in/{print $1}')
  after=$(awk '{print $14 + $15}' "/proc/${PIDS[$i]}/stat")
  awk -v b="${LABELS[$i]}" -v l="$label" -v d="$((after - before))" -v n="$n" -v t="$TICK" -v r="$round" \
    'BEGIN{printf "%s\t%s\t%s\t%d\t%.0f\n", r, b, l, n, 1e6 * d / t / n}' >>"$WORK/raw.tsv"
}
measure() { # label path [header]
  for i in "${!LABELS[@]}"; do measure_one "$i" "$@"; done
}
: >"$WORK/raw.tsv"
# Tiered JIT compiles the page writers at their final tier only after many calls: warm every build up first.
for i in "${!LABELS[@]}"; do
  wrk -t1 -c8 -d"${WARMUP:-10}s" -H "${HEADERS[$i]}" -H "Cache-Control: no-cache" "${BASES[$i]}/api/v1/partnerships?municipality=564&limit=100" >/dev/null
  wrk -t1 -c8 -d"${WARMUP:-10}s" -H "${HEADERS[$i]}" -H "Cache-Control: no-cache" "${BASES[$i]}/api/v1/members?limit=100" >/dev/null
done
for round in $(seq "$ROUNDS"); do
  for limit in $LIMITS; do
    measure "partnerships limit=$limit" "/api/v1/partnerships?municipality=564&limit=$limit" "Cache-Control: no-cache"
  done
  measure "partnerships limit=100 (as sent)" "/api/v1/partnerships?municipality=564&limit=100"
  measure "members limit=100" "/api/v1/members?limit=100" "Cache-Control: no-cache"
  measure "members limit=100 (as sent)" "/api/v1/members?limit=100"
  measure "pilots limit=100" "/api/v1/pilots?municipality=564&limit=100" "Cache-Control: no-cache"
  measure "pilots limit=100 (as sent)" "/api/v1/pilots?municipality=564&limit=100"
  measure "events limit=100" "/api/v1/events?municipality=564&limit=100" "Cache-Control: no-cache"
  measure "events limit=100 (as sent)" "/api/v1/events?municipality=564&limit=100"
  measure "one partnership" "/api/v1/partnerships/$ONE" "Cache-Control: no-cache"
done
python3 - "$WORK/raw.tsv" "$ROUNDS" "$AUTH" "$CONNECTIONS" "${LABELS[@]}" <<'PY'
import sys, re, statistics, collections
path, rounds, auth, connections, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
cpu = collections.defaultdict(list); reqs = collections.defaultdict(list); order = []
for line in open(path):
    r, build, label, n, us = line.rstrip("\n").split("\t")
    cpu[(build, label)].append(float(us)); reqs[(build, label)].append(int(n))
    if label not in order: order.append(label)
print(f"µs of API CPU per request ({connections} connection(s), median of {rounds} round(s), auth={auth}); requests in brackets")
print(f"{'':34}" + "".join(f"{b:>22}" for b in labels))
for label in order:
    print(f"{label:34}" + "".join(f"{statistics.median(cpu[(b, label)]):>12.0f} ({statistics.median(reqs[(b, label)]):>6.0f}) " for b in labels))
for b in labels:
    pts = [(float(re.search(r"limit=(\d+)$", l).group(1)), statistics.median(cpu[(b, l)])) for l in order if re.search(r"limit=(\d+)$", l) and l.startswith("partnerships")]
    n = len(pts)
    if len({x for x, _ in pts}) < 2:
        continue  # one page size (e.g. LIMITS=100): no line to fit
    mx = sum(x for x, _ in pts) / n; my = sum(y for _, y in pts) / n
    slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    print(f"{b}: least squares over partnerships limit={','.join(str(int(x)) for x, _ in pts)}: {slope:.1f} µs CPU per partnership + {my - slope * mx:.0f} µs per request")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
