# shellcheck shell=bash disable=SC2034
# Shared steps of build-linux.sh and build-macos.sh (sourced, not run).
# Inputs (environment, all optional):
#   QRBEAM_SKIP_MAVEN=1     use the existing app/target instead of running Maven first
#   QRBEAM_APP_TARGET=dir   where qrbeam-app.jar and lib/*.jar are (default: <repo>/app/target)
#   QRBEAM_VERSION=x.y.z    package version (default: the parent pom's version without -SNAPSHOT)
#   JAVA_HOME               the JDK 17+ whose jlink/jpackage/jmods are used (default: the one on PATH)
set -euo pipefail

INSTALLER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(dirname "$INSTALLER_DIR")"
APP_NAME=QRBeam
MAIN_JAR=qrbeam-app.jar
MAIN_CLASS=dev.qrbeam.app.Launcher
VENDOR=QRBeam
DESCRIPTION="Send files between computers by showing and scanning a QR code"
COPYRIGHT="Copyright (c) 2026 the QRBeam authors"
# Always linked, whatever jdeps sees: the relay client (java.net.http WebSocket), and the service provider
# jdeps cannot see: elliptic-curve key exchange for TLS to wss:// relays (jdk.crypto.ec).
EXTRA_MODULES="java.net.http,jdk.crypto.ec"

log() { printf '[installer] %s\n' "$*" >&2; }
die() { printf '[installer] ERROR: %s\n' "$*" >&2; exit 1; }

find_jdk_tools() {
  if [ -n "${JAVA_HOME:-}" ]; then
    JDK_BIN="$JAVA_HOME/bin"
  else
    JDK_BIN="$(dirname "$(readlink -f "$(command -v javac || command -v jpackage)")")"
    JAVA_HOME="$(dirname "$JDK_BIN")"
  fi
  for t in jar jdeps jlink jpackage; do [ -x "$JDK_BIN/$t" ] || die "$t not found in $JDK_BIN (need a full JDK 17+)"; done
  [ -d "$JAVA_HOME/jmods" ] || die "$JAVA_HOME/jmods missing (jlink needs the JDK's jmods)"
}

app_version() {
  if [ -n "${QRBEAM_VERSION:-}" ]; then echo "$QRBEAM_VERSION"; return; fi
  # first <version> after the parent's <artifactId>qrbeam-parent</artifactId>
  awk '/<artifactId>qrbeam-parent<\/artifactId>/ { getline
         if (match($0, /<version>[^<]*/)) { v = substr($0, RSTART + 9, RLENGTH - 9); sub(/-.*/, "", v); print v; exit } }' \
    "$REPO_DIR/pom.xml"
}

maven_package() {
  if [ "${QRBEAM_SKIP_MAVEN:-0}" = 1 ]; then log "skipping Maven (QRBEAM_SKIP_MAVEN=1)"; return; fi
  log "mvn -B -q -pl app -am package -DskipTests"
  (cd "$REPO_DIR" && mvn -B -q -pl app -am package -DskipTests)
}

