#!/usr/bin/env bash
# Argon2 at the hardware's speed (issue 14 item 4): ms per Argon2id hash at m=19456 KiB, t=2, p=1 (32-byte output,
# 16-byte random salt), one run:
#   - in C, one warm process each: libargon2 built here from Debian's argon2 source, the portable reference
#     (OPTTARGET=none: ref.c) and the SIMD build for this CPU (OPTTARGET=native: opt.c, -march=native), plus opt.c
#     for x86-64 (SSE2) and x86-64-v3 (AVX2), what builds for other CPUs would get (opt.c has no run-time dispatch),
#     libsodium's crypto_pwhash (Argon2id; it picks its AVX-512F/AVX2/SSSE3/portable code at run time);
#   - from Java over JNA, one JVM each: what Trustpack does today (argon2-jvm's rawHashAdvanced with the libargon2
#     it bundles, from the shaded product jar), the same binding unshaded (argon2-jvm-nolibs) loading each build
#     made here, and libsodium;
#   - identical output: each option against the reference build on fixed inputs (p=1), and each libargon2 option
#     on the RFC 9106 Argon2id test vector (secret, associated data, p=4).
# The libraries built here stay under .run/bench: never installed, never shipped. Needs a JDK, gcc, make, dpkg-dev,
# Debian's libsodium-dev (installed if missing) and the product jars (built if missing).
# Options run in turn, in rounds, so that other load on the machine spreads over all of them.
# Usage: benchmarks/run-argon2-limit.sh [warmup] [measured] [rounds]   (per process; defaults 5, 20, 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.run/bench"
WARMUP="${1:-5}"
MEASURED="${2:-20}"
ROUNDS="${3:-3}"
T=2 M=19456 P=1
RFC9106_ARGON2ID=0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659
JAVA_HOME="${JAVA_HOME:-$(cd "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
# shellcheck source=../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

command -v gcc >/dev/null && command -v make >/dev/null && command -v dpkg-source >/dev/null \
  || { echo "Install gcc, make and dpkg-dev first." >&2; exit 1; }
if ! dpkg -s libsodium-dev >/dev/null 2>&1; then
  echo "==> Installing Debian's libsodium-dev"
  apt-get install -y -q libsodium-dev >/dev/null
fi

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1; }
M2="${M2_REPO:-$HOME/.m2/repository}"
JNA_JAR="$M2/net/java/dev/jna/jna/$(pom_property jna.version)/jna-$(pom_property jna.version).jar"
NOLIBS_JAR="$M2/de/mkammerer/argon2-jvm-nolibs/$(pom_property argon2-jvm.version)/argon2-jvm-nolibs-$(pom_property argon2-jvm.version).jar"

