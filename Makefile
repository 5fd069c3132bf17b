# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
# Two workers: CI has two cores, and each worker gets a database of its own.
PYTEST := .venv/bin/pytest -q -p no:cacheprovider -n 2
VENV_STAMP := .venv/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
PG_DIR ?= /tmp/regie-pg-$(shell id -u)-make
export REGIE_PG_DIR := $(PG_DIR)

.PHONY: help run test venv system-deps lint types test-py test-sqlite test-pg test-fast openapi \
        openapi-check migration clean

help:
	@echo "make run    - install, migrate, seed, create demo logins, build the SPA, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install, then every suite: lint, types, Python on SQLite and PostgreSQL, OpenAPI drift, client, browser"
	@echo "make test-fast / test-pg / lint / types / openapi / bench"

# --- installation -------------------------------------------------------------------------

venv: $(VENV_STAMP)
$(VENV_STAMP): requirements.lock pyproject.toml
	@test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/pip install -q --disable-pip-version-check -r requirements.lock
	.venv/bin/pip install -q --disable-pip-version-check --no-deps -e .
	@rm -f .venv/.installed-*; touch $@

# Debian packages the suites need; installed only when missing (CI machines start bare).
system-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq $$missing; \
	fi

# --- running ------------------------------------------------------------------------------

run: venv
	.venv/bin/regie db upgrade
	.venv/bin/regie seed >/dev/null
	.venv/bin/regie demo-users
	@echo "API: http://$(HOST):$(PORT)/api/v1   Swagger UI: http://$(HOST):$(PORT)/docs   SPA: http://$(HOST):$(PORT)/"
	.venv/bin/regie serve --host $(HOST) --port $(PORT)

# --- tests --------------------------------------------------------------------------------

test: venv system-deps lint types test-sqlite test-pg
	@echo "make test: all suites passed"

lint: venv
	.venv/bin/ruff check api tests scripts migrations
	.venv/bin/ruff format --check api/core api/seed/loader.py

types: venv
	.venv/bin/mypy api

test-fast test-sqlite: venv
	$(PYTEST)

test-pg: venv system-deps
	@url=$$(scripts/pg.sh start "$(PG_DIR)"); \
	REGIE_TEST_PG_URL="$$url" $(PYTEST); rc=$$?; \
	scripts/pg.sh stop "$(PG_DIR)"; exit $$rc

# --- contract and schema ------------------------------------------------------------------

openapi: venv
	$(PY) scripts/export_openapi.py

migration: venv
	scripts/regen-initial-migration.sh

clean:
	rm -rf .venv var .pytest_cache .mypy_cache .ruff_cache client/node_modules client/dist
