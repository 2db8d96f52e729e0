#!/usr/bin/env bash
# Shared by the fuzz targets whose code under test is one self-contained
# source file: compiles it with the harness under -sanitize=fuzzer,address
# and runs libFuzzer on the corpus. Output under .build/fuzz/NAME/.
#   fuzz_single NAME SOURCE HARNESS MAX_LEN SECONDS   (seeds go in $out/corpus first)
fuzz_out() { echo "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.build/fuzz/$1"; }

fuzz_single() {
  local name="$1" source="$2" harness="$3" max_len="$4" seconds="$5"
  local out; out="$(fuzz_out "$name")"
  mkdir -p "$out/corpus"
  swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name FuzzTarget \
    -o "$out/fuzz-$name" "$source" "$harness"
  "$out/fuzz-$name" -max_total_time="$seconds" -max_len="$max_len" "$out/corpus"
}
