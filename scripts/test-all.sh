#!/usr/bin/env bash
# npm test: make sure Debian's Chromium is there for the browser tests, then run every tier.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium and CJK fonts for the browser tests …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium fonts-noto-cjk' (or set CHROMIUM_PATH), then npm test again."
    exit 1
  fi
fi

exec node_modules/.bin/tsx scripts/run-tests.ts "$@"
