# shellcheck shell=bash
# Sourced by the benchmarks that compare two realms of one Keycloak + Trustpack (run-mfa.sh, run-sessions.sh):
#   one_server_benchmark NAME LOAD_CLASS WORKERS WARMUP SECONDS JAR_GLOB...
# builds the Trustpack jars, starts Keycloak start-dev on a fresh H2 with the given jars (ports 8080 and 9000), compiles
# benchmarks/src/dev/trustpack/bench/{BenchHttp,BenchLogins,BenchRealm,LOAD_CLASS}.java against the distribution and runs the load class
# with: base URL, workers, warm-up seconds, measured seconds. Stops the server it started, by PID, on exit.
# Sourcing it (after setting ROOT) also sets WORK, JAVA_HOME and JAVA and sources scripts/lib.sh.

WORK="$ROOT/.run/bench"
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

one_server_benchmark() {
  local name="$1" load="$2" workers="$3" warmup="$4" seconds="$5"
  shift 5
  require_free_ports 8080 9000
  cd "$ROOT"
  echo "==> Building the Trustpack jars"
  build_trustpack_jars
  local dist="$WORK/keycloak-$KC_VERSION"
  keycloak_dist "$dist"
  local cp="$dist/lib/lib/main/*" classes="$WORK/$name-classes" log="$WORK/$name.log"
  rm -rf "$classes" && mkdir -p "$classes"
  "$JAVA_HOME/bin/javac" -nowarn -d "$classes" -cp "$cp" benchmarks/src/dev/trustpack/bench/BenchHttp.java \
    benchmarks/src/dev/trustpack/bench/BenchLogins.java \
    benchmarks/src/dev/trustpack/bench/BenchRealm.java "benchmarks/src/dev/trustpack/bench/$load.java"

  KC_PID=""
  trap 'one_server_stop' EXIT
  rm -f "$dist"/providers/trustpack-*.jar
  rm -rf "$dist/data/h2"
  local jar
  for jar in "$@"; do cp "$ROOT/"$jar "$dist/providers/"; done
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin "$dist/bin/kc.sh" start-dev --http-port=8080 \
    --health-enabled=true --cache=local >"$log" 2>&1 &
  KC_PID=$!
  until [ "$(http_status 9000 /health/ready)" = "200" ]; do
    kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak did not start; see $log" >&2; exit 1; }
    sleep 1
  done
  echo "== Keycloak $KC_VERSION start-dev + Trustpack, H2, $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1)"
  "$JAVA" -cp "$classes:$cp" "dev.trustpack.bench.$load" http://localhost:8080 "$workers" "$warmup" "$seconds"
}

one_server_stop() {
  [ -z "${KC_PID:-}" ] || { kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; KC_PID=""; }
}
