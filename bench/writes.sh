#!/usr/bin/env bash
# The write path: writes/s and the API's CPU per write while the bench loader creates members and partnerships through
# HTTP (CONCURRENCY writers, default 16) on a fresh database. Give an API build directory, so two builds (e.g. before
# and after a change, the old one from `git archive <commit> | tar -x -C /tmp/old` and `dotnet build api -c Release`)
# can be run alternately under the same conditions:
#   bench/writes.sh api/bin/Release/net10.0 new;  bench/writes.sh /tmp/old/api/bin/Release/net10.0 old
# Needs the bench loader built (bench/run.sh builds it). CPU per write is the robust figure on a shared machine.
# Only members and partnerships are written and counted. A warm-up load first (WARMUP_MEMBERS, WARMUP_PARTNERSHIPS,
# another seed; 0 skips it) lets the JIT's tiers settle: in a cold 30-second run the JIT itself took a fifth of the
# API's CPU, so a build with more code looked slower per write than it is once running.
set -euo pipefail
API_DIR="$(cd "$1" && pwd)"; LABEL="${2:-$1}"
MEMBERS="${MEMBERS:-1000}"; PARTNERSHIPS="${PARTNERSHIPS:-4000}"; CONCURRENCY="${CONCURRENCY:-16}"
WARMUP_MEMBERS="${WARMUP_MEMBERS:-500}"; WARMUP_PARTNERSHIPS="${WARMUP_PARTNERSHIPS:-2000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATAGEN="$ROOT/bench/CommunityHub.Bench.DataGen/bin/Release/net10.0/CommunityHub.Bench.DataGen.dll"
WORK=$(mktemp -d); PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
( cd "$API_DIR"; export ASPNETCORE_ENVIRONMENT=Production App__PublicBaseUrl=https://bench.communityhub.invalid Mail__Enabled=${MAIL_ENABLED:-false} ConnectionStrings__CommunityHub="Data Source=$WORK/ab.db" \
  Auth__SigningKey="ab-signing-key-0123456789-0123456789-abcdefgh" Bootstrap__AdminEmail=ab@example.fi Bootstrap__AdminPassword=ab-password-2026-xyz \
  Seed__DemoData=false ApiKeys__PermitsPerMinute=100000000 Logging__LogLevel__Default=Warning; exec dotnet CommunityHub.Api.dll --urls "http://127.0.0.1:$PORT" ) >"$WORK/api.log" 2>&1 &
PID=$!; trap 'kill $PID 2>/dev/null; rm -rf $WORK' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready"; do sleep 0.2; done
LOAD=(--concurrency "$CONCURRENCY" --pilots 0 --events 0 --base-url "http://127.0.0.1:$PORT" --email ab@example.fi --password ab-password-2026-xyz)
if (( WARMUP_MEMBERS > 0 )); then
  dotnet "$DATAGEN" generate --members "$WARMUP_MEMBERS" --partnerships "$WARMUP_PARTNERSHIPS" --seed 11 "${LOAD[@]}" >/dev/null 2>&1
fi
L0=$(cut -d' ' -f1 /proc/loadavg)
T0=$(awk '{print $14+$15}' /proc/$PID/stat)
OUT=$(dotnet "$DATAGEN" generate --members "$MEMBERS" --partnerships "$PARTNERSHIPS" --seed 3 "${LOAD[@]}")
T1=$(awk '{print $14+$15}' /proc/$PID/stat)
echo "$OUT" | awk -v ticks=$((T1-T0)) -v hz=$(getconf CLK_TCK) -F= -v label="$LABEL" -v l0="$L0" -v l1="$(cut -d' ' -f1 /proc/loadavg)" '/^members_created=/{m=$2} /^members_seconds=/{ms=$2} /^partnerships_created=/{p=$2} /^partnerships_seconds=/{ps=$2} /^failed_requests=/{f=$2} END{printf "%s: members %.0f/s, partnerships %.0f/s, all %.0f writes/s, %.0f µs API CPU per write (failed %s) load %s→%s\n", label, m/ms, p/ps, (m+p)/(ms+ps), 1e6*ticks/hz/(m+p), f, l0, l1}'
