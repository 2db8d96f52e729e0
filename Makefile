# WorkerDeck — the two commands a fresh machine needs are `make run` and `make test`.
SHELL := /bin/bash
APT_PACKAGES := libncurses-dev libsqlite3-dev tmux pkg-config
SWIFT ?= swift
export LC_ALL := C.UTF-8

.PHONY: run test build deps bench soak fuzz local-llm clean

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

build: deps
	$(SWIFT) build

run: build
	$(SWIFT) run workerdeck

test: deps
	$(SWIFT) build --build-tests
	TERM=xterm-256color $(SWIFT) test --skip-build

clean:
	rm -rf .build

# R1 with 50 kill -9 iterations instead of 20.
soak: deps
	$(SWIFT) build --build-tests
	WORKERDECK_SOAK=1 TERM=xterm-256color $(SWIFT) test --skip-build --filter CrashTests

# quality.md benchmarks: a release-built workerdeck-bench (its own package in
# Benchmarks/, own .build there) prints a markdown table; generated stores and
# the llm comparison live in bench-data/ (gitignored) and are reused.
bench: deps
	./Benchmarks/llm-setup.sh
	$(SWIFT) build -c release --package-path Benchmarks
	./Benchmarks/.build/release/workerdeck-bench
