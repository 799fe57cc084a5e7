#!/usr/bin/env bash
# Runs the test suite under several time zones: results must not depend on TZ.
# Extra arguments are passed to vitest (e.g. a test file filter).
set -euo pipefail
cd "$(dirname "$0")/.."
for tz in UTC Europe/Berlin America/Los_Angeles Pacific/Kiritimati; do
  offset=$(TZ="$tz" node -e 'process.stdout.write(String(-new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset() / 60))')
  echo "== TZ=$tz (UTC offset on 2024-01-15: ${offset} h)"
  # test/release packs and installs the package: nothing there depends on the time zone.
  TZ="$tz" npx vitest run --typecheck.enabled=false --exclude "test/release/**" "$@"
done
