# Kohtaanto: `make demo` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DATA_DIR ?= $(CURDIR)/var
PORT ?= 8000
export KOHTAANTO_DATA_DIR := $(DATA_DIR)
# PostgreSQL for the second test pass: DATABASE_URL if it names PostgreSQL, else the local server.
# The name is this make's process id (pytest-django creates and drops `test_<name>`), so that two
# `make test` runs on one machine never share, or drop each other's, test database.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/kohtaanto_$(shell echo $$PPID)
# Awkward instants for the clock passes (pytest --clock, see conftest.py): 23:30 UTC is already
# the next day in Helsinki (here 02:30 on 1 July, summer time); 00:30 on 1 January in Helsinki is
# still the old year in UTC; the last day of February in a leap year, late in the evening. They
# lie in the past, so a pass is the same whenever it runs (and files written now are not "old").
CLOCK_UTC_LATE ?= 2025-06-30T23:30:00+00:00
CLOCK_NEW_YEAR ?= 2026-01-01T00:30:00+02:00
CLOCK_LEAP_DAY ?= 2024-02-29T23:30:00+02:00

.PHONY: help demo test install install-dev voikko assets messages lint typecheck \
        migrations-check i18n-check pytest pytest-sqlite pytest-postgres pytest-clocks serve \
        pass-sqlite pass-postgres pass-new-year pass-leap-day lock clean

help:
	@echo "make demo   install, migrate, load demo data and serve http://localhost:$(PORT)"
	@echo "make test   install and run every quality gate and the whole test suite"

# --- installation ------------------------------------------------------------------------
$(VENV)/.base-installed: requirements/base.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/base.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.base-installed requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

install: $(VENV)/.base-installed
install-dev: $(VENV)/.dev-installed

voikko: $(VENV)/.base-installed
	@bash scripts/install-voikko.sh $(PY)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.installed
	npm run --silent build

messages: $(VENV)/.base-installed
	$(BIN)/kohtaanto i18n compile

# --- demo --------------------------------------------------------------------------------
demo: install voikko assets messages
	KOHTAANTO_DEMO=1 $(PY) manage.py migrate --noinput
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo
	KOHTAANTO_DEMO=1 $(BIN)/kohtaanto taxonomy import starter --name starter
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_journeys
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_opportunities
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_mentoring
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_groups
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_outreach
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_supportline
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_qualifications
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_trials
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_achievements
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_outcomes
	KOHTAANTO_DEMO=1 $(PY) manage.py load_demo_foresight
	@bash scripts/print-demo-logins.sh $(PORT)
	@# The background worker (big imports) runs beside the server and stops with it.
	@KOHTAANTO_DEMO=1 $(BIN)/kohtaanto worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	echo "== background worker started (pid $$worker): big imports run there; it stops with the server"; \
	KOHTAANTO_DEMO=1 $(PY) manage.py runserver 0.0.0.0:$(PORT) --noreload

# --- quality gates and tests -------------------------------------------------------------
lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --config pyproject.toml

typecheck: install-dev
	$(BIN)/mypy src/kohtaanto

migrations-check: install-dev
	KOHTAANTO_DATA_DIR=$$(mktemp -d) $(PY) manage.py makemigrations --check --dry-run

i18n-check: messages
	$(BIN)/kohtaanto i18n check

# The four passes of the suite. `pytest` runs them two at a time (each pass is one process and
# the machine has two cores; make prints each pass's output whole when it ends, and runs every
# pass even when one fails). The `pass-*` targets have no prerequisites, so passes running side
# by side never build the same files at once; `pytest-*` are the same passes on their own, with
# the set-up.
pass-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL bash scripts/run-pytest.sh $(PY) $(PYTEST_ARGS)

# The PostgreSQL pass runs at 23:30 UTC (without PostgreSQL, that clock pass runs on SQLite).
pass-postgres:
	@url="$${DATABASE_URL:-}"; \
	if [[ "$$url" != postgres* ]]; then \
	  if $(PY) scripts/port-open.py 127.0.0.1 5432; then url="$(PG_TEST_URL)"; else url=""; fi; \
	fi; \
	if [[ -z "$$url" ]]; then \
	  echo "== PostgreSQL not reachable: the $(CLOCK_UTC_LATE) pass runs on SQLite"; \
	  env -u DATABASE_URL bash scripts/run-pytest.sh $(PY) -m "not e2e and not slow" \
	    --clock=$(CLOCK_UTC_LATE) $(PYTEST_ARGS); \
	else echo "== test suite on PostgreSQL at $(CLOCK_UTC_LATE)"; \
	  DATABASE_URL="$$url" bash scripts/run-pytest.sh $(PY) -m "not e2e and not slow" \
	    --clock=$(CLOCK_UTC_LATE) $(PYTEST_ARGS); fi

# The tests without a browser on SQLite with the clock at the two other awkward instants (the
# benchmark harness's tests, marked `bench`, run in the two passes above only).
pass-new-year:
	@echo "== test suite on SQLite at $(CLOCK_NEW_YEAR)"
	env -u DATABASE_URL bash scripts/run-pytest.sh $(PY) -m "not e2e and not slow and not bench" \
	  --clock=$(CLOCK_NEW_YEAR) $(PYTEST_ARGS)

pass-leap-day:
	@echo "== test suite on SQLite at $(CLOCK_LEAP_DAY)"
	env -u DATABASE_URL bash scripts/run-pytest.sh $(PY) -m "not e2e and not slow and not bench" \
	  --clock=$(CLOCK_LEAP_DAY) $(PYTEST_ARGS)

pytest-sqlite: install-dev assets messages
	@$(MAKE) --no-print-directory pass-sqlite

pytest-postgres: install-dev assets messages
	@$(MAKE) --no-print-directory pass-postgres

pytest-clocks: install-dev messages
	@$(MAKE) --no-print-directory pass-new-year
	@$(MAKE) --no-print-directory pass-leap-day

pytest: install-dev assets messages
	@$(MAKE) --no-print-directory -j2 --output-sync=target --keep-going \
	  pass-sqlite pass-postgres pass-new-year pass-leap-day

test: lint typecheck migrations-check i18n-check pytest

# The committed OpenAPI document (src/kohtaanto/api/openapi.yaml), regenerated from the code;
# a test fails when it drifts.
schema: install-dev
	KOHTAANTO_DATA_DIR=$$(mktemp -d) $(PY) manage.py api_schema --write 2>/dev/null

serve: install
	KOHTAANTO_DEMO=1 $(PY) manage.py runserver 0.0.0.0:$(PORT)

lock:
	$(PY) -m pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras base.in -o base.txt \
	  && ../$(BIN)/pip-compile --quiet --strip-extras dev.in -o dev.txt

clean:
	rm -rf $(VENV) node_modules src/kohtaanto/web/static/vendor .mypy_cache .ruff_cache .pytest_cache
