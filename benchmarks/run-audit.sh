#!/usr/bin/env bash
# Audit benchmark, one run, same distribution, loopback only, bounded in count and time:
#   1. login latency with the trustpack-audit listener on vs off: one Keycloak + Trustpack, two identical realms
#      (one lists the listener and has a webhook sink), each worker alternating requests between them; the same
#      load on vanilla Keycloak (no Trustpack jars) for reference;
#   2. delivery lag (arrival at the webhook receiver minus the record's time), p50/p99 at a fixed login rate;
#   3. events/s through outbox -> webhook: a backlog built while the sink is paused, drained after resume.
# Usage: benchmarks/run-audit.sh [workers] [seconds] [logins-per-second] [backlog]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.run/bench"
WORKERS="${1:-4}"
SECONDS_MEASURED="${2:-30}"
RATE="${3:-100}"
BACKLOG="${4:-20000}"
WARMUP=10
RECEIVER_PORT=8099
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

require_free_ports 8080 9000 "$RECEIVER_PORT"

cd "$ROOT"
echo "==> Building the Trustpack jars"
build_trustpack_jars
DIST="$WORK/keycloak-$KC_VERSION"
keycloak_dist "$DIST"
JARS=(providers/common/target/trustpack-common-*[0-9T].jar providers/tenancy/target/trustpack-tenancy-*[0-9T].jar
      providers/argon2/target/trustpack-argon2-*[0-9T].jar providers/audit/target/trustpack-audit-*[0-9T].jar
      themes/target/trustpack-themes-*[0-9T].jar)
CP="$DIST/lib/lib/main/*"
rm -rf "$WORK/audit-classes" && mkdir -p "$WORK/audit-classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/audit-classes" -cp "$CP" benchmarks/src/dev/trustpack/bench/BenchHttp.java \
  benchmarks/src/dev/trustpack/bench/AuditLoad.java

VAULT="$WORK/audit-vault"
rm -rf "$VAULT" && mkdir -p "$VAULT"
head -c 32 /dev/urandom | base64 | sed 's/^/whsec_/' > "$VAULT/bench-audit-on_audit-webhook"

KC_PID=""
stop_server() { [ -z "$KC_PID" ] || { kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; KC_PID=""; }; }
trap stop_server EXIT

run_server() { # variant mode args...
  local variant="$1"; shift
  local log="$WORK/audit-$variant.log"
  rm -f "$DIST"/providers/trustpack-*.jar
  rm -rf "$DIST/data/h2"
  if [ "$variant" = trustpack ]; then
    for jar in "${JARS[@]}"; do cp "$ROOT/$jar" "$DIST/providers/"; done
  fi
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$DIST/bin/kc.sh" start-dev --http-port=8080 \
    --health-enabled=true --cache=local --vault=file --vault-dir="$VAULT" >"$log" 2>&1 &
  local kc=$!
  KC_PID=$kc
  until [ "$(http_status 9000 /health/ready)" = "200" ]; do
    kill -0 "$kc" 2>/dev/null || { echo "Keycloak ($variant) did not start; see $log" >&2; exit 1; }
    sleep 1
  done
  local jvm
  jvm="$(pgrep -P "$kc" java | head -n 1 || true)"
  [ -n "$jvm" ] || jvm="$kc"
  "$JAVA" -cp "$WORK/audit-classes:$CP" dev.trustpack.bench.AuditLoad "$@" | sed "s/^/$variant /"
  echo "$variant peak_rss_mib=$(( $(awk '/VmHWM/ {print $2}' "/proc/$jvm/status") / 1024 ))"
  stop_server
}

echo
echo "== Audit: $WORKERS workers, ${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured, lag at $RATE logins/s, backlog $BACKLOG"
echo "== Keycloak $KC_VERSION start-dev, H2, $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1)"
run_server vanilla latency http://localhost:8080 "$WORKERS" "$WARMUP" "$SECONDS_MEASURED"
run_server trustpack audit http://localhost:8080 "$WORKERS" "$WARMUP" "$SECONDS_MEASURED" "$RECEIVER_PORT" "$RATE" "$BACKLOG"
