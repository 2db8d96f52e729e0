#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the SSE parser (R8).
#   Fuzz/SSEParser/run.sh [seconds]   (default 600)
# The parser is one self-contained file; it is compiled with the harness
# under -sanitize=fuzzer,address. Output under .build/fuzz/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-600}"
out="$root/.build/fuzz/sse-parser"
mkdir -p "$out/corpus"
swiftc -O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name SSEFuzz \
  -o "$out/fuzz-sse-parser" \
  "$root/Sources/Providers/Streaming/SSEParser.swift" "$root/Fuzz/SSEParser/FuzzSSEParser.swift"
# Seeds: an OpenAI and an Anthropic stream with CRLF, comments, ids and a BOM.
printf '\x05\xef\xbb\xbfdata: {"choices":[{"delta":{"content":"Hi"}}]}\r\n\r\n: keep-alive\n\ndata: [DONE]\n\n' > "$out/corpus/openai"
printf '\x02event: content_block_delta\nid: 7\ndata: {"type":"text_delta",\ndata: "text":"x"}\r\r' > "$out/corpus/anthropic"
"$out/fuzz-sse-parser" -max_total_time="$seconds" -max_len=4096 "$out/corpus"
