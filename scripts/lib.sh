# Sourced by run.sh and the benchmarks. Needs ROOT (repository root) and JAVA_HOME. Defines:
#   KC_VERSION          the Keycloak version pinned in pom.xml
#   keycloak_dist DIR   unpacks that distribution (fetched once from Maven Central) into DIR, unless already there
#   port_in_use PORT    true if something listens on 127.0.0.1:PORT
#   require_free_ports PORT...  exits with a message if something listens on one of them
#   http_status PORT PATH   the status of GET http://127.0.0.1:PORT/PATH, or nothing (bash /dev/tcp: no curl needed)
#   build_trustpack_jars    packages the shipped jars with the wrapper: no tests, no test-only modules

KC_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
[ -n "$KC_VERSION" ] || { echo "cannot read keycloak.version from pom.xml" >&2; exit 1; }

keycloak_dist() {
  local target="$1"
  [ -x "$target/bin/kc.sh" ] && return 0
  local download="$ROOT/.run/download"
  local zip="$download/keycloak-quarkus-dist-$KC_VERSION.zip"
  if [ ! -f "$zip" ]; then
    echo "==> Fetching Keycloak $KC_VERSION from Maven Central (once)"
    mkdir -p "$download"
    (cd "$ROOT" && ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
      -DoutputDirectory="$download")
  fi
  local unpack="$target.unpack"
  rm -rf "$unpack" && mkdir -p "$unpack"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$zip" -d "$unpack"
  else
    (cd "$unpack" && "$JAVA_HOME/bin/jar" xf "$zip")
  fi
  chmod +x "$unpack/keycloak-$KC_VERSION/bin/"*.sh
  mkdir -p "$(dirname "$target")"
  mv "$unpack/keycloak-$KC_VERSION" "$target"
  rm -rf "$unpack"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_free_ports() {
  local port
  for port in "$@"; do
    port_in_use "$port" && { echo "Port $port is in use; stop what runs there first." >&2; exit 1; }
  done
  return 0
}

build_trustpack_jars() {
  (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl '!it-tests,!test-providers' package)
}

http_status() {
  local port="$1" path="$2"
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: localhost:%s\r\n\r\n' "$path" "$port" >&3
    IFS=' ' read -r _ status _ <&3 && echo "$status"
  ) 2>/dev/null || true
}
