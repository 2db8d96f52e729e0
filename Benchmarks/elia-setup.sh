#!/usr/bin/env bash
# Prepares B13's comparison: elia-chat (PyPI, a Textual chat TUI over
# SQLite) in a venv, and its database of 1,000 conversations × 1,000
# messages written with elia's own schema. Idempotent: reuses what a
# previous run prepared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${WORKERDECK_BENCH_DIR:-$here/../bench-data}
mkdir -p "$data"
if [ ! -x "$data/elia-venv/bin/elia" ]; then
  python3 -m venv "$data/elia-venv"
  "$data/elia-venv/bin/pip" install -q elia-chat==1.10.0
fi
if [ ! -f "$data/elia-home/.complete" ]; then
  rm -rf "$data/elia-home"
  mkdir -p "$data/elia-home/data" "$data/elia-home/config/elia"
  XDG_DATA_HOME="$data/elia-home/data" XDG_CONFIG_HOME="$data/elia-home/config" LITELLM_LOCAL_MODEL_COST_MAP=True \
    "$data/elia-venv/bin/python" "$here/elia/make_db.py" 1000 1000
  touch "$data/elia-home/.complete"
fi
