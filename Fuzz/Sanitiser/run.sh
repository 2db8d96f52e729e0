#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the sanitiser (R8).
#   Fuzz/Sanitiser/run.sh [seconds]   (default 600)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/Fuzz/single-file.sh"
out="$(fuzz_out sanitiser)"
mkdir -p "$out/corpus"
# Seed: the hostile reply the console tests use.
printf 'Plain \x1b]0;title\x07\x1b[2J\x1b[31mred\x1b[0m \x1b]52;c;cHduZWQ=\x07\xc2\x9b31m\xe2\x80\xaeevil\xe2\x80\xac\tend\r\n\xff\xfe' > "$out/corpus/hostile"
fuzz_single sanitiser "$root/Sources/Console/Text/Sanitiser.swift" \
  "$root/Fuzz/Sanitiser/FuzzSanitiser.swift" 65536 "${1:-600}"
