# shellcheck shell=bash disable=SC2034
# Application class-data sharing (AppCDS) for the Linux packages (sourced by build-linux.sh).
#
# JDK 17 only accepts an archive of application classes at the class path it was dumped with, so it cannot be
# built here for /opt/qrbeam. Instead:
#   build time:   a training run of the app image under Xvfb (file argument, up to the QR code) writes the
#                 list of loaded classes, lib/app/qrbeam.classlist, which is packaged;
#   install time: postinst runs the extra launcher bin/qrbeam-cds (-Xshare:dump with that list) to write
#                 lib/app/qrbeam.jsa; prerm deletes it. The main launcher maps it (-XX:SharedArchiveFile) and
#                 silently starts without it if it is missing or stale.
# Measured here: about 30 % less CPU to the first window (`docs/benchmarks.md`).
# Skipped with QRBEAM_APPCDS=0 or without xvfb-run/xdotool: the package then works without AppCDS.

CDS_LAUNCHER=qrbeam-cds

# cds_launcher_props FILE: the --add-launcher properties of bin/qrbeam-cds (same JVM options as the app, so the
# archive matches it, plus the dump options; no menu entry).
cds_launcher_props() {
  local opts="${JAVA_OPTION_ARGS[*]:-}"
  opts="${opts//--java-options /}"
  cat > "$1" <<PROPS
main-class=$MAIN_CLASS
java-options=$opts -Xshare:dump -XX:SharedClassListFile=\$APPDIR/qrbeam.classlist -XX:SharedArchiveFile=\$APPDIR/qrbeam.jsa
linux-shortcut=false
PROPS
}

# train_appcds IMAGE_DIR (the jpackage app image, e.g. build/linux/image/QRBeam)
train_appcds() {
  local image="$1" cfg list work rc=0
  cfg="$image/lib/app/$APP_NAME.cfg"
  list="$image/lib/app/qrbeam.classlist"
  rm -f "$list"
  if [ "${QRBEAM_APPCDS:-1}" = 0 ]; then log "AppCDS: skipped (QRBEAM_APPCDS=0)"; return 0; fi
  if ! command -v xvfb-run >/dev/null || ! command -v xdotool >/dev/null; then
    log "AppCDS: skipped (needs xvfb-run and xdotool: .ci/setup-installer.sh)"; return 0
  fi
  grep -q '^\[JavaOptions\]$' "$cfg" || die "no [JavaOptions] in $cfg"
  work="$(mktemp -d)"
  cp "$cfg" "$work/cfg.orig"
  sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:DumpLoadedClassList=$APPDIR/qrbeam.classlist|' "$cfg"
  printf 'training file\n' > "$work/file.txt"
  mkdir -p "$work/home"
  cat > "$work/train.sh" <<'TRAIN'
set -u
launcher="$1" file="$2" log="$3"
"$launcher" "$file" >"$log" 2>&1 &
pid=$!
end=$((SECONDS + 120))
until xdotool search --onlyvisible --name '^QRBeam' >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "training run: app exited" >&2; exit 1; }
  [ $SECONDS -lt $end ] || { echo "training run: no window in 120 s" >&2; kill -KILL "$pid"; exit 1; }
  sleep 0.1
done
# go on until the QR code is on screen (the send path's classes), at most 20 s
end=$((SECONDS + 20))
while [ $SECONDS -lt $end ]; do
  if command -v zbarimg >/dev/null && command -v import >/dev/null; then
    import -window root "$log.png" 2>/dev/null && zbarimg -q "$log.png" >/dev/null 2>&1 && break
  fi
  sleep 0.5
done
kill -TERM "$pid"
end=$((SECONDS + 30))
while kill -0 "$pid" 2>/dev/null; do
  [ $SECONDS -lt $end ] || { kill -KILL "$pid"; break; }
  sleep 0.2
done
wait "$pid" 2>/dev/null || true
TRAIN
  log "AppCDS: training run under Xvfb"
  HOME="$work/home" QRBEAM_LOOPBACK=1 xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" \
    bash "$work/train.sh" "$image/bin/$APP_NAME" "$work/file.txt" "$work/app.log" || rc=$?
  cp "$work/cfg.orig" "$cfg"
  if [ $rc -ne 0 ] || [ ! -s "$list" ]; then
    log "AppCDS: training failed (rc=$rc), the app will start without it; its output:"
    tail -20 "$work/app.log" >&2 || true
    rm -f "$list"; rm -rf "$work"; return 0
  fi
  chmod 644 "$list"
  sed -i 's|^\[JavaOptions\]$|[JavaOptions]\njava-options=-XX:SharedArchiveFile=$APPDIR/qrbeam.jsa|' "$cfg"
  log "AppCDS: $(wc -l < "$list") classes listed"
  rm -rf "$work"
}
