#!/usr/bin/env bash
# Session timeouts benchmark, one run, one server, loopback only, bounded in time: refresh-token grants per second with
# the sessions module on vs off in the same Keycloak + Trustpack (two realms identical but for the session step, the
# session guard on every refresh, the token-expiry mapper and a session policy). Goal: on >= 0.95 x off.
# Usage: benchmarks/run-sessions.sh [workers] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORKERS="${1:-2}"
SECONDS_MEASURED="${2:-30}"
WARMUP=10
# shellcheck source=one-server.sh
. "$ROOT/benchmarks/one-server.sh"

echo "== Session timeouts: $WORKERS workers; ${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured, alternating realms request by request; $(date -u +%F)"
one_server_benchmark sessions SessionLoad "$WORKERS" "$WARMUP" "$SECONDS_MEASURED" \
  'providers/common/target/trustpack-common-*[0-9T].jar' 'providers/tenancy/target/trustpack-tenancy-*[0-9T].jar' \
  'providers/argon2/target/trustpack-argon2-*[0-9T].jar' 'providers/audit/target/trustpack-audit-*[0-9T].jar' \
  'providers/sessions/target/trustpack-sessions-*[0-9T].jar' 'themes/target/trustpack-themes-*[0-9T].jar'
