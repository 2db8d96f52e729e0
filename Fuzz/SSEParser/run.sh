#!/usr/bin/env bash
# Builds and runs the libFuzzer target for the SSE parser (R8).
#   Fuzz/SSEParser/run.sh [seconds]   (default 600)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/Fuzz/single-file.sh"
out="$(fuzz_out sse-parser)"
mkdir -p "$out/corpus"
# Seeds: an OpenAI and an Anthropic stream with CRLF, comments, ids and a BOM.
printf '\x05\xef\xbb\xbfdata: {"choices":[{"delta":{"content":"Hi"}}]}\r\n\r\n: keep-alive\n\ndata: [DONE]\n\n' > "$out/corpus/openai"
printf '\x02event: content_block_delta\nid: 7\ndata: {"type":"text_delta",\ndata: "text":"x"}\r\r' > "$out/corpus/anthropic"
fuzz_single sse-parser "$root/Sources/Runtime/Wire/SSEParser.swift" \
  "$root/Fuzz/SSEParser/FuzzSSEParser.swift" 4096 "${1:-600}"
