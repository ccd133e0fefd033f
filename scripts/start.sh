#!/usr/bin/env bash
# Starts the whole product on the embedded SQLite database with demo data:
# the API, Swagger UI (/swagger) and the web app, at http://localhost:5080 (override with PORT=...).
# Builds the web app first when its output is missing or older than its sources, then the API, and prints
# the address only once the app answers its readiness check (/health/ready).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${PORT:-5080}"
url="http://localhost:$port"

if [[ -f client/package.json ]]; then
  index=api/wwwroot/index.html
  if [[ ! -f "$index" ]] || [[ -n "$(find client/src client/index.html client/package.json openapi.yaml -newer "$index" -print -quit 2>/dev/null)" ]]; then
    echo "Building the web app… (client/ into api/wwwroot)"
    (cd client && { [[ -d node_modules ]] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; } && npm run build --silent -- --logLevel warn)
  else
    echo "The web app is up to date."
  fi
fi

echo "Building the API…"
dotnet build api -nologo -v quiet -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "Starting… (waiting for $url/health/ready)"
dotnet run --project api --no-build --no-launch-profile --urls "$url" &
app=$!
# Ctrl-C or a stop signal stops the app too.
trap 'kill "$app" 2>/dev/null || true' INT TERM

ready() {
  if command -v curl >/dev/null 2>&1; then
    # Quiet: until the app listens every try fails to connect, and the loop says what it waits for.
    curl -fs -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n1 <&3 | grep -q ' 200 ') 2>/dev/null
  fi
}

for _ in $(seq 1 240); do
  if ! kill -0 "$app" 2>/dev/null; then
    wait "$app" || status=$?
    echo "The app stopped before it was ready (exit code ${status:-0})." >&2
    exit "${status:-1}"
  fi
  if ready; then
    echo "CommunityHub is ready: $url  (Swagger UI: $url/swagger; health: $url/health/live, $url/health/ready)"
    break
  fi
  sleep 0.5
done
if ! ready; then echo "Still not ready after 2 minutes; the app keeps starting in the background (Ctrl-C stops it)." >&2; fi
wait "$app"
