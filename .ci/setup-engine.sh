#!/usr/bin/env bash
# Engine (core/) setup. The core tests need only the JDK 17 and Maven that .ci/run already uses: they run a real
# relay, real WebSocket clients, child JVMs and a fault-injecting proxy, all on 127.0.0.1.
# The benchmarks (not run by CI) also need magic-wormhole, its local servers and /usr/bin/time (core/bench/cold-bench.sh):
# `bash .ci/setup-engine.sh --bench`.
set -euo pipefail
if [ "${1:-}" = "--bench" ]; then
  pkgs="magic-wormhole magic-wormhole-transit-relay python3-magic-wormhole-mailbox-server time"
  missing=""
  for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    apt-get install -y $missing || { apt-get update && apt-get install -y $missing; }
  fi
fi
command -v java >/dev/null || { echo "setup-engine: a JDK 17 is required" >&2; exit 1; }
