#!/usr/bin/env bash
# Argon2 benchmark, one run, same distribution and same parameters (m=19456 KiB, t=2, p=1 unless said):
#   1. ms per hash: Trustpack's engine (argon2-jvm, native) vs Keycloak's built-in argon2 (Bouncy Castle) vs the
#      reference C implementation (Debian's argon2 CLI, its own timer);
#   2. password-grant logins/s, latency and peak RSS: vanilla Keycloak (built-in argon2) vs Keycloak + Trustpack
#      (trustpack-argon2id), same load on loopback, bounded in time.
# Needs a JDK, gcc and Debian's "argon2" and "libargon2-dev" packages. Usage: benchmarks/run-argon2.sh [workers] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.run/bench"
WORKERS="${1:-4}"
SECONDS_MEASURED="${2:-30}"
WARMUP=10
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

command -v argon2 >/dev/null && [ -f /usr/include/argon2.h ] && command -v gcc >/dev/null \
  || { echo "Install gcc and Debian's argon2 and libargon2-dev packages (the reference implementation) first." >&2; exit 1; }
require_free_ports 8080 9000

cd "$ROOT"
echo "==> Building the Trustpack jars"
build_trustpack_jars
DIST="$WORK/keycloak-$KC_VERSION"
keycloak_dist "$DIST"
JARS=(providers/common/target/trustpack-common-*[0-9T].jar providers/tenancy/target/trustpack-tenancy-*[0-9T].jar
      providers/argon2/target/trustpack-argon2-*[0-9T].jar themes/target/trustpack-themes-*[0-9T].jar)
CP="$DIST/lib/lib/boot/*:$DIST/lib/lib/main/*:$ROOT/${JARS[0]}:$ROOT/${JARS[2]}"
rm -rf "$WORK/classes" && mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/classes" -cp "$CP" \
  benchmarks/src/dev/trustpack/argon2/hash/HashBenchmark.java benchmarks/src/dev/trustpack/bench/BenchHttp.java \
  benchmarks/src/dev/trustpack/bench/LoginLoad.java

gcc -O2 -o "$WORK/argon2_loop" benchmarks/src/c/argon2_loop.c -largon2

echo
echo "== 1. Milliseconds per Argon2id hash ($(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1))"
"$JAVA" -Djava.util.logging.config.file="$ROOT/benchmarks/logging.properties" -cp "$WORK/classes:$CP" \
  dev.trustpack.argon2.hash.HashBenchmark 5 30 "$WORK/argon2_loop" 2> >(grep -v '^SLF4J' >&2)

run_server() { # variant policy
  local variant="$1" policy="$2" log="$WORK/$1.log"
  rm -f "$DIST"/providers/trustpack-*.jar
  rm -rf "$DIST/data/h2"
  if [ "$variant" = trustpack ]; then
    for jar in "${JARS[@]}"; do cp "$ROOT/$jar" "$DIST/providers/"; done
  fi
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$DIST/bin/kc.sh" start-dev --http-port=8080 \
    --health-enabled=true --cache=local \
    --spi-password-hashing--argon2--memory=19456 --spi-password-hashing--argon2--iterations=2 \
    --spi-password-hashing--argon2--parallelism=1 >"$log" 2>&1 &
  local kc=$!
  # run_server runs in a command substitution: stop this Keycloak whenever that subshell ends, even on an error.
  trap "kill -TERM $kc 2>/dev/null || true" EXIT
  until [ "$(http_status 9000 /health/ready)" = "200" ]; do
    kill -0 "$kc" 2>/dev/null || { echo "Keycloak ($variant) did not start; see $log" >&2; exit 1; }
    sleep 1
  done
  local jvm
  # start-dev may re-execute itself, replacing kc.sh by the JVM; otherwise the JVM is kc.sh's child.
  jvm="$(pgrep -P "$kc" java | head -n 1 || true)"
  [ -n "$jvm" ] || jvm="$kc"
  "$JAVA" -cp "$WORK/classes" dev.trustpack.bench.LoginLoad setup http://localhost:8080 "$policy" "$WORKERS"
  local result
  result="$("$JAVA" -cp "$WORK/classes" dev.trustpack.bench.LoginLoad load http://localhost:8080 "$WORKERS" "$WARMUP" "$SECONDS_MEASURED")"
  local hwm
  hwm="$(awk '/VmHWM/ {print $2}' "/proc/$jvm/status")"
  echo "$variant $result peak_rss_mib=$((hwm / 1024))"
  kill -TERM "$kc"
  wait "$kc" 2>/dev/null || true
}

echo
echo "== 2. Password grant, $WORKERS workers, ${WARMUP}s warm-up + ${SECONDS_MEASURED}s measured, Keycloak $KC_VERSION start-dev, H2"
VANILLA="$(run_server vanilla 'hashAlgorithm(argon2)')"
TRUSTPACK="$(run_server trustpack 'hashAlgorithm(trustpack-argon2id) and trustpackArgon2Memory(19456) and trustpackArgon2Iterations(2) and trustpackArgon2Parallelism(1)')"
echo "$VANILLA"
echo "$TRUSTPACK"
value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
awk -v v="$(value "$VANILLA" logins_per_s)" -v t="$(value "$TRUSTPACK" logins_per_s)" \
    -v vp="$(value "$VANILLA" p50_ms)" -v tp="$(value "$TRUSTPACK" p50_ms)" \
    -v vr="$(value "$VANILLA" peak_rss_mib)" -v tr="$(value "$TRUSTPACK" peak_rss_mib)" \
    'BEGIN { printf "ratio Trustpack/vanilla: logins/s %.2fx, p50 latency %.2fx, peak RSS %.2fx\n", t / v, tp / vp, tr / vr }'
