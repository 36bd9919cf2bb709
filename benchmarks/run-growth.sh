#!/usr/bin/env bash
# Growth curves, one run, one Keycloak + every Trustpack module on the local PostgreSQL (a database of its own,
# created afresh), heap -Xmx1g, loopback only, bounded in count. Realms are the demo realm as shipped with a cheap
# password hash (what grows is not hidden behind Argon2); see benchmarks/src/dev/trustpack/bench/GrowthLoad.java.
#   1. the tenant member list (first and last page) and the MFA report (JSON, CSV) for tenants of 100 and 10,000
#      members: time, and the server's heap (jstat, every 250 ms) during each call;
#   2. audit chain verification and a full export at 100,000 and 1,000,000 records (filled straight into the
#      database by AuditFill with the module's own chain code): time and heap;
#   3. login p50/p99 and token sizes with 10, 1,000 and 10,000 tenants in the realm, a user in 1, 10 and 50 tenants;
#      the tenant picker with 50 tenants (page time and size, the choice).
# Needs the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth) and psql.
# Usage: benchmarks/run-growth.sh [samples] [tenant levels...]   (defaults: 200 samples; 10 1000 10000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.run/bench"
SAMPLES="${1:-200}"
shift || true
if [ $# -gt 0 ]; then LEVELS=("$@"); else LEVELS=(10 1000 10000); fi
# Sizes can be narrowed for a shorter run, e.g. GROWTH_MEMBERS="" GROWTH_AUDIT_STEPS=100000.
# shellcheck disable=SC2206
MEMBERS=(${GROWTH_MEMBERS-100 10000})
# shellcheck disable=SC2206
AUDIT_STEPS=(${GROWTH_AUDIT_STEPS-100000 900000})
DB=trustpack_growth
HEAP="-Xms256m -Xmx1g"
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

command -v psql >/dev/null || { echo "psql is needed (and PostgreSQL on 127.0.0.1:5432, user postgres)." >&2; exit 1; }
require_free_ports 8080 9000
cd "$ROOT"
echo "==> Building the Trustpack jars"
build_trustpack_jars
keycloak_dist "$WORK/keycloak-$KC_VERSION"
HOME_KC="$WORK/growth/keycloak"
rm -rf "$WORK/growth" && mkdir -p "$WORK/growth"
cp -r "$WORK/keycloak-$KC_VERSION" "$HOME_KC"
rm -rf "$HOME_KC/data" "$HOME_KC/providers/"trustpack-*.jar
JARS=(providers/common/target/trustpack-common-*[0-9T].jar providers/tenancy/target/trustpack-tenancy-*[0-9T].jar
      providers/argon2/target/trustpack-argon2-*[0-9T].jar providers/audit/target/trustpack-audit-*[0-9T].jar
      providers/mfa/target/trustpack-mfa-*[0-9T].jar providers/google/target/trustpack-google-*[0-9T].jar
      providers/sessions/target/trustpack-sessions-*[0-9T].jar themes/target/trustpack-themes-*[0-9T].jar)
for jar in "${JARS[@]}"; do cp "$ROOT/"$jar "$HOME_KC/providers/"; done
# AuditFill uses the audit module's own record and chain classes.
TP="$(ls providers/audit/target/trustpack-audit-*[0-9T].jar):$(ls providers/common/target/trustpack-common-*[0-9T].jar)"
TP="$TP:$(ls providers/tenancy/target/trustpack-tenancy-*[0-9T].jar)"
CP="$HOME_KC/lib/lib/main/*"
CLASSES="$WORK/growth-classes"
rm -rf "$CLASSES" && mkdir -p "$CLASSES"
"$JAVA_HOME/bin/javac" -nowarn -d "$CLASSES" -cp "$TP:$CP" \
  benchmarks/src/dev/trustpack/bench/{BenchHttp,BenchLogins,BenchRealm,FullStackLoad,GrowthLoad,AuditFill}.java

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
KC_PID=""
stop_server() { [ -z "$KC_PID" ] || { kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; KC_PID=""; }; }
trap stop_server EXIT
JAVA_OPTS_KC_HEAP="$HEAP" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$HOME_KC/bin/kc.sh" \
  start-dev --http-port=8080 --health-enabled=true --cache=local --db=postgres \
  --db-url="jdbc:postgresql://127.0.0.1:5432/$DB" --db-username=postgres --db-password=unused >"$WORK/growth.log" 2>&1 &
KC_PID=$!
until [ "$(http_status 9000 /health/ready)" = "200" ]; do
  kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak did not start; see $WORK/growth.log" >&2; exit 1; }
  sleep 1
done
JVM="$(pgrep -P "$KC_PID" java | head -n 1 || true)"
[ -n "$JVM" ] || JVM="$KC_PID"
# GrowthLoad runs ANALYZE after each bulk setup: autovacuum is off on the development machine's PostgreSQL.
load() { GROWTH_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" "$JAVA" -cp "$CLASSES:$TP:$CP" dev.trustpack.bench.GrowthLoad "$@"; }
DEMO="$ROOT/realm-config/trustpack-demo-realm.json"
BASE=http://localhost:8080

# GET an admin path while jstat samples the server's heap; prints the call's figures and the highest heap in use.
with_heap() { # label path samples
  local samples="$WORK/growth-heap.txt"
  "$JAVA_HOME/bin/jstat" -gc "$JVM" 250 >"$samples" &
  local sampler=$!
  local line
  line="$(load call "$BASE" "$2" "$3")"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  # jstat -gc columns 3, 4, 6 and 8: used KiB of survivor 0/1, eden and old.
  echo "$1 ${line#call * } max_heap_used_mib=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { u = ($3 + $4 + $6 + $8) / 1024;
    if (u > m) m = u } END { printf "%.0f", m }' "$samples")"
}

echo
echo "== Growth: Keycloak $KC_VERSION start-dev + Trustpack, PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' | cut -d' ' -f1) (autovacuum $(psql -h 127.0.0.1 -U postgres -tAc 'SHOW autovacuum')), heap $HEAP, $(nproc) CPUs, $(date -u +%F)"
echo
echo "== 1. Member list and MFA report (tenants of ${MEMBERS[*]} members)"
[ ${#MEMBERS[@]} -eq 0 ] || load members "$DEMO" "$BASE" "${MEMBERS[@]}"
for size in ${MEMBERS[@]+"${MEMBERS[@]}"}; do
  path="/admin/realms/growth-members/trustpack/tenants/m$size"
  with_heap "members=$size member_list_first_page" "$path/members?first=0&max=100" 20
  with_heap "members=$size member_list_last_page" "$path/members?first=$((size - 100))&max=100" 20
  with_heap "members=$size mfa_report_json" "$path/mfa-report?format=json" 5
  with_heap "members=$size mfa_report_csv" "$path/mfa-report?format=csv" 5
done

echo
echo "== 2. Audit trail: verification and full export (JSON lines), fill by AuditFill"
load realm "$DEMO" "$BASE" growth-audit
total=0
for step in ${AUDIT_STEPS[@]+"${AUDIT_STEPS[@]}"}; do
  started=$(date +%s)
  "$JAVA" -Xmx512m -cp "$CLASSES:$TP:$CP" dev.trustpack.bench.AuditFill --db-url "jdbc:postgresql://127.0.0.1:5432/$DB" \
    --db-username postgres --realm growth-audit --count "$step" | tail -n 1
  total=$((total + step))
  echo "records=$total fill_s=$(( $(date +%s) - started ))"
  with_heap "records=$total verify" "/admin/realms/growth-audit/trustpack/audit/verify" 1
  with_heap "records=$total export_jsonl" "/admin/realms/growth-audit/trustpack/audit/export?format=jsonl" 1
done

echo
echo "== 3. Tenants in the realm (${LEVELS[*]}), a user in 1/10/50 of them; $SAMPLES password grants per user, p50/p99 ms"
load tenants "$DEMO" "$BASE" "$SAMPLES" "${LEVELS[@]}"

echo "peak_rss_mib=$(( $(awk '/VmHWM/ {print $2}' "/proc/$JVM/status") / 1024 ))"
