#!/usr/bin/env bash
# App tests run headless on Monocle (no packages needed). app/screenshots.sh and trying the app under Xvfb need
# an X server and GTK: install them if missing (idempotent).
set -euo pipefail
need=()
for pkg in xvfb xauth libgtk-3-0 libgl1-mesa-dri; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi
