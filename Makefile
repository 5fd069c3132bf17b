# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
# Two workers: CI has two cores, and each worker gets a database of its own.
PYTEST := .venv/bin/pytest -q -p no:cacheprovider -n 2
# The scale-out proof runs once, in its own target (it brings its own PostgreSQL and nginx).
PYTEST_ONCE := --ignore=tests/deploy/test_scale_out.py
# Schemathesis fuzzes the contract on PostgreSQL, the production database; SQLite gets the
# Hypothesis properties and the hostile-input tests (the whole fuzz run twice would cost CI minutes).
PYTEST_SQLITE_ONLY := --ignore=tests/fuzz/test_schemathesis.py
VENV_STAMP := .venv/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
PG_DIR ?= /tmp/regie-pg-$(shell id -u)-make
export REGIE_PG_DIR := $(PG_DIR)

.PHONY: help run test venv system-deps client-deps client lint types test-sqlite test-pg \
        test-fast test-client test-e2e test-deploy test-fuzz openapi migration bench clean

help:
	@echo "make run    - install, migrate, seed, create demo logins, build the SPA, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install, then every suite: lint, types, Python on SQLite and PostgreSQL, OpenAPI drift, client, browser"
	@echo "make test-fast / test-pg / test-fuzz / test-client / test-e2e / lint / types / openapi / bench"

# --- installation -------------------------------------------------------------------------

venv: $(VENV_STAMP)
$(VENV_STAMP): requirements.lock pyproject.toml
	@test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/pip install -q --disable-pip-version-check -r requirements.lock
	.venv/bin/pip install -q --disable-pip-version-check --no-deps -e .
	@rm -f .venv/.installed-*; touch $@

# Debian packages the suites need, installed only when missing (CI machines start bare):
# PostgreSQL (tests run against a real server), Chromium (browser tests), nginx (scale-out
# test), Node.js and npm (the SPA), fonts for screenshots, poppler-utils (the report's PDF is
# rendered to pictures in a test).
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq $$missing; \
	fi

client-deps: client/node_modules/.installed
client/node_modules/.installed: client/package-lock.json
	@command -v npm >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq nodejs npm; }
	cd client && npm ci --no-audit --no-fund
	@touch $@

client: client-deps
	cd client && npm run build

# --- running ------------------------------------------------------------------------------

run: venv client
	.venv/bin/regie db upgrade
	.venv/bin/regie seed >/dev/null
	.venv/bin/regie demo-users
	@echo "API: http://$(HOST):$(PORT)/api/v1   Swagger UI: http://$(HOST):$(PORT)/docs   SPA: http://$(HOST):$(PORT)/"
	.venv/bin/regie serve --host $(HOST) --port $(PORT)

# --- tests --------------------------------------------------------------------------------

test: venv system-deps lint types test-sqlite test-pg test-deploy test-client test-e2e
	@echo "make test: all suites passed"

lint: venv
	.venv/bin/ruff check api tests scripts migrations bench examples
	.venv/bin/ruff format --check api tests scripts migrations bench examples
	.venv/bin/lint-imports --no-cache

types: venv
	.venv/bin/mypy api

test-fast test-sqlite: venv system-deps
	$(PYTEST) $(PYTEST_ONCE) $(PYTEST_SQLITE_ONLY)

test-pg: venv system-deps
	@url=$$(scripts/pg.sh start "$(PG_DIR)"); \
	REGIE_TEST_PG_URL="$$url" $(PYTEST) $(PYTEST_ONCE); rc=$$?; \
	scripts/pg.sh stop "$(PG_DIR)"; exit $$rc

# The release run: Schemathesis with many more cases per role (REGIE_FUZZ_LONG), on PostgreSQL.
test-fuzz: venv system-deps
	@url=$$(scripts/pg.sh start "$(PG_DIR)"); \
	REGIE_FUZZ_LONG=1 REGIE_TEST_PG_URL="$$url" .venv/bin/pytest -q -p no:cacheprovider tests/fuzz; \
	rc=$$?; scripts/pg.sh stop "$(PG_DIR)"; exit $$rc

# The client: committed types equal a fresh generation from openapi/openapi.json, type check,
# unit tests (Vitest), production build and its size budget.
test-client: client-deps
	cd client && npm run check-types-fresh && npm run typecheck && npm test && npm run build && npm run size

# The production shape here: own PostgreSQL, two `regie db upgrade` at once, two `regie serve`
# behind Debian's nginx running docker/nginx.conf, one instance SIGKILLed under load.
test-deploy: venv system-deps
	.venv/bin/pytest -q -p no:cacheprovider tests/deploy/test_scale_out.py

# Browser tests (Playwright driving Debian's Chromium) against the real API on a fresh database.
test-e2e: venv system-deps client
	E2E_SKIP_BUILD=1 scripts/e2e.sh

# --- contract and schema ------------------------------------------------------------------

# Examples are recorded from a seeded throw-away service, then the document is written.
openapi: venv
	$(PY) scripts/openapi_examples.py
	$(PY) scripts/export_openapi.py
	@if [ -d client/node_modules ]; then cd client && npm run gen; fi

migration: venv
	scripts/regen-initial-migration.sh

# Load test on loopback with wrk on a throw-away PostgreSQL (a cluster of its own, next to
# PG_DIR): before (main when issue 17 started) and after side by side, the seed and 20,000
# actions, then the peak RSS on medium; writes bench/RESULTS.md. A few minutes once the
# datasets exist ("--reuse" keeps them, and the cluster running: scripts/pg.sh stop DIR-bench
# ends it). BENCH_ARGS="--quick": the seed only, about a minute;
# "--set full --sizes small,medium": the wider set of endpoints; "--db sqlite": on SQLite.
BENCH_ARGS ?= --reuse
bench: venv system-deps
	@command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf .venv var .pytest_cache .mypy_cache .ruff_cache client/node_modules client/dist
