#!/usr/bin/env bash
# serve.md: property-based API testing driven by the OpenAPI document.
# Runs schemathesis (PyPI, in its own venv) against a real
# `workerdeck serve --listen 127.0.0.1:PORT` with a bearer token, in a
# throwaway data dir: every check (no 5xx, status codes, headers and
# bodies as documented, 405 on undeclared methods, ...). The SSE stream is
# left out: it never ends, so a fuzzer's request to it would only time out.
#   Fuzz/APIConformance/run.sh [extra schemathesis arguments]
# WORKERDECK_BIN picks the binary (default: the release build);
# ST_VENV the venv (default .venv-schemathesis).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${WORKERDECK_BIN:-$root/.build/release/workerdeck}"
venv="${ST_VENV:-$root/.venv-schemathesis}"
test -x "$bin" || { echo "no workerdeck at $bin: run swift build -c release --product workerdeck" >&2; exit 1; }
if ! test -x "$venv/bin/schemathesis"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q schemathesis
fi

work="$(mktemp -d /tmp/wd-conformance.XXXXXX)"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill -TERM "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/data" "$work/ws"
export WORKERDECK_DATA_DIR="$work/data" WORKERDECK_CONFIG="$work/config.toml" LC_ALL=C.UTF-8
# A scripted provider, so creating a worker and sending input succeed.
cat > "$work/config.toml" <<'TOML'
[providers.scripted]
scheme = "scripted"
delay_ms = 1

[profiles.default]
model = "scripted/echo"
TOML

token="$(cd "$work/ws" && "$bin" token create conformance)"
port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
(cd "$work/ws" && exec "$bin" serve --listen "127.0.0.1:$port") > "$work/serve.out" 2>&1 &
serve_pid=$!

# Ready when /v1/version answers (or give up after 60 s, showing why).
"$venv/bin/python" - "$port" "$token" <<'PY' || { cat "$work/serve.out" >&2; exit 1; }
import sys, time, urllib.request
port, token = sys.argv[1], sys.argv[2]
deadline = time.monotonic() + 60
while True:
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/version", headers={"Authorization": f"Bearer {token}"})
        urllib.request.urlopen(request, timeout=2).read()
        break
    except Exception:
        if time.monotonic() > deadline:
            sys.exit("workerdeck serve did not answer within 60 s")
        time.sleep(0.2)
PY

url="http://127.0.0.1:$port"
"$venv/bin/schemathesis" --config-file "$root/Fuzz/APIConformance/schemathesis.toml" run "$url/v1/openapi.json" --url "$url" \
  -H "Authorization: Bearer $token" --checks all --exclude-path-regex '/v1/stream' "$@"
