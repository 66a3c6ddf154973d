#!/usr/bin/env bash
# End-to-end test of the Linux package, as a new user would meet it:
#   1. build the .deb (installer/build-linux.sh deb; QRBEAM_TEST_DEB=path.deb skips the build)
#   2. dpkg -i it; check the launcher, the menu entry with its MIME types ("Open with") and the MIME cache
#   3. start the installed launcher as an unprivileged user with a fresh HOME under Xvfb (xvfb-run -a), with a
#      file argument and QRBEAM_LOOPBACK=1; wait for its window and a QR code on screen, decode it with zbarimg
#      (independent of the app's ZXing) and check it is a loopback pairing code
#   4. stop the app, dpkg --purge, and check nothing is left: no package files, /opt/qrbeam, menu entry, MIME
#      cache line or process
# Exits non-zero on any failure; cleans up (app, package, temp dirs) on every exit. Needs root or sudo for dpkg;
# apt deps come from .ci/setup-installer.sh.
set -euo pipefail
INSTALLER_DIR="$(cd "$(dirname "$0")" && pwd)"
PKG=qrbeam
PREFIX=/opt/qrbeam
LAUNCHER="$PREFIX/bin/QRBeam"
MENU_ENTRY=/usr/share/applications/qrbeam-QRBeam.desktop

passed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
installed() { dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q 'ok installed'; }

