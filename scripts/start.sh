#!/usr/bin/env bash
# Starts the whole product on the embedded SQLite database with demo data:
# the API, Swagger UI (/swagger) and the web app, at http://localhost:5080 (override with PORT=...).
# Builds the web app first when its output is missing or older than its sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${PORT:-5080}"

if [[ -f client/package.json ]]; then
  index=api/wwwroot/index.html
  if [[ ! -f "$index" ]] || [[ -n "$(find client/src client/index.html client/package.json openapi.yaml -newer "$index" -print -quit 2>/dev/null)" ]]; then
    echo "Building the web app (client/) into api/wwwroot ..."
    (cd client && { [[ -d node_modules ]] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; } && npm run build)
  fi
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "CommunityHub: http://localhost:$port  (Swagger UI: http://localhost:$port/swagger)"
exec dotnet run --project api --no-launch-profile --urls "http://localhost:$port"
