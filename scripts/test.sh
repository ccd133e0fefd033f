#!/usr/bin/env bash
# Runs every test: the API suite (xunit over HTTP on SQLite; the SQL Server variant too when
# COMMUNITYHUB_TEST_SQLSERVER is set or a Docker engine runs) and the web app's unit, end-to-end and accessibility tests.
# Installs what the tests need and the machine lacks (Debian's python3-icalendar and chromium).
# Ends with one line: "N passed, N failed" (and exits non-zero on any failure).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/TestResults"
rm -rf "$results" && mkdir -p "$results"

apt_install() {
  local sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  if [[ ! -f /tmp/.communityhub-apt-updated ]]; then
    $sudo apt-get update -qq && touch /tmp/.communityhub-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# The iCalendar feed is checked by an independent parser (python3-icalendar, Debian's /usr/bin/python3).
if ! /usr/bin/python3 -c "import icalendar" 2>/dev/null; then
  echo "Installing python3-icalendar ..."
  apt_install python3-icalendar || echo "warning: could not install python3-icalendar; the iCalendar tests will fail"
fi

status=0
# The web app's install and unit tests need no API: they run beside the API build and suite, and their output is
# shown after it (the end-to-end stage below needs the API and runs alone).
client_unit_pid=""
if [[ -f client/scripts/test-all.sh ]]; then
  rm -f client/test-results/vitest.json client/test-results/playwright.json
  bash client/scripts/test-all.sh unit > "$results/client-unit.log" 2>&1 &
  client_unit_pid=$!
fi

echo "== API tests"
if dotnet build CommunityHub.sln -nologo -clp:ErrorsOnly; then
  # The SQL Server variants need COMMUNITYHUB_TEST_SQLSERVER or a Docker engine (Testcontainers). With neither they
  # are left out of the run and counted as skipped in one line, instead of one skip line per test.
  sqlserver_filter=()
  if [[ -z "${COMMUNITYHUB_TEST_SQLSERVER:-}" ]] && ! timeout 10 docker info >/dev/null 2>&1; then
    sqlserver_count=$(dotnet test --project tests/CommunityHub.Api.Tests --no-build --filter-class "*SqlServerTests" --list-tests 2>/dev/null \
      | sed -n 's/^Discovered \([0-9]*\) tests.*/\1/p' | head -n 1)
    echo "SQL Server tests skipped: set COMMUNITYHUB_TEST_SQLSERVER or start Docker (${sqlserver_count:-0} tests)"
    echo "${sqlserver_count:-0}" > "$results/sqlserver-skipped"
    sqlserver_filter=(--filter-not-class "*SqlServerTests")
  fi
  # Every statement the handlers sent on SQLite is also checked as T-SQL; the run writes how many to this file.
  tsql_report=tests/CommunityHub.Api.Tests/bin/Debug/net10.0/tsql-statements.txt
  rm -f "$tsql_report"
  # xunit.v3 runs on Microsoft.Testing.Platform (global.json); its TRX report feeds the closing count.
  dotnet test --solution CommunityHub.sln --no-build --report-xunit-trx --results-directory "$results" "${sqlserver_filter[@]}" || status=1
  [[ -f "$tsql_report" ]] && head -n 1 "$tsql_report"
else
  echo "Build failed."
  status=1
  echo "0 passed, 1 failed" > "$results/build-failed"
fi

if [[ -n "$client_unit_pid" ]]; then
  echo "== Web app unit tests (run beside the API suite)"
  wait "$client_unit_pid" || status=1
  cat "$results/client-unit.log"
  echo "== Web app end-to-end tests"
  bash client/scripts/test-all.sh e2e || status=1
fi

# openapi.yaml passes redocly's recommended rules (redocly.yaml), counted as one test. @redocly/cli is pinned in
# client/package.json, so the client's npm ci above installed it.
echo "== OpenAPI lint"
if client/node_modules/.bin/redocly lint openapi.yaml --config redocly.yaml; then
  echo '{"name": "redocly lint openapi.yaml", "passed": 1, "failed": 0}' > "$results/openapi-lint.result.json"
else
  echo '{"name": "redocly lint openapi.yaml", "passed": 0, "failed": 1}' > "$results/openapi-lint.result.json"
  status=1
fi

python3 "$root/scripts/count-results.py" "$results" "$root/client/test-results" || status=1
exit $status
