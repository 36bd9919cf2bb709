#!/usr/bin/env bash
# Runs Keycloak + Trustpack + the demo realm on http://localhost:8080 (embedded H2 database by default).
# Needs only a JDK (17+). See ./run.sh --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$ROOT/.run"
HTTP_PORT=8080
MGMT_PORT=9000
DEMO_APP_PORT=3000
REALM=trustpack-demo

DB=h2
DB_URL=""
DB_USERNAME=""
DB_PASSWORD=""
RESET=false
BUILD=true

usage() {
  cat <<'EOF'
Usage: ./run.sh [options]

Builds the Trustpack jars (no tests), installs them into a cached Keycloak distribution, imports the demo realm
from realm-config/ and starts Keycloak on http://localhost:8080. Ctrl-C stops it.

Options:
  --db h2|postgres        Database (default: h2, an embedded file database under .run/)
  --db-url URL            JDBC URL for postgres (default: jdbc:postgresql://127.0.0.1:5432/trustpack)
  --db-username NAME      Database user for postgres (default: postgres)
  --db-password PASSWORD  Database password for postgres (default: empty; or set TRUSTPACK_DB_PASSWORD)
  --reset                 Delete the local H2 data first, so realm-config/ is imported afresh
  --no-build              Reuse the jars already built in */target
  -h, --help              This help

Demo credentials (override through the environment):
  KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD   admin console user (default admin / admin)
  TRUSTPACK_DEMO_PASSWORD                                     password of the demo users
  TRUSTPACK_BACKEND_CLIENT_SECRET                             secret of the trustpack-backend client

Google sign-in (off unless both are set; docs/google.md):
  TRUSTPACK_GOOGLE_CLIENT_ID / TRUSTPACK_GOOGLE_CLIENT_SECRET  the Google OAuth client of the demo realm
  TRUSTPACK_GOOGLE_ENDPOINT_BASE_URL                           operators and local trials only: a stand-in for
                                                              Google's endpoints (http on loopback, or https)
EOF
}

fail() {
  echo "run.sh: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB="${2:-}"; shift 2 ;;
    --db=*) DB="${1#*=}"; shift ;;
    --db-url) DB_URL="${2:-}"; shift 2 ;;
    --db-url=*) DB_URL="${1#*=}"; shift ;;
    --db-username) DB_USERNAME="${2:-}"; shift 2 ;;
    --db-username=*) DB_USERNAME="${1#*=}"; shift ;;
    --db-password) DB_PASSWORD="${2:-}"; shift 2 ;;
    --db-password=*) DB_PASSWORD="${1#*=}"; shift ;;
    --reset) RESET=true; shift ;;
    --no-build) BUILD=false; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done

case "$DB" in
  h2|postgres) ;;
  *) fail "--db must be h2 or postgres, not '$DB'" ;;
esac

# --- Java -----------------------------------------------------------------------------------------------------
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  fail "Java is missing. Install a JDK 17 or newer (for example Eclipse Temurin 17 or 21), or set JAVA_HOME."
fi
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1)"
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 17 ]; then
  fail "Java 17 or newer is required; $JAVA is version ${JAVA_MAJOR:-unknown}."
fi
export JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$JAVA")/.." && pwd)}"

# --- Ports ----------------------------------------------------------------------------------------------------
# shellcheck source=scripts/lib.sh
. "$ROOT/scripts/lib.sh"
for port in "$HTTP_PORT" "$MGMT_PORT"; do
  if port_in_use "$port"; then
    fail "port $port is already in use (is another Keycloak running?). Stop it and retry."
  fi
done

# --- Build ----------------------------------------------------------------------------------------------------
cd "$ROOT"
if [ "$BUILD" = true ]; then
  echo "==> Building Trustpack jars (no tests)"
  build_trustpack_jars
fi

# --- Keycloak distribution (cached) ---------------------------------------------------------------------------
KC_HOME="$WORK/keycloak-$KC_VERSION"
keycloak_dist "$KC_HOME"

# --- Trustpack jars and demo realm ----------------------------------------------------------------------------
install_if_changed() {
  local source="$1" target="$KC_HOME/providers/$(basename "$1")"
  if ! cmp -s "$source" "$target"; then
    cp "$source" "$target"
  fi
}
wanted=()
for jar in providers/*/target/trustpack-*.jar themes/target/trustpack-*.jar; do
  case "$jar" in *-sources.jar|*-javadoc.jar|*/original-*) continue ;; esac
  [ -f "$jar" ] || continue
  install_if_changed "$jar"
  wanted+=("$(basename "$jar")")
