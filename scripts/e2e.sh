#!/usr/bin/env bash
# Browser tests of the SPA against the real API on a fresh database:
# temp SQLite → migrate → seed → one user per role → serve the built SPA → Playwright (Debian's
# Chromium, headless) → stop. `SCREENSHOTS=1` also writes docs/screenshots/*.png.
# Env: E2E_SKIP_BUILD=1 reuses client/dist; PLAYWRIGHT_ARGS are passed to `playwright test`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "e2e: $CHROMIUM not found; install Debian's chromium (apt-get install -y chromium)" >&2
  exit 1
fi
if [ ! -d client/node_modules ]; then
  (cd client && npm ci --no-audit --no-fund)
fi
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  (cd client && npm run build >/dev/null)
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/regie-e2e.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

export REGIE_DATABASE_URL="sqlite:///$TMP/e2e.db"
export REGIE_SPA_DIR="$ROOT/client/dist"
export REGIE_ENV=development
# A short access token makes the browser tests go through the refresh path for real.
export REGIE_ACCESS_TOKEN_MINUTES=${REGIE_ACCESS_TOKEN_MINUTES:-1}
# Several logins per role from one address: keep the failed-login throttle out of the way.
export REGIE_LOGIN_MAX_FAILURES=100
# Webhook subscriptions to a loopback address (nothing listens: deliveries just fail).
export REGIE_WEBHOOK_ALLOW_PRIVATE=true
# No SMTP server: e-mail goes to .eml files in the run's own folder (the SPA lists them).
export REGIE_MAIL_DIR="$TMP/mail"
export E2E_PASSWORD="e2e-Wachtwoord-$(date +%s)"

.venv/bin/regie db upgrade 2>/dev/null
.venv/bin/regie seed >/dev/null 2>&1
ROSE_ACTOR=$(.venv/bin/python -c "from api.seed.loader import actor_id; print(actor_id('fictief-klusjesbedrijf-kortrijk'))")
export E2E_ROSE_ACTOR="$ROSE_ACTOR"
export E2E_MUNICIPALITY=34022
REGIE_PASSWORD="$E2E_PASSWORD" .venv/bin/regie users create --email w13@e2e.test --name "Regisseur (e2e)" --role w13 >/dev/null
REGIE_PASSWORD="$E2E_PASSWORD" .venv/bin/regie users create --email rose@e2e.test --name "ROSE-lid (e2e)" --role rose_member --actor "$ROSE_ACTOR" >/dev/null
REGIE_PASSWORD="$E2E_PASSWORD" .venv/bin/regie users create --email gemeente@e2e.test --name "Gemeente Kortrijk (e2e)" --role municipality --municipality "$E2E_MUNICIPALITY" >/dev/null

PORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
.venv/bin/regie serve --host 127.0.0.1 --port "$PORT" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
ready() { .venv/bin/python -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; }
for _ in $(seq 1 150); do
  if ready; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$TMP/server.log" >&2; exit 1; fi
  sleep 0.2
done
ready || { echo "e2e: server did not become ready" >&2; cat "$TMP/server.log" >&2; exit 1; }

export E2E_BASE_URL="http://127.0.0.1:$PORT"
export E2E_CHROMIUM="$CHROMIUM"
set +e
(cd client && npx playwright test ${PLAYWRIGHT_ARGS:-})
rc=$?
set -e
if [ $rc -ne 0 ] && [ -n "${E2E_SERVER_LOG:-}" ]; then cat "$TMP/server.log" >&2; fi
exit $rc
