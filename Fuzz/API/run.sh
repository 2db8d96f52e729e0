#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the API's request decoders (R14).
#   Fuzz/API/run.sh [seconds]   (default 600: the 10 minutes R14 asks)
# Unlike the single-file targets, the decoders use the registry's wire
# types, so SwiftPM builds the fuzzer (--sanitize=fuzzer: coverage over every
# module) in its own folder, .build-fuzz; the first build is cold and slow.
# Not also --sanitize=address: swiftc keeps only the last -sanitize flag, so
# the pair would silently drop the coverage libFuzzer needs (Swift code is
# bounds-checked anyway; a trap is a finding). A finding stops with the crashing input saved in the current
# directory; replay it with: .build-fuzz/debug/workerdeck-api-fuzz crash-…
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="$root/.build/fuzz/api"
mkdir -p "$out/corpus"
cd "$root"
WORKERDECK_FUZZ=1 swift build --product workerdeck-api-fuzz --sanitize=fuzzer --scratch-path .build-fuzz

# Seeds: each body shape, a bad one, and query strings.
printf '{"profile":"default","label":"a","input":"hi"}' > "$out/corpus/create"
printf '{"text":"hello \\u00e9\\n"}' > "$out/corpus/input"
printf '{"text": 42}' > "$out/corpus/wrong-type"
printf 'limit=10&start=0&tail=5&from=123456789012345678' > "$out/corpus/query"
printf 'limit=%%31%%30&x&=1&from=-1&tail=+1' > "$out/corpus/query-escapes"
# A worker list in lines (what an owner answers), one worker.
printf '{"runtime_id":"r","truncated":false,"workers":[\n{"runtime_id":"r","worker_id":"w","label":"l","implementation_kind":"embedded_worker_runtime","status":"idle","run_state":"idle","transcript_len":0,"capabilities":{"can_list_workers":true,"can_get_worker":true,"can_create_worker":false,"can_accept_input":true,"can_interrupt":false,"can_stop":true,"can_cancel":true,"can_reconnect":false,"can_read_transcript":true,"can_stream_events":true,"read_only":false},"diagnostics":[],"pending_approvals":0,"always_allowed":[]}\n]}' > "$out/corpus/workers-page"

"$root/.build-fuzz/debug/workerdeck-api-fuzz" -max_total_time="$seconds" -max_len=4096 "$out/corpus"
