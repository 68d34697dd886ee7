#!/usr/bin/env bash
# make bench: the scale benchmark (see bench/README.md). Private PostgreSQL and Redis on free
# ports; per data set: migrate, generate, serve with gunicorn as in production, drive it over HTTP.
# BENCH_SIZES="small" runs only the small set (development); default "small large".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_os_package redis-server redis-server
ensure_os_package redis-cli redis-tools
ensure_os_package msgfmt gettext
ensure_postgres
ensure_venv requirements/dev.lock

SIZES=${BENCH_SIZES:-small large}
# gunicorn exactly as production runs it (Dockerfile, docker-compose.yml): 3 sync workers, with
# an access log. The load driver uses as many concurrent clients as there are workers
# (BENCH_CLIENTS), so every worker is busy and no request waits in the listen queue.
WORKERS=${BENCH_WORKERS:-3}
export BENCH_CLIENTS=${BENCH_CLIENTS:-$WORKERS}

RUN_DIR=$(mktemp -d /tmp/proeftuin-bench.XXXXXX)
chmod 755 "$RUN_DIR"
GUNICORN_PIDS=()
stop_gunicorn() {
  local pid
  for pid in "${GUNICORN_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  GUNICORN_PIDS=()
}
cleanup() {
  stop_gunicorn
  stop_redis "$RUN_DIR/redis"
  if [ -n "${BENCH_KEEP:-}" ] && [ -n "${PG_PORT:-}" ]; then
    # For EXPLAIN ANALYZE after the run: the databases stay up until you stop them.
    say "PostgreSQL kept: psql -h 127.0.0.1 -p $PG_PORT -U postgres bench_<size>;" \
      "slow-query plans in $RUN_DIR/pg/server.log;" \
      "stop: $(postgres_bindir)/pg_ctl -D $RUN_DIR/pg/data stop && rm -rf $RUN_DIR"
    return
  fi
  stop_postgres "$RUN_DIR/pg"
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

REDIS_PORT=$(free_port)
start_redis "$RUN_DIR/redis" "$REDIS_PORT"
PG_PORT=$(free_port)
start_postgres "$RUN_DIR/pg" "$PG_PORT"
say "PostgreSQL on port $PG_PORT, Redis on port $REDIS_PORT"
# The plan of every statement slower than 200 ms goes to the server log (evidence for a miss).
psql_admin() { "$(postgres_bindir)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt "$@"; }
psql_admin -d postgres -v ON_ERROR_STOP=1 -c "LOAD 'auto_explain'" \
  -c "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER SYSTEM SET auto_explain.log_min_duration = '200ms'" \
  -c "SELECT pg_reload_conf()" >/dev/null

export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef"
export DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS="*" EMAIL_URL="memorymail://"
export DJANGO_STATIC_ROOT="$RUN_DIR/static" PYTHONDONTWRITEBYTECODE=1 LOG_LEVEL=WARNING
# The benchmark is one user hammering the API: the per-user throttle would answer 429.
export API_THROTTLE_USER="1000000/minute" API_THROTTLE_ANON="1000000/minute"
# The same for the public library, whose pages count per address (all clients are 127.0.0.1).
export LIBRARY_THROTTLE="1000000/minute"
export BENCH_COUNT_QUERIES=1
# No beat runs here, so no reminder sweep: /healthz (the servers' readiness) leaves it out.
export HEALTHZ_SWEEP_MAX_AGE=0

compile_messages
.venv/bin/python manage.py collectstatic --no-input -v 0

db_url() { echo "postgres://postgres@127.0.0.1:$PG_PORT/bench_$1"; }
RESULTS=() TARGETS=() GUNICORN_PIDS=()
for size in $SIZES; do
  say "Data set '$size'"
  "$(postgres_bindir)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "bench_$size"
  export DATABASE_URL; DATABASE_URL=$(db_url "$size")
  .venv/bin/python manage.py migrate --no-input -v 0
  started=$(date +%s)
  .venv/bin/python bench/generate.py --size "$size"
  .venv/bin/python bench/run.py prepare --size "$size" \
    --generate-seconds "$(($(date +%s) - started))" --out "$RUN_DIR/results-$size.json"
  RESULTS+=("$RUN_DIR/results-$size.json")
done

# One server per data set, all up at once: the driver alternates between them. Each has the
# shared Redis cache production has (docker-compose.yml), on a Redis database of its own so that
# no data set reads another's cached pages.
cache_db=0
for size in $SIZES; do
  PORT=$(free_port)
  cache_db=$((cache_db + 1))
  DATABASE_URL=$(db_url "$size") CACHE_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/$cache_db" \
    .venv/bin/gunicorn config.wsgi:application \
    --bind "127.0.0.1:$PORT" --workers "$WORKERS" --access-logfile "$RUN_DIR/access-$size.log" \
    --error-logfile "$RUN_DIR/gunicorn-$size.log" &
  GUNICORN_PIDS+=($!)
  TARGETS+=(--target "$RUN_DIR/results-$size.json,http://127.0.0.1:$PORT,$!")
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null \
    || { cat "$RUN_DIR/gunicorn-$size.log"; die "gunicorn ($size) did not answer /healthz"; }
done
say "Driving gunicorn ($WORKERS sync workers per data set) with $BENCH_CLIENTS clients"
.venv/bin/python bench/run.py drive "${TARGETS[@]}"
stop_gunicorn

for size in $SIZES; do
  say "Reminder sweep on '$size'"
  DATABASE_URL=$(db_url "$size") .venv/bin/python bench/run.py sweep \
    --results "$RUN_DIR/results-$size.json"
done

say "Results (also in bench/results.json)"
.venv/bin/python bench/report.py "${RESULTS[@]}" --out bench/results.json
slow=$(grep -c "duration: .* ms  plan:" "$RUN_DIR/pg/server.log" || true)
say "$slow statements took over 200 ms (plans: BENCH_KEEP=1 keeps $RUN_DIR/pg/server.log)"
