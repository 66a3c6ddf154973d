#!/usr/bin/env bash
# Regenerates docs/screenshots/{send-qr,receive,transfer,close-dialog,tray-menu,history,settings}.png from the
# real app under Xvfb. The app's hidden --screenshot-demo mode sends demo files to itself through its embedded
# relay on 127.0.0.1 (loopback switch on), snapshots its own window at each step, closes the window mid-transfer
# (close-dialog.png: the question) and keeps the transfer running under the tray icon. trayer is the tray host
# on the Xvfb display; this script right-clicks the icon and photographs the screen for tray-menu.png (an AWT
# menu, outside JavaFX). Needs: xvfb (xvfb-run), libgtk-3-0, libgl1-mesa-dri, trayer, xdotool, imagemagick,
# JDK 17, Maven (.ci/setup-app.sh, .ci/setup-installer.sh). Usage: app/screenshots.sh [output-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs/screenshots}")"
mkdir -p "$out"
home="$(mktemp -d)"
sync="$(mktemp -d)"
trap 'rm -rf "$home" "$sync"' EXIT
mvn -q -B -pl app -am package -DskipTests
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
    wid="$(xdotool search --class trayer 2>/dev/null | head -1)"
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    # the only icon in the tray: right-click it, then photograph the screen with its menu open
    xdotool mousemove $((X + WIDTH - 20)) $((Y + HEIGHT / 2)) click 3
    sleep 1.5
    import -window root "$SYNC/screen.png"
    # the top-right corner: the tray with its icon and the menu under it
    convert "$SYNC/screen.png" -crop 420x200+860+0 +repage "$OUT/tray-menu.png"
    echo "screenshot: $OUT/tray-menu.png"
    xdotool key Escape
    touch "$SYNC/tray-done"
  fi
  wait "$app"
  [ -z "$tray_pid" ] || kill "$tray_pid" 2>/dev/null || true
'
for f in send-qr receive transfer close-dialog history settings; do
  test -s "$out/$f.png" || { echo "missing $out/$f.png" >&2; exit 1; }
done
ls -l "$out"
