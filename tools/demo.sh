#!/usr/bin/env bash
# `make demo`: three national nodes (XA, XB, XC) on http://127.0.0.1:8000-8002 (tools/demo_nodes.py).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python tools/demo_nodes.py