WORK="$(mktemp -d /tmp/qrbeam-test-deb.XXXXXX)"
we_installed=0
we_added_user=0
TEST_USER=qrbeam-e2e
session_pid=""
cleanup() {
  local rc=$?
  if [ -n "$session_pid" ]; then kill -TERM -- "-$session_pid" 2>/dev/null || true; wait "$session_pid" 2>/dev/null || true; fi
  if [ "$we_installed" = 1 ] && installed; then as_root dpkg --purge "$PKG" >/dev/null 2>&1 || true; fi
  if [ "$we_added_user" = 1 ]; then userdel "$TEST_USER" >/dev/null 2>&1 || true; fi
  if [ $rc -ne 0 ] && [ -f "$WORK/out/app.log" ]; then
    echo "--- app output (last 40 lines)" >&2; tail -40 "$WORK/out/app.log" >&2 || true
  fi
  if [ -f "$WORK/out/screen.png" ]; then   # the last screenshot, for a person to look at
    local shot="${TMPDIR:-/tmp}/qrbeam-test-deb-failure.png"
    [ $rc -ne 0 ] || shot="${TMPDIR:-/tmp}/qrbeam-test-deb-last.png"
    cp "$WORK/out/screen.png" "$shot" 2>/dev/null && echo "last screenshot: $shot" >&2
  fi
  rm -rf "$WORK"
  if [ $rc -eq 0 ]; then echo "installer test-deb: $passed passed, 0 failed"; else echo "installer test-deb: $passed passed, 1 failed" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in dpkg-deb xvfb-run xdotool import zbarimg; do
  command -v "$tool" >/dev/null || fail "$tool missing: run .ci/setup-installer.sh"
done

# 1. build
if [ -n "${QRBEAM_TEST_DEB:-}" ]; then
  DEB="$QRBEAM_TEST_DEB"
else
  rm -f "$INSTALLER_DIR"/out/${PKG}_*.deb
  bash "$INSTALLER_DIR/build-linux.sh" deb
  DEB="$(ls "$INSTALLER_DIR"/out/${PKG}_*.deb | head -1)"
fi
[ -f "$DEB" ] || fail "no .deb built"
ok "built $(basename "$DEB") ($(du -m "$DEB" | cut -f1) MB)"

# 2. install
if installed; then
  echo "note: $PKG was already installed; purging it first" >&2
  as_root dpkg --purge "$PKG" >/dev/null 2>&1
fi
we_installed=1
as_root dpkg -i "$DEB" >"$WORK/dpkg-install.log" 2>&1 || { cat "$WORK/dpkg-install.log" >&2; fail "dpkg -i"; }
installed || fail "dpkg reports $PKG not installed"
ok "dpkg -i"
dpkg-query -L "$PKG" > "$WORK/files.txt"
[ -x "$LAUNCHER" ] || fail "launcher $LAUNCHER missing"
[ -f "$MENU_ENTRY" ] || fail "menu entry $MENU_ENTRY missing"
grep -q "^Exec=$LAUNCHER %F$" "$MENU_ENTRY" || fail "menu entry does not pass files (%F) to $LAUNCHER"
grep -q '^MimeType=.*application/octet-stream;' "$MENU_ENTRY" || fail "menu entry has no MimeType for files"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$MENU_ENTRY" || fail "desktop-file-validate $MENU_ENTRY"
fi
if command -v update-desktop-database >/dev/null; then
  grep -q 'application/octet-stream=.*qrbeam-QRBeam.desktop' /usr/share/applications/mimeinfo.cache \
    || fail "QRBeam is not in the MIME cache for application/octet-stream (Open with)"
fi
ok "launcher, menu entry and Open-with MIME registration installed"
if [ -f "$PREFIX/lib/app/qrbeam.classlist" ]; then
  [ -s "$PREFIX/lib/app/qrbeam.jsa" ] || fail "postinst did not write the class-data archive $PREFIX/lib/app/qrbeam.jsa"
  ok "postinst wrote the class-data archive ($(du -m "$PREFIX/lib/app/qrbeam.jsa" | cut -f1) MB)"
fi

for notice in LICENSE THIRD-PARTY.txt; do
  [ -s "$PREFIX/lib/app/$notice" ] || fail "$PREFIX/lib/app/$notice missing: the licence and third-party notices must ship"
done
grep -q 'io.netty:netty-buffer' "$PREFIX/lib/app/THIRD-PARTY.txt" || fail "THIRD-PARTY.txt does not list the bundled libraries"
ok "licence and third-party notices installed"

# 3. launch as a new, unprivileged user
mkdir -p "$WORK/home" "$WORK/out"
printf 'QRBeam installer test file\n' > "$WORK/home/hello.txt"
cp "$INSTALLER_DIR/lib/deb-session.sh" "$WORK/deb-session.sh"
chmod 755 "$WORK" "$WORK/deb-session.sh"
run_as=()
if [ "$(id -u)" = 0 ]; then
  # A new local user whose home (from passwd, which is where Java takes user.home) is the fresh temp HOME.
  user="$TEST_USER"
  if id "$user" >/dev/null 2>&1; then   # left over by an interrupted run: point it at the new home
    usermod --home "$WORK/home" "$user"
  else
    useradd --no-create-home --home-dir "$WORK/home" --shell /usr/sbin/nologin --user-group "$user"
  fi
  we_added_user=1
  chown -R "$user:$user" "$WORK/home" "$WORK/out"
  run_as=(setpriv --reuid="$user" --regid="$user" --clear-groups)
else
  user="$(id -un)"
fi
echo "starting $LAUNCHER as $user under Xvfb"
setsid "${run_as[@]}" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QRBEAM_LOOPBACK=1 \
  ${QRBEAM_TEST_WINDOW_TIMEOUT:+QRBEAM_TEST_WINDOW_TIMEOUT=$QRBEAM_TEST_WINDOW_TIMEOUT} \
  ${QRBEAM_TEST_QR_TIMEOUT:+QRBEAM_TEST_QR_TIMEOUT=$QRBEAM_TEST_QR_TIMEOUT} \
  xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" \
  bash "$WORK/deb-session.sh" "$LAUNCHER" "$WORK/home/hello.txt" "$WORK/out" &
session_pid=$!
if ! wait "$session_pid"; then session_pid=""; fail "installed app did not show a loopback pairing QR code"; fi
session_pid=""
# shellcheck disable=SC1091
source "$WORK/out/session.env"
ok "window after ${WINDOW_S}s (${WINDOW_CPU_MS} ms CPU, class-data archive $APPCDS), QR code after ${QR_S}s: $CODE"
[ ! -e "$WORK/home/.openjfx" ] || fail "JavaFX extracted natives to ~/.openjfx: the runtime's lib/ copies were not used"
pgrep -f "^$LAUNCHER" >/dev/null && fail "app still running after the session"
ok "app stopped; JavaFX natives loaded from the installed runtime"

# 4. uninstall and look for leftovers
as_root dpkg --purge "$PKG" >"$WORK/dpkg-purge.log" 2>&1 || { cat "$WORK/dpkg-purge.log" >&2; fail "dpkg --purge"; }
we_installed=0
status="$(dpkg-query -W -f='${db:Status-Status}' "$PKG" 2>/dev/null || true)"
[ -z "$status" ] || [ "$status" = not-installed ] || fail "$PKG still known to dpkg: $status"
left=()
while IFS= read -r f; do
  case "$f" in /.|/opt|/usr|/usr/share|/usr/share/applications) continue ;; esac
  [ -e "$f" ] && left+=("$f")
done < "$WORK/files.txt"
[ -e "$PREFIX" ] && left+=("$PREFIX")
[ -e "$MENU_ENTRY" ] && left+=("$MENU_ENTRY")
grep -qs qrbeam /usr/share/applications/mimeinfo.cache && left+=("qrbeam line in mimeinfo.cache")
[ ${#left[@]} -eq 0 ] || fail "left behind after dpkg --purge: ${left[*]}"
ok "dpkg --purge left nothing behind ($(wc -l < "$WORK/files.txt") package paths, menu entry, MIME cache)"
