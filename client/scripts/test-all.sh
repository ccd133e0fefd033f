#!/usr/bin/env bash
# The client's whole check, as the root test script runs it: install, API types fresh, unit tests,
# build into the API's wwwroot, then the end-to-end suite against the real API in Chromium.
# Every stage runs even when an earlier check failed (so the reports count everything); only a
# failed install or build stops early, since later stages would then test something stale.
# Reports: test-results/vitest.json and test-results/playwright.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# Stages: `unit` (install, API types fresh, unit tests), `e2e` (build, end-to-end), or both (no argument). The root
# test script runs `unit` beside the API suite, which it does not need, and `e2e` after it.
stage="${1:-all}"
status=0

if [ "$stage" != e2e ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  npm run check:api || status=1
  npm test || status=1
fi

if [ "$stage" != unit ]; then
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the end-to-end tests"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
  fi
  # The webhook specs deliver to a receiver the test starts on 127.0.0.1; the API refuses loopback targets
  # unless Webhooks:AllowedNetworks lists them.
  export Webhooks__AllowedNetworks__0="${Webhooks__AllowedNetworks__0:-127.0.0.0/8}"
  npm run build
  npm run e2e || status=1
fi
exit "$status"
