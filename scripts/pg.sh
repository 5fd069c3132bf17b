#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and benchmarks, on a socket of its own.
#   scripts/pg.sh start [DIR]   -> prints the SQLAlchemy URL
#   scripts/pg.sh stop [DIR]
# Installs Debian's PostgreSQL server packages when initdb/pg_ctl are missing. As root the
# server runs as the unprivileged user `postgres`.
set -euo pipefail
action=${1:?start|stop|url}
dir=${2:-${REGIE_PG_DIR:-/tmp/regie-pg}}
port=${REGIE_PG_PORT:-54329}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ] && [ "$action" = start ]; then
  echo "PostgreSQL server binaries missing: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url="postgresql+psycopg://postgres@/postgres?host=$dir/sock&port=$port"
case "$action" in
  start)
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    if [ -f "$dir/data/postmaster.pid" ] && run "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "$url"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir/sock"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    run "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
      "-k $dir/sock -p $port -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    echo "$url"
    ;;
  stop)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
      run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  url) echo "$url" ;;
esac
