#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store and API tests.
#
#   eval "$(bash scripts/postgres.sh start)"   # exports JUESUAN_TEST_PG_URL and JUESUAN_TEST_PG_DIR
#   bash scripts/postgres.sh stop              # stops it and removes its directory
#
# Installs the Debian `postgresql` package when no server binaries are found (as root).
# The cluster lives in a temporary directory, listens on 127.0.0.1 on a free port, trusts
# local connections, and runs as the `postgres` user when started by root (PostgreSQL
# refuses to run as root). When it cannot start, `start` still succeeds but exports
# JUESUAN_TEST_PG_URL="unavailable: <why>", so the PostgreSQL tests FAIL with the reason
# instead of silently skipping.
set -uo pipefail

say() { printf '%s\n' "$*"; }
unavailable() {
  say "export JUESUAN_TEST_PG_URL='unavailable: $*'"
  echo "postgres.sh: PostgreSQL unavailable: $*" >&2
  exit 0
}

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
  return 1
}

as_owner() {  # run a server command as the cluster owner
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local bin
  if ! bin=$(bindir); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "postgres.sh: installing the Debian postgresql package" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
        || unavailable "apt-get install postgresql failed"
      bin=$(bindir) || unavailable "postgresql installed but initdb not found"
    else
      unavailable "no PostgreSQL server binaries (install the postgresql package)"
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    unavailable "running as root and there is no postgres user to own the cluster"
  fi
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/juesuan-pg.XXXXXX") || unavailable "cannot create a temporary directory"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || unavailable "initdb failed: $(tail -n 1 "$dir/initdb.log")"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1 || unavailable "server did not start: $(tail -n 1 "$dir/server.log" 2>/dev/null)"
  say "export JUESUAN_TEST_PG_URL='postgresql://postgres@127.0.0.1:$port/postgres'"
  say "export JUESUAN_TEST_PG_DIR='$dir'"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
}

stop() {
  local dir="${JUESUAN_TEST_PG_DIR:-}" bin
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  bin=$(bindir) && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
