#!/usr/bin/env bash
# Prepares B9's comparison: the `llm` CLI in a venv and a log of 1,000,000
# responses in 1,000 conversations, built with llm's own migrations.
# Idempotent: reuses what a previous run prepared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${WORKERDECK_BENCH_DIR:-$here/../bench-data}
mkdir -p "$data"
if [ ! -x "$data/llm-venv/bin/llm" ]; then
  python3 -m venv "$data/llm-venv"
  "$data/llm-venv/bin/pip" install -q llm
fi
if [ ! -f "$data/llm-home/.complete" ]; then
  "$data/llm-venv/bin/python" "$here/make_llm_log.py" "$data/llm-home"
fi
