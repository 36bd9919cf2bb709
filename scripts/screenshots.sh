#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ from the running ./run.sh demo: each login page state (username,
# password, tenant picker, MFA grace notice in English and German, MFA recommended, authenticator-app set-up, session
# expired) and the demo app, in Chromium through Playwright (playwright-core, installed once into a cache directory).
#
#   ./run.sh --reset          # first, in another terminal: a fresh demo realm
#   scripts/screenshots.sh    # then this; about two minutes (the session-expired state waits out a 1-minute limit)
#
# Environment: KEYCLOAK_URL (http://localhost:8080), DEMO_APP_URL (http://localhost:3000), CHROMIUM (the chromium on
# PATH), KC_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD (admin / admin, as run.sh), TRUSTPACK_DEMO_PASSWORD (run.sh's default).
# It signs in as the demo users, so it leaves what sign-ins leave (audit records, alice's MFA grace period started and
# postponed). acme's policy gets a 1-minute idle limit for the session-expired picture and is put back after.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLAYWRIGHT_VERSION=1.64.1
export KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:8080}"
export DEMO_APP_URL="${DEMO_APP_URL:-http://localhost:3000}"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
export TRUSTPACK_DEMO_PASSWORD="${TRUSTPACK_DEMO_PASSWORD:-trustpack-demo-2026}"
export OUT="${OUT:-$ROOT/docs/images}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
[ -n "$CHROMIUM" ] || { echo "Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM" >&2; exit 1; }
export CHROMIUM
command -v node >/dev/null || { echo "Node.js is needed (node and npm)" >&2; exit 1; }
for url in "$KEYCLOAK_URL/realms/trustpack-demo" "$DEMO_APP_URL/"; do
  curl -fs -o /dev/null "$url" || { echo "$url does not answer: start the demo with ./run.sh first" >&2; exit 1; }
done

TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/trustpack/screenshots-$PLAYWRIGHT_VERSION"
if [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
  echo "==> Installing playwright-core $PLAYWRIGHT_VERSION into $TOOLS (once)"
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
fi
mkdir -p "$OUT"
NODE_PATH="$TOOLS/node_modules" node "$ROOT/scripts/screenshots.cjs"
