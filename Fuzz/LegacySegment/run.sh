#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the legacy JSONL reader (R8).
#   Fuzz/LegacySegment/run.sh [seconds]   (default 600)
# Compiles only what the parser needs: the transcript value types from
# Runtime as a small `Runtime` module, then the parser sources plus the
# harness, both with -sanitize=fuzzer,address. Output under .build/fuzz/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="$root/.build/fuzz/legacy-segment"
mkdir -p "$out/corpus"
model="$root/Sources/Runtime/Model"
local="$root/Sources/Registry/LocalCompatSource"
flags=(-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6)

swiftc "${flags[@]}" -emit-module -emit-object -module-name Runtime -whole-module-optimization \
  -emit-module-path "$out/Runtime.swiftmodule" -o "$out/Runtime.o" \
  "$model/TranscriptEntry.swift" "$model/TokenUsage.swift" "$model/WorkerRef.swift" \
  "$model/RuntimeId.swift" "$model/WorkerId.swift" "$model/WorkerLabel.swift"
swiftc "${flags[@]}" -I "$out" -module-name LegacyFuzz -o "$out/fuzz-legacy-segment" \
  "$local/LegacySegmentParser.swift" "$local/LegacyJSON.swift" "$local/LegacyJSONText.swift" \
  "$local/LegacyText.swift" "$root/Fuzz/LegacySegment/FuzzLegacySegment.swift" "$out/Runtime.o"

# Seed: one line of every kind the format table names.
printf '%s\n' \
  '{"kind":"segment_start","ts":1,"history":[{"kind":"message","role":"user","content":"hi"}]}' \
  '{"kind":"user_input","ts":2,"segments":[{"kind":"text","content":"a"},{"kind":"file_ref","path":"p"}]}' \
  '{"kind":"assistant_item","ts":3,"item":{"kind":"tool_call","name":"n","arguments":{"a":[1,true,null]}}}' \
  '{"kind":"tool_result","ts":4,"item":{"call_id":"c","summary":"s","is_error":true}}' \
  '{"kind":"system_item","ts":5,"item":{"kind":"notification","body":"b"}}' \
  '{"kind":"run_errored","ts":6,"message":"m"}' > "$out/corpus/seed.jsonl"

"$out/fuzz-legacy-segment" -max_total_time="$seconds" -max_len=65536 "$out/corpus"
