# The two commands of the README: `make demo` and `make test`. Everything else is set-up.
SHELL := /bin/bash
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PYTEST_WORKERS ?= 2

.PHONY: demo test setup system-deps lint types contracts migrations-check messages-check \
	messages compile-messages suite clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

system-deps:
	@bash tools/system-deps.sh

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

setup: system-deps $(VENV)/.installed node_modules/.installed compile-messages

compile-messages: $(VENV)/.installed
	cd src/rogatory && DJANGO_SETTINGS_MODULE=rogatory.settings.test ../../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

messages: $(VENV)/.installed
	$(PY) tools/messages.py update

lint: setup
	$(BIN)/ruff check src tests benchmarks tools conftest.py
	$(BIN)/ruff format --check src tests benchmarks tools conftest.py

types: setup
	$(BIN)/mypy

contracts: setup
	$(BIN)/lint-imports

migrations-check: setup
	DJANGO_SETTINGS_MODULE=rogatory.settings.test $(BIN)/django-admin makemigrations --check --dry-run

messages-check: setup
	$(PY) tools/messages.py check

suite: setup
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

test: lint types contracts migrations-check messages-check suite

demo: setup
	@bash tools/demo.sh

clean:
	rm -rf $(VENV) var
