#!/usr/bin/env bash
# make test: private PostgreSQL and Redis on free ports, then ruff and the whole pytest suite.
# TEST_DB=sqlite runs the suite on SQLite instead of PostgreSQL; PYTEST_ARGS narrows it. The
# reminder rules also run on SQLite after the PostgreSQL suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_os_package redis-server redis-server
ensure_os_package redis-cli redis-tools
ensure_os_package msgfmt gettext
ensure_os_package /usr/bin/chromium chromium
ensure_os_package docker-compose docker-compose
[ "${TEST_DB:-postgres}" = postgres ] && ensure_postgres
ensure_pdf_libraries
ensure_venv requirements/dev.lock

RUN_DIR=$(mktemp -d /tmp/proeftuin-test.XXXXXX)
chmod 755 "$RUN_DIR"
cleanup() {
  stop_redis "$RUN_DIR/redis"
  stop_postgres "$RUN_DIR/pg"
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

REDIS_PORT=$(free_port)
start_redis "$RUN_DIR/redis" "$REDIS_PORT"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
if [ "${TEST_DB:-postgres}" = postgres ]; then
  PG_PORT=$(free_port)
  start_postgres "$RUN_DIR/pg" "$PG_PORT"
  "$(postgres_bindir)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres proeftuin
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/proeftuin"
  say "PostgreSQL on port $PG_PORT, Redis on port $REDIS_PORT"
else
  export DATABASE_URL="sqlite:///$RUN_DIR/test.sqlite3"
  say "SQLite, Redis on port $REDIS_PORT"
fi
export DJANGO_SECRET_KEY="test-only-secret-key-not-for-production-0123456789abcdef"
export DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS="*" EMAIL_URL="memorymail://"
export PYTHONDONTWRITEBYTECODE=1

export DJANGO_STATIC_ROOT="$RUN_DIR/static"
compile_messages
.venv/bin/python manage.py collectstatic --no-input -v 0
say "ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
say "migrations are complete"
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || die "models changed without a migration: run 'python manage.py makemigrations'"
say "pytest"
if [ -n "${PYTEST_ARGS:-}" ]; then
  # eval, so that quoted words in PYTEST_ARGS ("-m 'not e2e'") stay one argument.
  eval ".venv/bin/python -m pytest $PYTEST_ARGS"
else
  # Everything but the real-process tests on PYTEST_WORKERS processes (default 2, one browser
  # each, every process its own database); then the tests that start Celery workers, gunicorn
  # and Redis restarts, one at a time, since they restart the run's one Redis.
  .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" -m "not worker"
  say "pytest: the tests with real worker processes"
  .venv/bin/python -m pytest -m worker
  if [ "${TEST_DB:-postgres}" = postgres ]; then
    # make run plans and sends reminders on SQLite, where a planner's SQL can differ (day
    # arithmetic, stamps); the rules and the demo once more on that database.
    say "pytest: the reminder rules and the demo on SQLite, make run's database"
    DATABASE_URL="sqlite:///$RUN_DIR/rules.sqlite3" .venv/bin/python -m pytest -q -m "not worker" \
      tests/notifications tests/learning/test_progress.py tests/proeftuin/test_seed_demo.py
  fi
fi
