#!/usr/bin/env bash
# The whole kit against vanilla Keycloak, one run, same distribution, same Argon2id parameters (m=19456 KiB, t=2, p=1),
# same load on loopback, bounded in time. Two Keycloaks side by side (start-dev, H2, local cache, the same heap):
# vanilla on 8080/9000, Keycloak + every Trustpack module on 8081/9001 with the demo realm's setup (see
# benchmarks/src/dev/trustpack/bench/FullStackLoad.java), a webhook receiver on 8099.
#   1. password-grant logins/s, browser logins/s (form posts, PKCE S256, code exchange) and refresh grants/s with
#      p50/p99, phases vanilla/Trustpack/Trustpack/vanilla; peak RSS of each server; ratios Trustpack / vanilla;
#   2. memory at concurrency: 50 x CPUs clients signing in at once, Trustpack then vanilla: answers by status,
#      client time-outs, heap used (jstat, every second) and peak RSS.
# Usage: benchmarks/run-fullstack.sh [workers] [seconds per phase] [cycles] [burst seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.run/bench"
WORKERS="${1:-4}"
SECONDS_MEASURED="${2:-20}"
CYCLES="${3:-1}"
BURST_SECONDS="${4:-30}"
WARMUP=5
# Unmeasured load per login kind and server before the phases: a fresh JVM compiles for minutes.
JIT_WARMUP=60
BURST_CLIENTS=$((50 * $(nproc)))
RECEIVER_PORT=8099
# The same heap for both: a fixed ceiling makes "bounded" checkable and peak RSS comparable.
HEAP="-Xms256m -Xmx1g"
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

require_free_ports 8080 9000 8081 9001 "$RECEIVER_PORT"
cd "$ROOT"
echo "==> Building the Trustpack jars"
build_trustpack_jars
keycloak_dist "$WORK/keycloak-$KC_VERSION"
JARS=(providers/common/target/trustpack-common-*[0-9T].jar providers/tenancy/target/trustpack-tenancy-*[0-9T].jar
      providers/argon2/target/trustpack-argon2-*[0-9T].jar providers/audit/target/trustpack-audit-*[0-9T].jar
      providers/mfa/target/trustpack-mfa-*[0-9T].jar providers/google/target/trustpack-google-*[0-9T].jar
      providers/sessions/target/trustpack-sessions-*[0-9T].jar themes/target/trustpack-themes-*[0-9T].jar)
for variant in vanilla trustpack; do
  rm -rf "$WORK/fullstack-$variant"
  mkdir -p "$WORK/fullstack-$variant"
  cp -r "$WORK/keycloak-$KC_VERSION" "$WORK/fullstack-$variant/keycloak"
  rm -f "$WORK/fullstack-$variant/keycloak/providers/"trustpack-*.jar
  rm -rf "$WORK/fullstack-$variant/keycloak/data"
done
for jar in "${JARS[@]}"; do cp "$ROOT/"$jar "$WORK/fullstack-trustpack/keycloak/providers/"; done
VAULT="$WORK/fullstack-vault"
rm -rf "$VAULT" && mkdir -p "$VAULT"
head -c 32 /dev/urandom | base64 | sed 's/^/whsec_/' > "$VAULT/bench_audit-webhook"

CP="$WORK/keycloak-$KC_VERSION/lib/lib/main/*"
CLASSES="$WORK/fullstack-classes"
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
"$JAVA_HOME/bin/javac" -nowarn -d "$CLASSES" -cp "$CP" benchmarks/src/dev/trustpack/bench/{BenchHttp,BenchLogins,BenchRealm,FullStackLoad}.java

declare -A KC JVM
stop_servers() {
  local variant
  for variant in "${!KC[@]}"; do kill -TERM "${KC[$variant]}" 2>/dev/null || true; done
  for variant in "${!KC[@]}"; do wait "${KC[$variant]}" 2>/dev/null || true; done
  KC=()
}
trap stop_servers EXIT

start_server() { # variant http-port management-port
  local variant="$1" port="$2" management="$3" home="$WORK/fullstack-$1/keycloak"
  JAVA_OPTS_KC_HEAP="$HEAP" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$home/bin/kc.sh" start-dev --http-port="$port" --http-management-port="$management" --health-enabled=true \
    --cache=local --vault=file --vault-dir="$VAULT" \
    --spi-password-hashing--argon2--memory=19456 --spi-password-hashing--argon2--iterations=2 \
    --spi-password-hashing--argon2--parallelism=1 >"$WORK/fullstack-$variant.log" 2>&1 &
  KC[$variant]=$!
}
wait_ready() { # variant management-port
  until [ "$(http_status "$2" /health/ready)" = "200" ]; do
    kill -0 "${KC[$1]}" 2>/dev/null || { echo "Keycloak ($1) did not start; see $WORK/fullstack-$1.log" >&2; exit 1; }
    sleep 1
  done
  # start-dev may re-execute itself, replacing kc.sh by the JVM; otherwise the JVM is kc.sh's child.
  JVM[$1]="$(pgrep -P "${KC[$1]}" java | head -n 1 || true)"
  [ -n "${JVM[$1]}" ] || JVM[$1]="${KC[$1]}"
}
peak_rss_mib() { echo $(( $(awk '/VmHWM/ {print $2}' "/proc/${JVM[$1]}/status") / 1024 )); }

