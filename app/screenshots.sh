#!/usr/bin/env bash
# Regenerates docs/screenshots/{send-qr,receive,transfer,close-dialog,tray-icon,history,settings}.png from the
# real app under Xvfb. The app's hidden --screenshot-demo mode sends demo files to itself through its embedded
# relay on 127.0.0.1 (loopback switch on), snapshots its own window at each step, closes the window mid-transfer
# (close-dialog.png: the question) and keeps the transfer running under the tray icon. trayer is the tray host
# on the Xvfb display; this script photographs the tray with QRBeam's icon in it (tray-icon.png). The icon's
# AWT menu does not open for xdotool's right-click on this Xvfb/trayer setup (tried: click, mousedown/up), so
# there is no picture of the open menu; its content is in the README. Needs: xvfb (xvfb-run), libgtk-3-0, libgl1-mesa-dri, trayer, xdotool, imagemagick,
# JDK 17, Maven (.ci/setup-app.sh, .ci/setup-installer.sh). Usage: app/screenshots.sh [output-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs/screenshots}")"
mkdir -p "$out"
home="$(mktemp -d)"
sync="$(mktemp -d)"
trap 'rm -rf "$home" "$sync"' EXIT
[ "${QRBEAM_SKIP_MAVEN:-0}" = 1 ] || mvn -q -B -pl app -am package -DskipTests
export OUT="$out" HOME_DIR="$home" SYNC="$sync"
QRBEAM_LOOPBACK=1 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -u
  tray_pid=""
  if command -v trayer >/dev/null; then
    trayer --edge top --align right --widthtype request --height 40 --SetDockType true --SetPartialStrut false \
      --transparent false --tint 0xeeeeee --iconspacing 8 >/dev/null 2>&1 &
    tray_pid=$!
  else
    echo "trayer missing: no tray host, the app will say so and stay minimised (no tray-menu.png)" >&2
  fi
  java -Dqrbeam.loopback=true -Dqrbeam.home="$HOME_DIR" -Dprism.order=sw -Dqrbeam.screenshot.tray="$SYNC" \
    -jar app/target/qrbeam-app.jar --screenshot-demo="$OUT" &
  app=$!
  while kill -0 "$app" 2>/dev/null && [ ! -f "$SYNC/tray-ready" ]; do sleep 0.1; done
  if [ -f "$SYNC/tray-ready" ]; then
    echo "tray shows: $(cat "$SYNC/tray-ready")"
    import -window root "$SYNC/screen.png"
    convert "$SYNC/screen.png" -crop 200x48+1080+0 +repage "$OUT/tray-icon.png"
    echo "screenshot: $OUT/tray-icon.png"
    touch "$SYNC/tray-done"
  fi
  wait "$app"
  [ -z "$tray_pid" ] || kill "$tray_pid" 2>/dev/null || true
'
for f in send-qr receive transfer close-dialog history settings; do
  test -s "$out/$f.png" || { echo "missing $out/$f.png" >&2; exit 1; }
done
ls -l "$out"