done
[ "${#wanted[@]}" -gt 0 ] || fail "no Trustpack jars found; run without --no-build"
for installed in "$KC_HOME"/providers/trustpack-*.jar; do
  [ -e "$installed" ] || continue
  keep=false
  for name in "${wanted[@]}"; do [ "$(basename "$installed")" = "$name" ] && keep=true; done
  [ "$keep" = true ] || rm -f "$installed"
done

mkdir -p "$KC_HOME/data/import"
rm -f "$KC_HOME/data/import/"*.json
cp realm-config/*.json "$KC_HOME/data/import/"

if [ "$RESET" = true ]; then
  [ "$DB" = h2 ] || fail "--reset only deletes the local H2 data; drop the PostgreSQL database yourself"
  echo "==> Deleting the local H2 data (the demo realm is imported afresh)"
  rm -rf "$KC_HOME/data/h2"
fi

# --- Demo settings (documented defaults; never use them outside a demo) ---------------------------------------
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
export TRUSTPACK_DEMO_PASSWORD="${TRUSTPACK_DEMO_PASSWORD:-trustpack-demo-2026}"
export TRUSTPACK_BACKEND_CLIENT_SECRET="${TRUSTPACK_BACKEND_CLIENT_SECRET:-trustpack-demo-backend-secret}"

# Google sign-in: both or neither. Without them the realm has no Google provider, so no button is shown.
GOOGLE=false
if [ -n "${TRUSTPACK_GOOGLE_CLIENT_ID:-}" ] || [ -n "${TRUSTPACK_GOOGLE_CLIENT_SECRET:-}" ]; then
  [ -n "${TRUSTPACK_GOOGLE_CLIENT_ID:-}" ] && [ -n "${TRUSTPACK_GOOGLE_CLIENT_SECRET:-}" ] \
    || fail "set both TRUSTPACK_GOOGLE_CLIENT_ID and TRUSTPACK_GOOGLE_CLIENT_SECRET, or neither (docs/google.md)"
  GOOGLE=true
fi
GOOGLE_OPTIONS=()
if [ -n "${TRUSTPACK_GOOGLE_ENDPOINT_BASE_URL:-}" ]; then
  GOOGLE_OPTIONS+=("--spi-social--trustpack-google--endpoint-base-url=$TRUSTPACK_GOOGLE_ENDPOINT_BASE_URL")
fi

if [ "$DB" = postgres ]; then
  export KC_DB=postgres
  export KC_DB_URL="${DB_URL:-jdbc:postgresql://127.0.0.1:5432/trustpack}"
  export KC_DB_USERNAME="${DB_USERNAME:-postgres}"
  export KC_DB_PASSWORD="${DB_PASSWORD:-${TRUSTPACK_DB_PASSWORD:-}}"
  unset KC_DB_URL_PROPERTIES
else
  unset KC_DB KC_DB_URL KC_DB_USERNAME KC_DB_PASSWORD
  # H2 would write commits to its file up to half a second late; a crash then loses them (audit records too).
  export KC_DB_URL_PROPERTIES=";WRITE_DELAY=0"
fi

# --- Start ----------------------------------------------------------------------------------------------------
LOG="$WORK/keycloak.log"
echo "==> Starting Keycloak $KC_VERSION with Trustpack ($DB database); log: ${LOG#$ROOT/}"
STARTED_AT=$SECONDS
"$KC_HOME/bin/kc.sh" start-dev --import-realm --http-port="$HTTP_PORT" --health-enabled=true --metrics-enabled=true \
  ${GOOGLE_OPTIONS[@]+"${GOOGLE_OPTIONS[@]}"} >"$LOG" 2>&1 &
KC_PID=$!

DEMO_APP_PID=""
stop_keycloak() {
  trap - INT TERM
  echo
  echo "==> Stopping Keycloak"
  [ -n "$DEMO_APP_PID" ] && kill -TERM "$DEMO_APP_PID" 2>/dev/null
  kill -TERM "$KC_PID" 2>/dev/null || true
  wait "$KC_PID" 2>/dev/null || true
  exit 130
}
trap stop_keycloak INT TERM

until [ "$(http_status "$MGMT_PORT" /health/ready)" = "200" ] \
    && [ "$(http_status "$HTTP_PORT" "/realms/$REALM/.well-known/openid-configuration")" = "200" ]; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    echo "run.sh: Keycloak stopped during start-up. Last lines of ${LOG#$ROOT/}:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  sleep 1
done

# The realm's Google provider, created (or updated) through Keycloak's own admin CLI; the secret goes on stdin.
GOOGLE_LINES=""
if [ "$GOOGLE" = true ]; then
  KCADM=("$KC_HOME/bin/kcadm.sh")
  KCADM_CONFIG="$WORK/kcadm.config"
  KCADM_LOG="$WORK/kcadm.log"
  "${KCADM[@]}" config credentials --config "$KCADM_CONFIG" --server "http://localhost:$HTTP_PORT" --realm master \
    --user "$KC_BOOTSTRAP_ADMIN_USERNAME" --password "$KC_BOOTSTRAP_ADMIN_PASSWORD" >"$KCADM_LOG" 2>&1 \
    || fail "could not sign in to the admin CLI to add the Google provider; see ${KCADM_LOG#$ROOT/}"
  GOOGLE_JSON=$(cat <<JSON
{"alias": "google", "displayName": "Google", "providerId": "trustpack-google", "enabled": true,
 "firstBrokerLoginFlowAlias": "trustpack google first broker login", "postBrokerLoginFlowAlias": "trustpack post broker login",
 "config": {"clientId": "$TRUSTPACK_GOOGLE_CLIENT_ID", "clientSecret": "$TRUSTPACK_GOOGLE_CLIENT_SECRET", "syncMode": "IMPORT"}}
JSON
)
  if "${KCADM[@]}" get identity-provider/instances/google -r "$REALM" --config "$KCADM_CONFIG" >/dev/null 2>&1; then
    echo "$GOOGLE_JSON" | "${KCADM[@]}" update identity-provider/instances/google -r "$REALM" --config "$KCADM_CONFIG" \
      -f - >>"$KCADM_LOG" 2>&1 || fail "could not update the Google provider; see ${KCADM_LOG#$ROOT/}"
  else
    echo "$GOOGLE_JSON" | "${KCADM[@]}" create identity-provider/instances -r "$REALM" --config "$KCADM_CONFIG" \
      -f - >>"$KCADM_LOG" 2>&1 || fail "could not add the Google provider; see ${KCADM_LOG#$ROOT/}"
  fi
  rm -f "$KCADM_CONFIG"
  GOOGLE_LINES="
  Google sign-in (provider google, trustpack-google; docs/google.md)
    client id  $TRUSTPACK_GOOGLE_CLIENT_ID    endpoints  ${TRUSTPACK_GOOGLE_ENDPOINT_BASE_URL:-Google}
    acme       a new Google user of acme.example joins acme as Viewer; globex creates no accounts at first sign-in
"
fi

# The demo SPA (a browser app that signs in per tenant and shows its tokens); optional, so a busy port only skips it.
if port_in_use "$DEMO_APP_PORT"; then
  DEMO_APP_LINE="Demo app          not started: port $DEMO_APP_PORT is in use"
else
  "$JAVA" "$ROOT/demo-app/DemoAppServer.java" "$DEMO_APP_PORT" "$ROOT/demo-app/static" >"$WORK/demo-app.log" 2>&1 &
  DEMO_APP_PID=$!
  DEMO_APP_LINE="Demo app          http://localhost:$DEMO_APP_PORT/   (sign in per tenant, see the tokens)"
fi

cat <<EOF

Trustpack is running — Keycloak $KC_VERSION, $DB database (start $((SECONDS - STARTED_AT)) s, total $SECONDS s).

  $DEMO_APP_LINE
  Admin console     http://localhost:$HTTP_PORT/admin/                      user: $KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD
  Account console   http://localhost:$HTTP_PORT/realms/$REALM/account
  OIDC discovery    http://localhost:$HTTP_PORT/realms/$REALM/.well-known/openid-configuration

  Tenants (Keycloak Organizations), demo users and their tenant roles; password: $TRUSTPACK_DEMO_PASSWORD
    acme    (acme.example)     alice (Owner), carol (Viewer)
    globex  (globex.example)   bob (Owner), carol (Admin)

  MFA policy (tenant policy document, section mfa; docs/mfa.md)
    acme    required for Owner and Admin, 7-day grace (alice is asked to set up MFA and may postpone)
    globex  recommended (offered at sign-in, "Later" allowed)
    report  GET /admin/realms/$REALM/trustpack/tenants/<alias>/mfa-report
$GOOGLE_LINES
  Clients
    trustpack-spa       public, authorization code + PKCE (S256), redirects to http://localhost:3000/* or any loopback port
    trustpack-backend   confidential, secret: \$TRUSTPACK_BACKEND_CLIENT_SECRET

  Log: ${LOG#$ROOT/}    Ctrl-C stops Keycloak.
EOF

wait "$KC_PID"
[ -n "$DEMO_APP_PID" ] && kill -TERM "$DEMO_APP_PID" 2>/dev/null
