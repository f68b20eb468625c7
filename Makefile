# make run   -> the app on http://127.0.0.1:8000 (SQLite file db.sqlite3, Celery tasks run inline)
# make test  -> the test suite, in parallel on every core (pytest-xdist); pass pytest options in
#               ARGS, e.g. make test ARGS='-q -k switcher'; serially: make test ARGS='-n0'
# make lint  -> ruff
# The full CI run (PostgreSQL, Redis, Celery worker, Chromium) is: bash .ci/run
.DEFAULT_GOAL := run
.PHONY: run test lint bootstrap

PY := .venv/bin/python
ARGS ?=
# One xdist worker per core; --dist loadfile keeps each test file on one worker (the module-scoped
# cast is built once per module; tests/conftest.py splits the matrix). ARGS come after: -n0 wins.
XDIST ?= -n auto --dist loadfile

bootstrap:
	@scripts/bootstrap

run: bootstrap
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: bootstrap
	$(PY) -m pytest $(XDIST) $(ARGS)

lint: bootstrap
	.venv/bin/ruff check .

# make bench -> scripts/bench against DATABASE_URL, a PostgreSQL database holding a deployment
#               made by `manage.py generate_scale --factor N`; writes docs/benchmarks.md.
#               ARGS=--load adds 50 users for 60 s (README: "Benchmark at national scale").
.PHONY: bench
bench: bootstrap
	$(PY) scripts/bench $(ARGS)
