#!/usr/bin/env bash
# MFA decision benchmark, one run, one server, loopback only, bounded in time: what the MFA policy decision adds to
# a login of a user with no MFA requirement, password grant and browser login (form posts, PKCE), policy on vs off
# in the same Keycloak + Trustpack (two realms identical but for the MFA steps, guard and mapper).
# Usage: benchmarks/run-mfa.sh [workers] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORKERS="${1:-2}"
SECONDS_MEASURED="${2:-30}"
WARMUP=10
# shellcheck source=one-server.sh
. "$ROOT/benchmarks/one-server.sh"

echo "== MFA decision: $WORKERS workers, ${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured per login kind, $(date -u +%F)"
one_server_benchmark mfa MfaLoad "$WORKERS" "$WARMUP" "$SECONDS_MEASURED" \
  'providers/common/target/trustpack-common-*[0-9T].jar' 'providers/tenancy/target/trustpack-tenancy-*[0-9T].jar' \
  'providers/argon2/target/trustpack-argon2-*[0-9T].jar' 'providers/audit/target/trustpack-audit-*[0-9T].jar' \
  'providers/mfa/target/trustpack-mfa-*[0-9T].jar' 'themes/target/trustpack-themes-*[0-9T].jar'
