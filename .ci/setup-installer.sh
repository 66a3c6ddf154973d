#!/usr/bin/env bash
# Installs what installer/test-deb.sh and icons/build.sh need (idempotent).
#  - jpackage .deb: fakeroot, dpkg-dev (dpkg-deb, dpkg-shlibdeps); .rpm (optional): rpm
#  - headless launch: xvfb (xvfb-run), libgtk-3-0 + libgl1-mesa-dri (JavaFX glass/prism on Linux)
#  - checks: x11-utils (xprop), xdotool (window wait), imagemagick (import), zbar-tools (zbarimg, an
#    independent QR decoder)
#  - icons: librsvg2-bin (rsvg-convert), icnsutils (png2icns)
#  - the .deb's own dependency for menu integration: xdg-utils (+ desktop-file-utils for the MIME cache)
set -euo pipefail
pkgs=(fakeroot dpkg-dev rpm xvfb xauth libgtk-3-0 libgl1-mesa-dri x11-utils xdotool imagemagick zbar-tools
      librsvg2-bin icnsutils xdg-utils desktop-file-utils)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  }
fi
# jpackage/jlink must come with the JDK that builds the project (Debian's openjdk-17-jdk has both + jmods).
command -v jpackage >/dev/null || { echo "setup-installer: jpackage not found (need a full JDK 17)" >&2; exit 1; }
