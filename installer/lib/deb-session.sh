#!/usr/bin/env bash
# Runs inside xvfb-run for installer/test-deb.sh, as the (unprivileged) test user:
# starts the installed launcher with a file argument (what the menu entry's "Send with QRBeam" action runs),
# waits for its window, then for a QR code on screen that an independent decoder (zbarimg) reads as a loopback
# pairing code. Writes figures to $OUT/session.env.
#   deb-session.sh LAUNCHER FILE OUT [SECOND_FILE]
# With SECOND_FILE, it then does what "Send with QRBeam" in a file manager does while the app runs: launches
# the launcher again with that file (the single-instance hand-over; that process must exit at once), checks
# the code on screen has not changed (handed-over files wait for the user), presses Enter on the window (the
# question's default button "Send") and waits for a new code.
set -euo pipefail
LAUNCHER="$1" FILE="$2" OUT="$3" SECOND="${4:-}"
WINDOW_TIMEOUT="${QRBEAM_TEST_WINDOW_TIMEOUT:-60}"
QR_TIMEOUT="${QRBEAM_TEST_QR_TIMEOUT:-60}"
# The pairing code contract (BRIEF, decision 7), restricted to loopback relays.
CODE_RE='^https?://(127\.0\.0\.1|\[::1\]):[0-9]{1,5}(/[A-Za-z0-9._~-]+)?/r/1/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$'

pid=""
stop_app() {
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || { pid=""; return 0; }
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "session: app ignored SIGTERM for 10 s, killing" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  pid=""
}
trap stop_app EXIT
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }
past() { awk -v a="$1" -v b="$(now)" -v t="$2" 'BEGIN{exit !(b-a > t)}'; }  # past START SECONDS
alive() {
  kill -0 "$pid" 2>/dev/null && return 0
  echo "session: the app exited early; its output:" >&2; sed 's/^/  | /' "$OUT/app.log" >&2; exit 1
}

t0="$(now)"
"$LAUNCHER" "$FILE" >"$OUT/app.log" 2>&1 &
pid=$!

wid=""
while [ -z "$wid" ]; do
  alive
  wid="$(xdotool search --onlyvisible --name '^QRBeam' 2>/dev/null | head -1 || true)"
  [ -n "$wid" ] && break
  past "$t0" "$WINDOW_TIMEOUT" && { echo "session: no QRBeam window within ${WINDOW_TIMEOUT}s" >&2; exit 1; }
  sleep 0.05
done
window_s="$(elapsed "$t0")"
window_cpu_ms="$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")"
echo "session: window '$(xdotool getwindowname "$wid")' visible after ${window_s}s (${window_cpu_ms} ms CPU)"
icon="$(xprop -id "$wid" _NET_WM_ICON 2>/dev/null | grep -o 'Icon ([0-9]* x [0-9]*)' | head -1 || true)"
[ -n "$icon" ] || { echo "session: the window has no icon (_NET_WM_ICON)" >&2; exit 1; }
echo "session: window icon set: $icon"
jsa="$(dirname "$LAUNCHER")/../lib/app/qrbeam.jsa"
appcds=absent
if [ -f "$jsa" ]; then
  grep -q 'qrbeam\.jsa' "/proc/$pid/maps" || { echo "session: the app did not map its class-data archive $jsa" >&2; exit 1; }
  appcds=mapped
fi

code=""
t1="$(now)"
while :; do
  alive
  import -window root "$OUT/screen.png"
  code="$(zbarimg -q --raw "$OUT/screen.png" 2>/dev/null | head -1 || true)"
  [ -n "$code" ] && break
  past "$t1" "$QR_TIMEOUT" && {
    echo "session: no QR code on screen within ${QR_TIMEOUT}s after the window (last screenshot: $OUT/screen.png)" >&2
    exit 1; }
  sleep 0.2
done
qr_s="$(elapsed "$t0")"
echo "session: QR code decoded after ${qr_s}s: $code"
if ! [[ "$code" =~ $CODE_RE ]]; then
  echo "session: decoded text is not a loopback pairing code: $code" >&2
  exit 1
fi
alive

# decode_until TIMEOUT NOT_THIS: waits for a pairing code on screen other than NOT_THIS; prints it
decode_until() {
  local limit="$1" not="$2" t got
  t="$(now)"
  while :; do
    alive
    import -window root "$OUT/screen.png"
    got="$(zbarimg -q --raw "$OUT/screen.png" 2>/dev/null | head -1 || true)"
    if [ -n "$got" ] && [ "$got" != "$not" ]; then echo "$got"; return 0; fi
    past "$t" "$limit" && return 1
    sleep 0.2
  done
}

handoff_s="" second_code=""
if [ -n "$SECOND" ]; then
  t2="$(now)"
  timeout 60 "$LAUNCHER" "$SECOND" >"$OUT/handoff.log" 2>&1 || {
    echo "session: the second launch (hand-over of $SECOND) failed or did not exit:" >&2; cat "$OUT/handoff.log" >&2; exit 1; }
  handoff_s="$(elapsed "$t2")"
  echo "session: second launch handed $SECOND over and exited after ${handoff_s}s"
  # the handed-over file waits for the user's click: the code on screen stays the same meanwhile
  if early="$(decode_until 3 "$code")"; then
    echo "session: a new code appeared without the user's click: $early" >&2; exit 1
  fi
  # a real key press (XTEST) into the focused window; "key --window" would send a synthetic event, which the
  # toolkit ignores
  xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
  xdotool key Return
  second_code="$(decode_until "$QR_TIMEOUT" "$code")" || {
    echo "session: no new code within ${QR_TIMEOUT}s after confirming the handed-over file (last screenshot: $OUT/screen.png)" >&2
    exit 1; }
  [[ "$second_code" =~ $CODE_RE ]] || { echo "session: new code is not a loopback pairing code: $second_code" >&2; exit 1; }
  echo "session: after the click, a new code for both files: $second_code"
fi
alive
printf 'WINDOW_S=%s\nWINDOW_CPU_MS=%s\nAPPCDS=%s\nQR_S=%s\nCODE=%q\nHANDOFF_S=%s\nSECOND_CODE=%q\n' \
  "$window_s" "$window_cpu_ms" "$appcds" "$qr_s" "$code" "$handoff_s" "$second_code" > "$OUT/session.env"
