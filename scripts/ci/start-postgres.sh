#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a free loopback port and prints its URL on stdout.
# Usage: eval "$(scripts/ci/start-postgres.sh)"   # exports TEST_DATABASE_URL and TEST_PGDATA
# Stop it with: scripts/ci/stop-postgres.sh
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ] || [ ! -x "$pgbin/postgres" ]; then
  echo "PostgreSQL server binaries not found; install the Debian 'postgresql' package" >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
datadir=$(mktemp -d /tmp/trace-pg.XXXXXX)
# initdb refuses to run as root: run the server as the unprivileged 'postgres' user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$datadir"; fi
as_pg "$pgbin/initdb" -D "$datadir" -U postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$datadir -c max_connections=300"
# Tests trade durability for speed; benchmarks start with PG_STOCK=1 to measure stock settings.
if [ "${PG_STOCK:-0}" != 1 ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
as_pg "$pgbin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 -o "$opts" start >/dev/null
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
echo "export TEST_PGDATA=$datadir"
