# sendwatch's tasks. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

ASSETS := src/sendwatch/web/static/govuk/.built

$(ASSETS): $(STAMP) package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m sendwatch.web.build_assets
	touch $(ASSETS)

.PHONY: setup
setup: $(STAMP) $(ASSETS) ## Make the virtual environment, install sendwatch and build the site's assets

.PHONY: browser
browser: ## Make sure Debian's Chromium is installed (for the browser tests)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "Chromium is missing and cannot be installed here: the browser tests will be skipped."

.PHONY: wrk
wrk: ## Make sure Debian's wrk is installed (the load generator of bench/web_load.py)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
	  echo "wrk is missing and cannot be installed here: bench/web_load.py uses asyncio streams."

.PHONY: run
run: load ## The main job: set up, load the record and ../shared's documents, start the site
	$(BIN)/sendwatch serve --host $(HOST) --port $(PORT)

HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: load
load: setup ## Load the national record and ingest ../shared's documents, print the national table
	$(BIN)/sendwatch import-official
	@if [ -d "$(SHARED)/seeds" ]; then $(BIN)/sendwatch ingest "$(SHARED)/seeds" "$(SHARED)/corpus"; \
	else echo "$(SHARED) is not beside this clone: no documents to ingest."; fi
	$(BIN)/sendwatch reread
	$(BIN)/sendwatch areas

.PHONY: lint
lint: setup ## ruff (lint and format check) and mypy on the core
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

.PHONY: postgres
postgres: ## Make sure the local PostgreSQL server is up (for the PostgreSQL test run)
	@pg_isready -q -h 127.0.0.1 -p 5432 || { command -v pg_ctlcluster >/dev/null && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start; } || true
	@pg_isready -h 127.0.0.1 -p 5432

.PHONY: test
test: setup lint postgres browser ## Lint, then the whole suite on SQLite and on PostgreSQL
	$(BIN)/pytest --database sqlite; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ] || exit $$rc
	$(BIN)/pytest --database postgresql --postgres-url "$(POSTGRES_URL)"; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ] || exit $$rc

.PHONY: score
score: setup ## Extraction scores on ../shared's gold records
	@$(BIN)/python bench/score_gold.py --shared "$(SHARED)"

.PHONY: bench
bench: setup wrk ## The benchmarks (ratios measured in one run; not timed tests)
	$(BIN)/python bench/extraction.py --shared "$(SHARED)"
	$(BIN)/python bench/web_load.py --shared "$(SHARED)"
	$(BIN)/python bench/sync_nochange.py --shared "$(SHARED)"
	$(BIN)/python bench/themes.py --shared "$(SHARED)"

FUZZ_COUNT ?= 2000

.PHONY: fuzz
fuzz: setup ## Ingest FUZZ_COUNT (2000) malformed inputs in batches; print crashes, hangs, partial records, good files lost
	$(BIN)/python -m tests.support.fuzz --count $(FUZZ_COUNT)

.PHONY: bench-scale
bench-scale: setup ## Seconds per MB of reading from 100 KB to the 50 MB limit, for each kind of document
	$(BIN)/python bench/reading_scale.py --shared "$(SHARED)"

.PHONY: clean
clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
