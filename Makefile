# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test lint install install-dev messages clean

run: $(VENV)/.installed
	$(BIN)/pustaka start

test: $(VENV)/.installed-dev $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pustaka makemigrations --check --dry-run
	$(BIN)/pytest -n auto

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pustaka compile-translations
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

# axe-core for the browser tests' accessibility checks (test-only; skipped without npm).
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility checks will be skipped"; fi

# Developers only (needs GNU gettext): refresh the message catalogues from the code.
messages: $(VENV)/.installed-dev
	$(BIN)/pustaka makemessages --locale id --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(BIN)/pustaka compile-translations

clean:
	rm -rf $(VENV) var node_modules
