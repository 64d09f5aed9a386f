# The two commands a newcomer runs: `make demo` and `make test` (both set up the virtualenv first).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test lint benchmarks

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip==25.3
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/eventledger demo

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup
	bash scripts/test-services.sh
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

benchmarks: setup
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done
