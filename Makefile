# make run   -> the app on http://127.0.0.1:8000 (SQLite file db.sqlite3, Celery tasks run inline)
# make test  -> the test suite; pass pytest options in ARGS, e.g. make test ARGS='-q -k switcher'
# make lint  -> ruff
# The full CI run (PostgreSQL, Redis, Celery worker, Chromium) is: bash .ci/run
.DEFAULT_GOAL := run
.PHONY: run test lint bootstrap

PY := .venv/bin/python
ARGS ?=

bootstrap:
	@scripts/bootstrap

run: bootstrap
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: bootstrap
	$(PY) -m pytest $(ARGS)

lint: bootstrap
	.venv/bin/ruff check .
