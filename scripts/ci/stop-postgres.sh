#!/usr/bin/env bash
# Stops the server started by start-postgres.sh (TEST_PGDATA names its data directory).
set -euo pipefail
[ -n "${TEST_PGDATA:-}" ] || exit 0
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$pgbin/pg_ctl" -D "$TEST_PGDATA" -m fast -w stop >/dev/null || true
rm -rf "$TEST_PGDATA"
