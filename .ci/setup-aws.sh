#!/usr/bin/env bash
# Installs what the AWS adapter's tests need: dynalite (npm; an open-source implementation of the DynamoDB API,
# run in memory on 127.0.0.1 by DynamoStateTest and DynamoLambdaRelayTest), and the linters DeploymentAsCodeTest
# runs on relay/aws: ShellCheck (Debian) and cfn-lint (pip; optional, the test skips that check without it).
# Idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
apt_install() {
  $SUDO apt-get install -y "$@" || { $SUDO apt-get update && $SUDO apt-get install -y "$@"; }
}
if ! command -v dynalite >/dev/null 2>&1; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  $SUDO npm install -g dynalite@4.0.0
fi
echo "dynalite: $(command -v dynalite)"
if ! command -v shellcheck >/dev/null 2>&1; then
  apt_install shellcheck
fi
echo "shellcheck: $(command -v shellcheck)"
if ! command -v cfn-lint >/dev/null 2>&1 && command -v pip3 >/dev/null 2>&1; then
  timeout 60 pip3 install --quiet --retries 0 --timeout 5 cfn-lint || echo "cfn-lint not installed: the template lint check will be skipped" >&2
fi
echo "cfn-lint: $(command -v cfn-lint || echo absent)"
