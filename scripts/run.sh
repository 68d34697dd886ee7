#!/usr/bin/env bash
# make run: venv, Redis, migrations, demo data, then web + Celery worker + beat together.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

export PORT=${PORT:-8000}
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
export DJANGO_HTTPS=${DJANGO_HTTPS:-0}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
mkdir -p var/mail

# Without REDIS_URL, make run starts a Redis of its own (scripts/lib.sh: start_own_redis).
own_redis=""
if [ -z "${REDIS_URL:-}" ]; then
  ensure_os_package redis-server redis-server
  ensure_os_package redis-cli redis-tools
  own_redis=1
fi
if command -v msgfmt >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then :; else ensure_os_package msgfmt gettext; fi
ensure_pdf_libraries
ensure_venv requirements/base.lock

if [ -n "$own_redis" ]; then
  REDIS_URL=$(start_own_redis "$PWD/var/redis") || exit 1
  export REDIS_URL
  cleanup() { stop_redis var/redis; }
  trap cleanup EXIT
  say "Redis of this checkout at $REDIS_URL (files in var/redis)"
fi

.venv/bin/python manage.py preflight || exit 1
compile_messages
.venv/bin/python manage.py migrate --no-input -v 0
if [ ! -f var/.demo-seeded ]; then
  say "Loading demo data (once)"
  .venv/bin/python manage.py seed_demo && touch var/.demo-seeded
fi

cat <<INFO

  Proeftuin runs at http://127.0.0.1:$PORT   (Ctrl-C stops web, worker and beat)
  Demo logins, password '${DEMO_PASSWORD:-proeftuin-demo}':
    coach@demo.example · director@demo.example · participant1@demo.example … participant12@demo.example
  Coach and director use two-factor log-in: the code page shows the current demo code
  (or add the demo key OBZG6ZLGOR2WS3RNMRSW23ZNGJTGC to an authenticator app; docs/testing.md).
  Mails land in var/mail/. Admin: http://127.0.0.1:$PORT/admin/ (create one with: .venv/bin/python manage.py createsuperuser)

INFO
.venv/bin/honcho -f Procfile start
