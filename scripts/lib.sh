# Shared shell helpers for make run, make test and make bench. Sourced, not run.
# shellcheck shell=bash

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

# ensure_os_package COMMAND PACKAGE: install PACKAGE with apt when COMMAND is missing.
ensure_os_package() {
  local cmd=$1 pkg=$2
  if command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing $pkg (needed for $cmd)"
    if [ -z "${_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
      _APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null \
      || die "could not install $pkg; install it by hand: sudo apt-get install $pkg"
  else
    die "$cmd is missing. Install it first: sudo apt-get install $pkg"
  fi
}

# ensure_os_library SONAME PACKAGE: install PACKAGE with apt when the shared library is missing.
ensure_os_library() {
  local lib=$1 pkg=$2
  if ldconfig -p 2>/dev/null | grep -q "$lib"; then return 0; fi
  ensure_os_package "/nonexistent/$lib" "$pkg"
}

# WeasyPrint (the informatiepakket as PDF) draws text with Pango and HarfBuzz, in DejaVu fonts.
ensure_pdf_libraries() {
  ensure_os_library libpango-1.0.so.0 libpango-1.0-0
  ensure_os_library libpangoft2-1.0.so.0 libpangoft2-1.0-0
  ensure_os_library libharfbuzz-subset.so.0 libharfbuzz-subset0
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
    || ensure_os_package /nonexistent/dejavu-fonts fonts-dejavu-core
}

postgres_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || return 1
  echo "$dir"
}

ensure_postgres() {
  if ! postgres_bindir >/dev/null; then
    ensure_os_package /usr/lib/postgresql/nonexistent/initdb postgresql
    # The Debian package starts a cluster of its own on 5432; ours run on private ports.
  fi
  postgres_bindir >/dev/null || die "PostgreSQL server programs not found under /usr/lib/postgresql"
}

# ensure_venv LOCKFILE: a .venv with exactly the locked (hash-checked) dependencies.
ensure_venv() {
  local lock=$1 python=${PYTHON:-python3}
  command -v "$python" >/dev/null || die "Python 3.11+ is needed ($python not found)"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed; found $("$python" --version)"
  if [ ! -x .venv/bin/python ]; then
    say "Creating .venv"
    "$python" -m venv .venv || die "could not create .venv (on Debian/Ubuntu: sudo apt-get install python3-venv)"
  fi
  local stamp=".venv/.installed-$(sha256sum "$lock" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "Installing dependencies from $lock"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    .venv/bin/python -m pip install -q --require-hashes --no-deps -r "$lock" || die "dependency install failed"
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# as_db_owner CMD...: PostgreSQL refuses to run as root, so root runs it as the postgres user.
as_db_owner() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# start_postgres DIR PORT: a throw-away cluster with trust auth on 127.0.0.1:PORT.
start_postgres() {
  local dir=$1 port=$2 bindir
  bindir=$(postgres_bindir)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_db_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log"; die "initdb failed"; }
  as_db_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { cat "$dir/server.log"; die "PostgreSQL did not start"; }
}

stop_postgres() {
  local dir=$1 bindir
  bindir=$(postgres_bindir) || return 0
  [ -d "$dir/data" ] && as_db_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
}

# start_redis DIR PORT: append-only, never evicts (reminder triggers must not vanish).
start_redis() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  # The append-only file is the persistence; no RDB snapshots besides it.
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --save "" \
    --maxmemory-policy noeviction --daemonize yes --pidfile "$dir/redis.pid" \
    --logfile "$dir/redis.log" || die "redis-server did not start"
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "redis-server on port $port does not answer (see $dir/redis.log)"
}

# start_own_redis DIR: make run's private Redis, on a free port, its files in DIR; prints its URL.
# It never shares: a Redis already serving DIR (another make run of this checkout) is refused in
# one line, and another checkout's Redis is never reused, so no worker takes another's tasks.
start_own_redis() {
  local dir=$1 pid port
  if [ -f "$dir/redis.pid" ]; then
    pid=$(cat "$dir/redis.pid")
    if kill -0 "$pid" 2>/dev/null && [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = redis-server ]; then
      die "a Redis (pid $pid) already serves $dir: is make run already running in this checkout? Stop it first."
    fi
  fi
  port=$(free_port)
  start_redis "$dir" "$port" >&2
  echo "redis://127.0.0.1:$port/0"
}

# stop_redis DIR: stop it and wait until it has gone. Returning at once let the caller remove DIR
# while Redis was still shutting down; its last write then failed and Redis refused to exit (the
# test runs left one running server each).
stop_redis() {
  local dir=$1 pid
  [ -f "$dir/redis.pid" ] || return 0
  pid=$(cat "$dir/redis.pid")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

compile_messages() {
  if command -v msgfmt >/dev/null 2>&1; then
    .venv/bin/python manage.py compilemessages --ignore=.venv -v 0
  else
    say "msgfmt not found: English translations are not compiled (sudo apt-get install gettext)"
  fi
}
