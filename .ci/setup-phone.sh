#!/usr/bin/env bash
# The phone page: installs Debian's chromium + chromedriver for the browser tests (core/.../phone), installs the
# page's pinned npm packages (web/package-lock.json, integrity-checked by npm ci), runs the page's node tests
# against the shared Java vectors, and fails if the committed bundle differs from a fresh build. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get install -y "${need[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${need[@]}"; }
fi
cd web
npm ci --no-audit --no-fund
node --test test/
node build.mjs --check
