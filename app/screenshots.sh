#!/usr/bin/env bash
# Regenerates docs/screenshots/{send-qr,receive,transfer,history,settings}.png from the real app under Xvfb.
# The app's hidden --screenshot-demo mode sends demo files to itself through its embedded relay on 127.0.0.1
# (loopback switch on), snapshots its own window at each step and quits. Needs: xvfb (xvfb-run), libgtk-3-0,
# libgl1-mesa-dri, JDK 17, Maven. Usage: app/screenshots.sh [output-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mvn -q -pl app -am package -DskipTests
QRBEAM_LOOPBACK=1 xvfb-run -a -s "-screen 0 1280x800x24" \
  java -Dqrbeam.loopback=true -Dqrbeam.home="$home" -Dprism.order=sw \
  -jar app/target/qrbeam-app.jar --screenshot-demo="$(realpath "$out")"
for f in send-qr receive transfer history settings; do
  test -s "$out/$f.png" || { echo "missing $out/$f.png" >&2; exit 1; }
done
ls -l "$out"
