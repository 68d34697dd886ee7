.PHONY: run test bench lint fmt lock

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