cd "$ROOT"
shopt -s nullglob
PRODUCT_JARS=(providers/argon2/target/trustpack-argon2-*[0-9T].jar)
if [ ${#PRODUCT_JARS[@]} -eq 0 ] || [ ! -f "$JNA_JAR" ] || [ ! -f "$NOLIBS_JAR" ]; then
  echo "==> Building the Trustpack jars"
  build_trustpack_jars
  PRODUCT_JARS=(providers/argon2/target/trustpack-argon2-*[0-9T].jar)
fi
shopt -u nullglob
PRODUCT_JAR="$ROOT/${PRODUCT_JARS[0]}"

# Debian's argon2 source into $WORK/argon2-src, apt state kept under $WORK/apt (the system's is left alone):
# deb-src of the Debian mirror /etc/apt already uses, for its suites and for "stable". First `apt-get source` of
# this system's release (signed .dsc, Debian's patches applied); if the mirror lacks a file of it, the upstream
# tarball (.orig) of a release it does serve, checked against the SHA-256 of the signed Sources index.
fetch_argon2_source() {
  local src="$WORK/argon2-src" apt="$WORK/apt" dl="$WORK/argon2-dl"
  [ -f "$src/src/opt.c" ] && { echo "source: $(cat "$src/.trustpack-origin")"; return 0; }
  local uri codename
  uri="$(awk '/^URIs:/ && $2 ~ /debian$/ {print $2; exit} /^deb / && $2 ~ /debian\/?$/ {print $2; exit}' \
    /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)"
  [ -n "$uri" ] || { echo "No Debian mirror found in /etc/apt" >&2; exit 1; }
  codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
  rm -rf "$apt" "$dl" "$src"
  mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$dl"
  cat >"$apt/sources.list.d/debian-src.sources" <<EOF
Types: deb-src
URIs: $uri
Suites: $codename $codename-updates stable
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  local opts=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/sources.list.d"
              -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root)
  apt-get -q "${opts[@]}" update >"$apt/update.log" 2>&1 || { cat "$apt/update.log" >&2; exit 1; }
  if (cd "$dl" && apt-get -q "${opts[@]}" source "argon2/$codename" >"$apt/source.log" 2>&1); then
    mv "$dl"/argon2-*/ "$src"
    echo "Debian $codename source package argon2 $(cd "$dl" && ls ./*.dsc | sed 's/.*argon2_//; s/\.dsc$//') (apt-get source)" \
      >"$src/.trustpack-origin"
  else
    grep -E '^(E|Err):' "$apt/source.log" | sed 's/^/  apt-get source: /' >&2 || true
    local version directory sha name
    while read -r version directory sha name; do
      if /usr/lib/apt/apt-helper -q download-file "$uri/$directory/$name" "$dl/$name" "SHA256:$sha" >/dev/null 2>&1; then
        mkdir -p "$dl/unpack" && tar -xf "$dl/$name" -C "$dl/unpack"
        mv "$dl"/unpack/*/ "$src"
        echo "Debian source package argon2 $version, upstream tarball $name only (SHA-256 checked against the signed Sources index; Debian's packaging and patches not applied)" \
          >"$src/.trustpack-origin"
        break
      fi
      echo "  not on the mirror either: $name" >&2
    done < <(apt-cache "${opts[@]}" showsrc argon2 | awk '
      /^Version:/ {version = $2} /^Directory:/ {directory = $2}
      /^Checksums-Sha256:/ {in_sha = 1; next} /^[^ ]/ {in_sha = 0}
      in_sha && $3 ~ /\.orig\.tar\./ {orig = $1 " " $3}
      /^$/ {if (orig != "") print version, directory, orig; orig = ""}
      END {if (orig != "") print version, directory, orig}' | sort -u -k1,1Vr)
    [ -f "$src/src/opt.c" ] || { echo "Could not fetch Debian's argon2 source" >&2; exit 1; }
  fi
  echo "source: $(cat "$src/.trustpack-origin")"
}

# libargon2 built in a copy of the source as $WORK/argon2-KIND: KIND TARGET, TARGET the Makefile's OPTTARGET
# (-march): none compiles ref.c (portable C), any other opt.c (SSE2/SSSE3/AVX2/AVX-512F intrinsics, chosen at
# compile time by -march, no run-time dispatch). Plus the C programs linked statically against it.
build_libargon2() {
  local kind="$1" target="$2" dir="$WORK/argon2-$1"
  rm -rf "$dir" && cp -a "$WORK/argon2-src" "$dir"
  make -s -C "$dir" OPTTARGET="$target" libs >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
  local compiled=ref.c
  grep -q "Building with optimizations for $target" "$dir/build.log" && compiled=opt.c
  if { [ "$target" = none ] && [ "$compiled" != ref.c ]; } || { [ "$target" != none ] && [ "$compiled" != opt.c ]; }; then
    echo "libargon2 OPTTARGET=$target compiled $compiled" >&2
    exit 1
  fi
  ln -sf libargon2.so.1 "$dir/libargon2.so"
  gcc -O2 -I"$dir/include" -o "$WORK/argon2_loop-$kind" benchmarks/src/c/argon2_loop.c "$dir/libargon2.a" -pthread
  gcc -O2 -I"$dir/include" -o "$WORK/argon2_vectors-$kind" benchmarks/src/c/argon2_vectors.c "$dir/libargon2.a" -pthread
}

echo "==> Fetching Debian's argon2 source"
fetch_argon2_source
echo "==> Building libargon2 (reference, native, x86-64 and x86-64-v3) and the C timing programs"
build_libargon2 ref none
build_libargon2 opt native
# What a build for every x86-64 CPU would get without run-time dispatch: opt.c at the x86-64 baseline (SSE2) and at
# x86-64-v3 (AVX2, Haswell and later).
build_libargon2 sse2 x86-64
build_libargon2 avx2 x86-64-v3
gcc -O2 -o "$WORK/sodium_loop" benchmarks/src/c/sodium_loop.c -lsodium
SODIUM_SO="$(readlink -f "$(gcc -print-file-name=libsodium.so)")"
rm -rf "$WORK/limit-classes" && mkdir -p "$WORK/limit-classes"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/limit-classes" -cp "$PRODUCT_JAR:$NOLIBS_JAR:$JNA_JAR" \
  benchmarks/src/dev/trustpack/argon2/hash/OptionsBenchmark.java

echo
echo "== Argon2id m=$M KiB, t=$T, p=$P, 32-byte output: median ms per hash; $ROUNDS rounds, each option once per round"
echo "   (one warm process, $WARMUP hashes of warm-up, then $MEASURED timed), median of the rounds' medians"
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs," \
  "$(grep -o -w -E 'avx2|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$JAVA" -version 2>&1 | head -1); gcc $(gcc -dumpfullversion); libsodium $(dpkg-query -W -f '${Version}' libsodium-dev);" \
  "JNA $(pom_property jna.version); argon2-jvm $(pom_property argon2-jvm.version)"

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
REF_VECTORS="$("$WORK/argon2_vectors-ref")"
REF_P1="$(echo "$REF_VECTORS" | sed -n 's/^p1 //p')"
REF_RFC="$(echo "$REF_VECTORS" | sed -n 's/^rfc9106 //p')"
echo "reference build: p1 $REF_P1, RFC 9106 Argon2id $REF_RFC" \
  "($([ "$REF_RFC" = "$RFC9106_ARGON2ID" ] && echo "= RFC 9106" || echo "DIFFERS FROM RFC 9106"))"

# The options, in table order: id, label. Each id has a runner below printing key=value: median, p1 and rfc9106
# (outputs on the fixed inputs; "-": not computed), lib (the library a JVM mapped).
OPTIONS=(
  "today|Trustpack today: argon2-jvm + its bundled libargon2"
  "host|argon2-jvm as JNA resolves it on this host"
  "c-ref|libargon2 reference (ref.c), C"
  "c-opt|libargon2 optimised (opt.c -march=native), C"
  "c-sse2|libargon2 opt.c -march=x86-64 (SSE2), C"
  "c-avx2|libargon2 opt.c -march=x86-64-v3 (AVX2), C"
  "c-sodium|libsodium crypto_pwhash, C"
  "j-ref|libargon2 reference via JNA (nolibs)"
  "j-opt|libargon2 optimised via JNA (nolibs)"
  "j-sodium|libsodium via JNA"
)
c_argon2() { # build kind
  local timing vectors
  timing="$("$WORK/argon2_loop-$1" "$T" "$M" "$P" "$WARMUP" "$MEASURED")"
  vectors="$("$WORK/argon2_vectors-$1")"
  echo "median=${timing%% *} p1=$(echo "$vectors" | sed -n 's/^p1 //p') rfc9106=$(echo "$vectors" | sed -n 's/^rfc9106 //p') lib=static"
}
java_option() { # mode classpath [java options...] [-- mode arguments...]
  local mode="$1" cp="$2"; shift 2
  local jvm=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  "$JAVA" "${jvm[@]}" -cp "$WORK/limit-classes:$cp" dev.trustpack.argon2.hash.OptionsBenchmark \
    "$mode" "${args[@]}" "$T" "$M" "$P" "$WARMUP" "$MEASURED"
}
# JNA looks for libargon2 in the system's library paths before the copy argon2-jvm bundles in the jar: with an
# empty jna.platform.library.path it takes the bundled one, as on a host without a system libargon2.
mkdir -p "$WORK/no-system-libs"
run_option() {
  case "$1" in
    today) java_option today "$PRODUCT_JAR:$JNA_JAR" -Djna.platform.library.path="$WORK/no-system-libs" ;;
    host) java_option today "$PRODUCT_JAR:$JNA_JAR" ;;
    c-ref) c_argon2 ref ;;
    c-opt) c_argon2 opt ;;
    c-sse2) c_argon2 sse2 ;;
    c-avx2) c_argon2 avx2 ;;
    c-sodium) echo "median=$("$WORK/sodium_loop" "$T" "$M" "$P" "$WARMUP" "$MEASURED" | cut -d' ' -f1)" \
                "p1=$("$WORK/sodium_loop" vector | sed -n 's/^p1 //p') rfc9106=- lib=$SODIUM_SO" ;;
    j-ref) java_option argon2 "$NOLIBS_JAR:$JNA_JAR" -Djna.library.path="$WORK/argon2-ref" ;;
    j-opt) java_option argon2 "$NOLIBS_JAR:$JNA_JAR" -Djna.library.path="$WORK/argon2-opt" ;;
    j-sodium) java_option sodium "$JNA_JAR" -- "$SODIUM_SO" ;;
  esac
}
# Each JVM must have mapped the library it was meant to: argon2-jvm's bundled one is extracted by JNA to a
# temporary jnaNNN.tmp; the builds made here from their own directory.
check_library() { # id result
  local lib
  lib="$(field "$2" lib)"
  case "$1:$lib" in
    today:*/jna[0-9]*.tmp | host:* | c-*:* | j-sodium:* | j-ref:"$WORK/argon2-ref/libargon2.so.1" \
      | j-opt:"$WORK/argon2-opt/libargon2.so.1") ;;
    *) echo "$1 loaded another library: $2" >&2; exit 1 ;;
  esac
}