# stage_inputs BUILD_DIR: BUILD_DIR/input (app jar + classpath jars) and BUILD_DIR/fxmods (JavaFX modular jars).
# JavaFX goes into the jlinked runtime as named modules (the supported configuration: no "unnamed module"
# warning); the Maven artifacts without a classifier are empty placeholder jars and are dropped.
stage_inputs() {
  local build="$1" target="${QRBEAM_APP_TARGET:-$REPO_DIR/app/target}"
  [ -f "$target/$MAIN_JAR" ] || die "$target/$MAIN_JAR missing: did the app module build? (main class $MAIN_CLASS)"
  [ -d "$target/lib" ] || die "$target/lib missing: the app module must copy its runtime dependencies there"
  rm -rf "$build/input" "$build/fxmods"
  mkdir -p "$build/input" "$build/fxmods"
  cp "$target/$MAIN_JAR" "$build/input/"
  local jar name
  for jar in "$target"/lib/*.jar; do
    name="$(basename "$jar")"
    if [[ "$name" == javafx-* ]]; then
      if unzip -Z1 "$jar" module-info.class >/dev/null 2>&1; then cp "$jar" "$build/fxmods/"; fi
    else
      cp "$jar" "$build/input/"
    fi
  done
  ls "$build"/fxmods/javafx-graphics-*.jar >/dev/null 2>&1 || die "no JavaFX platform jars in $target/lib"
}

# jdk_modules BUILD_DIR: the JDK and JavaFX modules the app's jars need, comma separated. Three sources, since
# jdeps stops at modular jars whose own requirements are not all on the module path (progressbar -> jline):
#   jdeps -R from the app jar (everything it reaches), jdeps on every non-modular jar (also those only loaded
#   reflectively or as services), and the non-static `requires` of every modular jar.
jdk_modules() {
  local build="$1" jar nonmodular=() modular=()
  for jar in "$build"/input/*.jar; do
    # (the listing is read whole: grep -q closing the pipe early would fail the test under pipefail)
    if unzip -Z1 "$jar" 2>/dev/null | grep -E '(^|/)module-info\.class$' >/dev/null; then
      modular+=("$jar"); else nonmodular+=("$jar"); fi
  done
  {
    "$JDK_BIN/jdeps" -q -R --multi-release 17 --ignore-missing-deps --print-module-deps \
      --module-path "$build/fxmods" --class-path "$build/input/*" "$build/input/$MAIN_JAR" | tr ',' '\n'
    local cp; cp="$(IFS=:; echo "${nonmodular[*]}")"
    "$JDK_BIN/jdeps" -q --multi-release 17 --ignore-missing-deps --print-module-deps \
      --module-path "$build/fxmods" --class-path "$cp" "${nonmodular[@]}" | tr ',' '\n'
    for jar in ${modular[@]+"${modular[@]}"}; do
      "$JDK_BIN/jar" --describe-module --file "$jar" \
        | awk '$1 == "requires" && $2 != "static" { print ($2 == "transitive" ? $3 : $2) }'
    done
  } | grep -E '^(java|jdk|javafx)\.' | sort -u | paste -sd, -
}

# jlink_runtime BUILD_DIR: BUILD_DIR/runtime with the JDK and JavaFX modules the app uses.
jlink_runtime() {
  local build="$1" mods
  log "jdeps: finding the modules the app needs"
  mods="$(jdk_modules "$build")"
  [ -n "$mods" ] || die "jdeps found no modules"
  mods="$(printf '%s\n' "$mods,javafx.controls,$EXTRA_MODULES" | tr ',' '\n' | sort -u | paste -sd, -)"
  log "jlink: $mods"
  rm -rf "$build/runtime"
  "$JDK_BIN/jlink" --module-path "$JAVA_HOME/jmods:$build/fxmods" --add-modules "$mods" \
    --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$build/runtime"
  # The CDS archive (lib/server/classes.jsa) needs bin/java while linking; the installed launcher does not.
  rm -rf "$build/runtime/bin" "$build/runtime/lib/server/classes_nocoops.jsa"
  echo "$mods" > "$build/modules.txt"
}

# copy_fx_natives BUILD_DIR SUFFIX: puts JavaFX's native libraries where its loader looks first for a jlinked
# runtime (java.home/lib on Linux and macOS), so nothing is extracted to ~/.openjfx/cache at start.
copy_fx_natives() {
  local build="$1" suffix="$2" jar
  for jar in "$build"/fxmods/*.jar; do
    unzip -q -o -j "$jar" "*.$suffix" -d "$build/runtime/lib" 2>/dev/null || true
  done
}

# java_option_args: "--java-options X" for every active line of installer/java-options.txt
java_option_args() {
  local line
  JAVA_OPTION_ARGS=()
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%$'\r'}"
    [[ -z "${line// }" || "$line" == \#* ]] && continue
    JAVA_OPTION_ARGS+=(--java-options "$line")
  done < "$INSTALLER_DIR/java-options.txt"
}
