#!/usr/bin/env bash
# Start-up benchmark of the installed Linux app (not a test): time from exec of the installed launcher to its
# window being mapped, over several runs, under Xvfb, loopback only. Prints one line per run and a summary.
#   bash installer/bench-start.sh [RUNS] [path/to/qrbeam.deb]
# With a .deb it installs it first and purges it afterwards; without, it uses the installed /opt/qrbeam.
# QRBEAM_BENCH_DROP_CACHES=1 drops the page cache before run 1 (root; slows everyone else on the machine).
set -euo pipefail
RUNS="${1:-7}"
DEB="${2:-}"
LAUNCHER=/opt/qrbeam/bin/QRBeam
WORK="$(mktemp -d /tmp/qrbeam-bench-start.XXXXXX)"
we_installed=0
BENCH_USER=qrbeam-bench
cleanup() {
  [ "$we_installed" = 1 ] && dpkg --purge qrbeam >/dev/null 2>&1 || true
  [ "$(id -u)" = 0 ] && userdel "$BENCH_USER" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
if [ -n "$DEB" ]; then
  dpkg -i "$DEB" >/dev/null
  we_installed=1
  echo "package: $(basename "$DEB") $(du -k "$DEB" | awk '{printf "%.1f MB", $1/1024}'), installed:" \
    "$(du -sk /opt/qrbeam | awk '{printf "%.1f MB", $1/1024}')"
fi
[ -x "$LAUNCHER" ] || { echo "no $LAUNCHER: install the .deb or pass it" >&2; exit 1; }
mkdir -p "$WORK/home"
printf 'bench\n' > "$WORK/home/file.txt"

cat > "$WORK/runs.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
LAUNCHER="$1" RUNS="$2" FILE="$3" WORK="$4"
now() { date +%s%N; }
for i in $(seq 1 "$RUNS"); do
  if [ "$i" = 1 ]; then
    if [ "${QRBEAM_BENCH_DROP_CACHES:-0}" = 1 ] && sync && echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then
      cold="first run, page cache dropped"; else cold="first run"; fi
  else cold="warm"; fi
  t0="$(now)"
  "$LAUNCHER" "$FILE" >"$WORK/home/app-$i.log" 2>&1 &
  pid=$!
  wid=""
  deadline=$(( t0 + 60000000000 ))
  while [ -z "$wid" ]; do
    wid="$(xdotool search --onlyvisible --name '^QRBeam' 2>/dev/null | head -1 || true)"
    [ -n "$wid" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "run $i: app exited" >&2; cat "$WORK/home/app-$i.log" >&2; exit 1; }
    [ "$(now)" -lt "$deadline" ] || { echo "run $i: no window in 60 s" >&2; kill "$pid"; exit 1; }
    sleep 0.02
  done
  t1="$(now)"
  ms=$(( (t1 - t0) / 1000000 ))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  echo "run $i: window after ${ms} ms, ${cpu} ms CPU ($cold)"
  echo "$ms" >> "$WORK/ms.txt"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
INNER
run_as=()
if [ "$(id -u)" = 0 ]; then   # as a fresh user (Java takes user.home from passwd), not as root
  if id "$BENCH_USER" >/dev/null 2>&1; then usermod --home "$WORK/home" "$BENCH_USER"
  else useradd --no-create-home --home-dir "$WORK/home" --shell /usr/sbin/nologin --user-group "$BENCH_USER"; fi
  chown -R "$BENCH_USER:$BENCH_USER" "$WORK/home"
  chmod 755 "$WORK"; touch "$WORK/ms.txt"; chmod 666 "$WORK/ms.txt"
  run_as=(setpriv --reuid="$BENCH_USER" --regid="$BENCH_USER" --clear-groups)
fi
echo "load before: $(uptime)"
${run_as[@]+"${run_as[@]}"} env HOME="$WORK/home" QRBEAM_LOOPBACK=1 xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" \
  bash "$WORK/runs.sh" "$LAUNCHER" "$RUNS" "$WORK/home/file.txt" "$WORK"
sort -n "$WORK/ms.txt" | awk -v first="$(head -1 "$WORK/ms.txt")" '
  { a[NR] = $1 } END {
    med = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "summary: %d runs, first %d ms, median %d ms, min %d ms, max %d ms\n", NR, first, med, a[1], a[NR] }'
echo "load after: $(uptime)"
