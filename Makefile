# The two commands of the README: `make demo` and `make test`. Everything else is set-up.
SHELL := /bin/bash
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PYTEST_WORKERS ?= 2

.PHONY: demo test setup system-deps lint types contracts migrations-check messages-check \
	messages compile-messages suite faults reliability clean

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
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q -m "not reliability"

# The exchange's reliability properties R8 (small messages beside a 256 MiB transfer), R9 (disk
# full on a tmpfs; needs root to mount, skips otherwise), R11 (faults injected by a proxy) and
# R12 (a few minutes' soak) between real node processes, one at a time: they measure latency,
# which a second worker beside them would skew. .ci/run runs them after the suite.
reliability: setup
	$(BIN)/pytest -p no:xdist -q -m reliability tests/exchange

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

# R11 at protocol.md's size: 5,000 messages through the fault proxy (latency, slicing, resets,
# hangs, forged answers) at 10 per second, about 10 minutes here; prints its figures (duration,
# lost, duplicated, forged receipts accepted). Outside .ci/run, which runs 400 (CI time budget).
.PHONY: faults-full
faults-full: setup
	ROGATORY_R11_MESSAGES=5000 $(BIN)/pytest -p no:xdist -q -s -m reliability \
		tests/exchange/test_r11_network_faults.py

# R12 at protocol.md's size: two loopback nodes, one hour at 20 messages of 10 KiB per second,
# memory and file handles sampled (tools/soak.py); prints its figures as one JSON object.
# Outside .ci/run (the suite runs a few minutes of it: tests/exchange/test_r12_soak.py).
.PHONY: soak
soak: setup
	$(PY) tools/soak.py --minutes 60 --rate 20

demo: setup
	@bash tools/demo.sh

clean:
	rm -rf $(VENV) var