# One at a time: two augmentations at once on 2 cores only make both slower.
start_server vanilla 8080 9000 && wait_ready vanilla 9000
start_server trustpack 8081 9001 && wait_ready trustpack 9001

echo
echo "== Whole kit vs vanilla: $WORKERS workers, phases vanilla/Trustpack/Trustpack/vanilla x $CYCLES," \
  "${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured each, $(date -u +%F)"
echo "== Keycloak $KC_VERSION start-dev, H2, local cache, heap $HEAP, $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p')), $("$JAVA" -version 2>&1 | head -1)"
RESULTS="$WORK/fullstack-results.txt"
"$JAVA" -cp "$CLASSES:$CP" dev.trustpack.bench.FullStackLoad measure "$ROOT/realm-config/trustpack-demo-realm.json" \
  http://localhost:8080 http://localhost:8081 "$WORKERS" "$WARMUP" "$SECONDS_MEASURED" "$CYCLES" "$BURST_CLIENTS" "$JIT_WARMUP" \
  "$RECEIVER_PORT" | tee "$RESULTS"
echo "peak_rss vanilla_mib=$(peak_rss_mib vanilla) trustpack_mib=$(peak_rss_mib trustpack)" | tee -a "$RESULTS"

value() { sed -n "s/^$1 $2: .*$3=\([0-9.]*\).*/\1/p" "$RESULTS"; }
echo
echo "== Ratios Trustpack / vanilla (goals: logins/s >= 1.30 both kinds, refresh/s >= 0.95, p99 <= 1.00)"
for kind in password_grant browser_login refresh; do
  awk -v kind="$kind" -v t="$(value "$kind" trustpack per_s)" -v v="$(value "$kind" vanilla per_s)" \
      -v tp="$(value "$kind" trustpack p50_ms)" -v vp="$(value "$kind" vanilla p50_ms)" \
      -v t99="$(value "$kind" trustpack p99_ms)" -v v99="$(value "$kind" vanilla p99_ms)" \
      'BEGIN { printf "%-15s per_s %.2fx   p50 %.2fx   p99 %.2fx\n", kind, t / v, tp / vp, t99 / v99 }'
done
awk -v t="$(sed -n 's/.*trustpack_mib=\([0-9]*\).*/\1/p' "$RESULTS")" \
    -v v="$(sed -n 's/.*vanilla_mib=\([0-9]*\).*/\1/p' "$RESULTS")" 'BEGIN { printf "peak RSS        %.2fx\n", t / v }'

burst() { # variant port
  local variant="$1" samples="$WORK/fullstack-heap-$1.txt"
  "$JAVA_HOME/bin/jstat" -gc "${JVM[$variant]}" 1000 >"$samples" &
  local sampler=$!
  "$JAVA" -cp "$CLASSES:$CP" dev.trustpack.bench.FullStackLoad burst "$variant" "http://localhost:$2" "$BURST_CLIENTS" \
    "$BURST_SECONDS" "$RECEIVER_PORT" | grep -v '^webhook'
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  if kill -0 "${JVM[$variant]}" 2>/dev/null; then
    # jstat -gc columns: S0U S1U EU OU are used KiB of survivor 0/1, eden and old.
    awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used; n++ }
         END { printf "burst %s heap: samples=%d max_used_mib=%.0f\n", variant, n, max }' variant="$variant" "$samples"
    echo "burst $variant peak_rss_mib=$(peak_rss_mib "$variant") alive=yes"
  else
    echo "burst $variant alive=no (see $WORK/fullstack-$variant.log)"
  fi
  { grep -c 'OutOfMemoryError' "$WORK/fullstack-$variant.log" || true; } | sed "s/^/burst $variant OutOfMemoryError_lines=/"
}
echo
echo "== Memory at concurrency: $BURST_CLIENTS clients at once (50 x $(nproc) CPUs), ${BURST_SECONDS}s each, password grant, heap $HEAP"
burst trustpack 8081
burst vanilla 8080
