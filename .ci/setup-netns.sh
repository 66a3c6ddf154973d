#!/usr/bin/env bash
# The two-computer tests (cli: TwoComputersTest) build network namespaces joined by veth pairs with iproute2
# ("ip netns", "ip link add ... type veth", bridges). CI runs as root; without root the tests skip themselves.
# Idempotent.
set -euo pipefail
if ! command -v ip >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get install -y iproute2 || { $SUDO apt-get update && $SUDO apt-get install -y iproute2; }
fi
echo "ip: $(command -v ip) ($(ip -V))"
