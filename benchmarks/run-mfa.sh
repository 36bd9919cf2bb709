#!/usr/bin/env bash
# MFA decision benchmark, one run, one server, loopback only, bounded in time: what the MFA policy decision adds to
# a login of a user with no MFA requirement, password grant and browser login (form posts, PKCE), policy on vs off
# in the same Keycloak + Trustpack (two realms identical but for the MFA steps, guard and mapper).
# Usage: benchmarks/run-mfa.sh [workers] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.run/bench"
WORKERS="${1:-2}"
SECONDS_MEASURED="${2:-30}"
WARMUP=10
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

require_free_ports 8080 9000

cd "$ROOT"
echo "==> Building the Trustpack jars"
build_trustpack_jars
DIST="$WORK/keycloak-$KC_VERSION"
keycloak_dist "$DIST"
JARS=(providers/common/target/trustpack-common-*[0-9T].jar providers/tenancy/target/trustpack-tenancy-*[0-9T].jar
      providers/argon2/target/trustpack-argon2-*[0-9T].jar providers/audit/target/trustpack-audit-*[0-9T].jar
      providers/mfa/target/trustpack-mfa-*[0-9T].jar themes/target/trustpack-themes-*[0-9T].jar)
CP="$DIST/lib/lib/main/*"
rm -rf "$WORK/mfa-classes" && mkdir -p "$WORK/mfa-classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/mfa-classes" -cp "$CP" benchmarks/src/dev/trustpack/bench/BenchHttp.java \
  benchmarks/src/dev/trustpack/bench/MfaLoad.java

KC_PID=""
stop_server() { [ -z "$KC_PID" ] || { kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; KC_PID=""; }; }
trap stop_server EXIT

LOG="$WORK/mfa.log"
rm -f "$DIST"/providers/trustpack-*.jar
rm -rf "$DIST/data/h2"
for jar in "${JARS[@]}"; do cp "$ROOT/$jar" "$DIST/providers/"; done
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$DIST/bin/kc.sh" start-dev --http-port=8080 \
  --health-enabled=true --cache=local >"$LOG" 2>&1 &
KC_PID=$!
until [ "$(http_status 9000 /health/ready)" = "200" ]; do
  kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak did not start; see $LOG" >&2; exit 1; }
  sleep 1
done

echo
echo "== MFA decision: $WORKERS workers, ${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured per login kind, $(date -u +%F)"
echo "== Keycloak $KC_VERSION start-dev + Trustpack, H2, $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1)"
"$JAVA" -cp "$WORK/mfa-classes:$CP" dev.trustpack.bench.MfaLoad http://localhost:8080 "$WORKERS" "$WARMUP" \
  "$SECONDS_MEASURED"
