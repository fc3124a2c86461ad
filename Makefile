# The two commands of the README: `make demo` and `make test`. Everything else is set-up.
SHELL := /bin/bash
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PYTEST_WORKERS ?= 2

.PHONY: demo test setup system-deps lint types contracts migrations-check messages-check \
	messages compile-messages suite faults clean

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

# The fault tests at the sizes of the exchange protocol's properties (the suite runs them
# smaller): R1 10,000 messages / 20 receiver kills, R2 5,000 messages / 20 sender kills,
# R3 2,000 messages with 30 % of the answers lost, R6 300 examples x 60 steps, R7 a 1 GiB
# file / 5 receiver kills. About 13 minutes here.
faults: setup
	ROGATORY_R1_MESSAGES=10000 ROGATORY_R1_KILLS=20 \
	ROGATORY_R2_MESSAGES=5000 ROGATORY_R2_KILLS=20 \
	ROGATORY_R3_MESSAGES=2000 \
	ROGATORY_R6_EXAMPLES=300 ROGATORY_R6_STEPS=60 \
	ROGATORY_R7_BYTES=1073741824 \
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q \
		"tests/exchange/test_nodes.py::test_no_message_is_lost_or_duplicated_when_the_receiver_is_killed" \
		tests/exchange/test_sender_crash.py tests/exchange/test_lost_receipts.py \
		tests/exchange/test_state_machine.py \
		tests/exchange/test_large.py

demo: setup
	@bash tools/demo.sh

clean:
	rm -rf $(VENV) var
