#!/usr/bin/env bash
# Regenerates every icon from the SVG masters with Debian tools:
#   apt-get install librsvg2-bin imagemagick icnsutils
# Outputs (committed): png/qrbeam-<N>.png (16..1024), qrbeam.ico, qrbeam.icns, and the window-icon ladder the app
# loads from app/src/main/resources/dev/qrbeam/app/icons/icon-<N>.png (16..512).
#   16, 32 px come from qrbeam-small.svg (16 px grid), 24 px from qrbeam-24.svg (24 px grid), 48+ from qrbeam.svg.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$here"

# Debian's real ImageMagick (6: convert, 7: magick); a stand-in `convert` may shadow it earlier on PATH.
if command -v magick >/dev/null; then im=(magick)
elif [ -x /usr/bin/convert ]; then im=(/usr/bin/convert)
else im=(convert); fi
for tool in rsvg-convert png2icns; do
  command -v "$tool" >/dev/null || { echo "icons/build.sh: $tool missing (apt-get install librsvg2-bin icnsutils imagemagick)" >&2; exit 1; }
done

master_for() {
  case "$1" in
    16|32) echo qrbeam-small.svg ;;
    24) echo qrbeam-24.svg ;;
    *) echo qrbeam.svg ;;
  esac
}

mkdir -p png
for n in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" "$(master_for "$n")" -o "png/qrbeam-$n.png.tmp"
  # strip timestamps/metadata so regenerating gives identical bytes
  "${im[@]}" "png/qrbeam-$n.png.tmp" -strip -define png:exclude-chunks=date,time "png/qrbeam-$n.png"
  rm -f "png/qrbeam-$n.png.tmp"
done

# Windows: multi-resolution .ico (256 stored as PNG inside the .ico by ImageMagick).
"${im[@]}" png/qrbeam-16.png png/qrbeam-24.png png/qrbeam-32.png png/qrbeam-48.png png/qrbeam-64.png \
  png/qrbeam-128.png png/qrbeam-256.png qrbeam.ico

# macOS: .icns with the sizes png2icns knows (16, 32, 48, 128, 256, 512, 1024).
png2icns qrbeam.icns png/qrbeam-16.png png/qrbeam-32.png png/qrbeam-48.png png/qrbeam-128.png \
  png/qrbeam-256.png png/qrbeam-512.png png/qrbeam-1024.png >/dev/null

# The app's window icons (Stage.getIcons picks the best size per platform).
appicons="$root/app/src/main/resources/dev/qrbeam/app/icons"
mkdir -p "$appicons"
for n in 16 24 32 48 64 128 256 512; do
  cp "png/qrbeam-$n.png" "$appicons/icon-$n.png"
done
echo "icons: png/ (9 sizes), qrbeam.ico, qrbeam.icns, $(realpath --relative-to="$root" "$appicons")/icon-*.png"
