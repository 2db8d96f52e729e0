#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the tool-argument decoder (R14).
#   Fuzz/ToolArgs/run.sh [seconds]   (default 600: the 10 minutes R14 asks)
# Built by SwiftPM with --sanitize=fuzzer in .build-fuzz, like Fuzz/API (see
# its run.sh for why not also --sanitize=address). A finding stops with the
# crashing input saved in the current directory; replay it with:
#   .build-fuzz/debug/workerdeck-tools-fuzz crash-…
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="$root/.build/fuzz/tools"
mkdir -p "$out/corpus"
cd "$root"
WORKERDECK_FUZZ=1 swift build --product workerdeck-tools-fuzz --sanitize=fuzzer --scratch-path .build-fuzz

# Seeds: the first byte picks the tool (0 read, 1 list, 2 grep, 3 write,
# 4 edit, 5 bash, 6 unknown), then the arguments text.
printf '\x00{"path":"a.txt","offset":2,"limit":10}' > "$out/corpus/read"
printf '\x01{"path":"src","glob":"*.swift"}' > "$out/corpus/list"
printf '\x02{"pattern":"a.*b","regex":true}' > "$out/corpus/grep"
printf '\x03{"path":"n\\u00e9w","content":"x\\ny"}' > "$out/corpus/write"
printf '\x04{"path":"a","old":"x","new":"y","replace_all":false}' > "$out/corpus/edit"
printf '\x05{"command":"ls","timeout":600}' > "$out/corpus/bash"
printf '\x04{"path":"a","old":null,"extra":[1,{"a":2}]}' > "$out/corpus/bad"

"$root/.build-fuzz/debug/workerdeck-tools-fuzz" -max_total_time="$seconds" -max_len=4096 "$out/corpus"
