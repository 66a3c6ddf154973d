#!/usr/bin/env bash
# Installs what the relay tests need: wscat (the seed's own WebSocket client) from npm.
# Idempotent; safe to run repeatedly.
set -euo pipefail
if command -v wscat >/dev/null 2>&1; then
  echo "wscat already installed: $(command -v wscat)"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y nodejs npm || { $SUDO apt-get update && $SUDO apt-get install -y nodejs npm; }
fi
if [ "$(id -u)" -ne 0 ] && [ ! -w "$(npm prefix -g)/lib" ]; then
  sudo npm install -g wscat
else
  npm install -g wscat
fi
command -v wscat
