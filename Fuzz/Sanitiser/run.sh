#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the sanitiser (R8).
#   Fuzz/Sanitiser/run.sh [seconds]   (default 600)
# The sanitiser is one self-contained file; it is compiled with the harness
# under -sanitize=fuzzer,address. Output under .build/fuzz/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="$root/.build/fuzz/sanitiser"
mkdir -p "$out/corpus"
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name SanitiserFuzz \
  -o "$out/fuzz-sanitiser" \
  "$root/Sources/Console/Text/Sanitiser.swift" "$root/Fuzz/Sanitiser/FuzzSanitiser.swift"
# Seed: the hostile reply the console tests use.
printf 'Plain \x1b]0;title\x07\x1b[2J\x1b[31mred\x1b[0m \x1b]52;c;cHduZWQ=\x07\xc2\x9b31m\xe2\x80\xaeevil\xe2\x80\xac\tend\r\n\xff\xfe' > "$out/corpus/hostile"
"$out/fuzz-sanitiser" -max_total_time="$seconds" -max_len=65536 "$out/corpus"
