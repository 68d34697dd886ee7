.PHONY: run test bench lint fmt lock messages

run:  ## start web, worker and beat with demo data at http://127.0.0.1:8000
	@scripts/run.sh

test:  ## ruff + the whole pytest suite on private PostgreSQL and Redis (TEST_DB=sqlite to skip PostgreSQL)
	@scripts/test.sh

bench:  ## the scale benchmark (see bench/README.md)
	@scripts/bench.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

fmt:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

lock:  ## re-resolve requirements/*.lock from pyproject.toml
	.venv/bin/python -m pip install -q uv
	.venv/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.lock -q
	.venv/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.lock -q

messages:  ## bring the English catalogue up to date with the Dutch source strings, then compile it
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-messages-only} .venv/bin/python manage.py makemessages -l en --no-obsolete --no-location --ignore='bench/*' --ignore='tests/*' --ignore='.venv/*' --ignore='var/*' -v 0
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-messages-only} .venv/bin/python manage.py compilemessages --ignore=.venv -v 0