declare -A MEDIANS RESULT
for round in $(seq 1 "$ROUNDS"); do
  for option in "${OPTIONS[@]}"; do
    id="${option%%|*}"
    result="$(run_option "$id")"
    check_library "$id" "$result"
    MEDIANS[$id]="${MEDIANS[$id]:-} $(field "$result" median)"
    RESULT[$id]="$result"
  done
done
echo "argon2-jvm as JNA resolves it on this host (no jna.* properties) loads: $(field "${RESULT[host]}" lib)"

median_of() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
same() { # result: yes if its outputs match the reference build's (and the RFC's); what was compared
  local p1 rfc verdict=yes what="p=1"
  p1="$(field "$1" p1)" rfc="$(field "$1" rfc9106)"
  [ "$p1" = "$REF_P1" ] || verdict=no
  if [ "$rfc" != "-" ]; then
    what="p=1, RFC 9106"
    [ "$rfc" = "$REF_RFC" ] && [ "$rfc" = "$RFC9106_ARGON2ID" ] || verdict=no
  fi
  echo "$verdict ($what)"
}
TODAY_MS="$(echo "${MEDIANS[today]}" | median_of)"
OPT_MS="$(echo "${MEDIANS[c-opt]}" | median_of)"
echo
printf '%-52s %9s %10s %11s  %-24s %s\n' option "ms/hash" "vs opt. C" "x vs today" "identical output" "round medians"
for option in "${OPTIONS[@]}"; do
  id="${option%%|*}"
  label="${option#*|}"
  if [ "$id" = host ]; then
    case "$(field "${RESULT[host]}" lib)" in
      */jna[0-9]*.tmp) label="argon2-jvm as JNA resolves it here (bundled copy)" ;;
      *) label="argon2-jvm + $(basename "$(field "${RESULT[host]}" lib)") found here" ;;
    esac
  fi
  awk -v n="$label" -v ms="$(echo "${MEDIANS[$id]}" | median_of)" -v opt="$OPT_MS" -v today="$TODAY_MS" \
      -v id="$(same "${RESULT[$id]}")" -v rounds="${MEDIANS[$id]# }" \
    'BEGIN { printf "%-52s %9.1f %9.2fx %10.2fx  %-24s %s\n", n, ms, ms / opt, today / ms, id, rounds }'
done
echo "(vs opt. C: this option's ms / the optimised libargon2's in C; x vs today: today's ms / this option's ms;"
echo " identical output: same bytes as the reference build on the fixed inputs, and the RFC 9106 tag)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
