#!/usr/bin/env bash
# `make demo`: a node for the fictional State XA with demo data, on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=rogatory.settings.demo
export ROGATORY_DATA_DIR="${ROGATORY_DATA_DIR:-$PWD/var/demo-xa}"
export ROGATORY_NODE_STATE=XA
R=.venv/bin/rogatory
$R migrate -v 0
if [ ! -f "$ROGATORY_DATA_DIR/.demo-loaded" ]; then
  $R demo-data --cases "${DEMO_CASES:-300}" --seed 1 --password "${DEMO_PASSWORD:-}" | tee "$ROGATORY_DATA_DIR/demo-signin.txt"
  touch "$ROGATORY_DATA_DIR/.demo-loaded"
fi
$R audit verify
echo
echo "Rogatory node XA: http://127.0.0.1:8000/  (API docs: http://127.0.0.1:8000/api/docs)"
cat "$ROGATORY_DATA_DIR/demo-signin.txt"
exec $R runserver 127.0.0.1:8000
