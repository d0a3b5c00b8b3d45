#!/usr/bin/env bash
# Checks the client harness against stub_server.py: both pinned clients, both transports, both eras, an accepted
# and a declined elicitation, and the fallbacks that differ between the clients (HTTP 500 on the probe). It pins
# what the brief records about the clients, so a version bump in versions.env that changes their behaviour shows
# up here. Needs the clients from setup.sh (run first, or run with --setup). Ends with 'N passed, M failed'.
#
#   scripts/clients/selftest.sh [--setup]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ "${1:-}" == "--setup" ]]; then
  eval "$("$here/setup.sh")"
  export MCP_PYTHON_CLIENT_PYTHON OPENAPI_MCP_TS_CLIENT_DIR
fi
work="$(mktemp -d)"
stub_pid=""
cleanup() {
  if [[ -n "$stub_pid" ]]; then kill "$stub_pid" 2>/dev/null || true; wait "$stub_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0
client_cmd() { # python|ts
  if [[ "$1" == python ]]; then echo "python3 $here/python_client.py"; else echo "node $here/ts_client.mjs"; fi
}

# expect NAME SUMMARY_FILE PYTHON_EXPRESSION — the expression sees the summary as `s`
expect() {
  if python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$2" "$3" \
      2>/dev/null; then
    passed=$((passed + 1)); echo "ok   $1"
  else
    failed=$((failed + 1)); echo "FAIL $1: expected $3, got: $(head -c 600 "$2")"
  fi
}

start_http_stub() { # persona
  if [[ -n "$stub_pid" ]]; then kill "$stub_pid" 2>/dev/null || true; wait "$stub_pid" 2>/dev/null || true; fi
  : >"$work/stub.err"
  python3 "$here/stub_server.py" --transport http --port 0 --persona "$1" 2>"$work/stub.err" &
  stub_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp' "$work/stub.err" || true)"
    [[ -n "$url" ]] && return 0
    sleep 0.1
  done
  echo "the HTTP stub did not start: $(cat "$work/stub.err")" >&2
  exit 1
}

confirmed='s["ok"] and "deleted\": \"7\"" in s["call"]["result"]["content"][0]["text"]'
declined='s["ok"] and s["call"]["result"].get("isError") is True'
call=(--list --call delete_item --args '{"id":"7"}')
for client in python ts; do
  run=$(client_cmd "$client")
  # stdio
  $run --era auto --stdio "${call[@]}" --elicit accept -- python3 "$here/stub_server.py" --persona dual \
    >"$work/s.json" 2>/dev/null || true
  expect "$client auto/stdio/dual: modern, confirmed through input_required" "$work/s.json" \
    "s['era'] == 'modern' and s['protocolVersion'] == '2026-07-28' and $confirmed \
     and s['toolsListExtras']['cacheScope'] == 'public'"
  $run --era auto --stdio "${call[@]}" --elicit accept -- python3 "$here/stub_server.py" --persona legacy \
    >"$work/s.json" 2>/dev/null || true
  expect "$client auto/stdio/legacy: falls back on -32601, confirmed through elicitation/create" "$work/s.json" \
    "s['era'] == 'legacy' and s['protocolVersion'] == '2025-11-25' and $confirmed"
  $run --era modern --stdio "${call[@]}" --elicit decline -- python3 "$here/stub_server.py" --persona modern \
    >"$work/s.json" 2>/dev/null || true
  expect "$client modern/stdio/modern: a declined confirmation is an error result" "$work/s.json" \
    "s['era'] == 'modern' and $declined and s['elicitations'][0]['answer']['action'] == 'decline'"
  $run --era modern --stdio --list -- python3 "$here/stub_server.py" --persona legacy >"$work/s.json" 2>/dev/null || true
  expect "$client modern/stdio/legacy: no fallback when pinned" "$work/s.json" "not s['ok']"
  $run --era legacy --stdio --list -- python3 "$here/stub_server.py" --persona dual >"$work/s.json" 2>/dev/null || true
  expect "$client legacy/stdio/dual: initialize" "$work/s.json" "s['ok'] and s['era'] == 'legacy'"
  $run --era modern --stdio --list -- python3 "$here/stub_server.py" --persona dual --omit ttlMs \
    >"$work/s.json" 2>/dev/null || true
  expect "$client modern/stdio: a tools/list without ttlMs is rejected" "$work/s.json" "not s['ok']"

  # Streamable HTTP
  start_http_stub dual
  $run --era auto --url "$url" "${call[@]}" --elicit accept >"$work/s.json" 2>/dev/null || true
  expect "$client auto/http/dual: modern, confirmed through input_required" "$work/s.json" \
    "s['era'] == 'modern' and $confirmed"
  $run --era modern --url "$url" --call delete_item --args '{"id":"7"}' >"$work/s.json" 2>/dev/null || true
  expect "$client modern/http/dual: no elicitation capability gets -32021" "$work/s.json" \
    "not s['ok'] and '32021' in json.dumps(s['error'])"
  start_http_stub legacy
  $run --era auto --url "$url" "${call[@]}" --elicit accept >"$work/s.json" 2>/dev/null || true
  expect "$client auto/http/legacy: falls back on 400, elicitation/create on the call's SSE stream" "$work/s.json" \
    "s['era'] == 'legacy' and $confirmed"
  start_http_stub legacy-500
  $run --era auto --url "$url" --list >"$work/s.json" 2>/dev/null || true
  if [[ "$client" == python ]]; then
    expect "python auto/http/legacy-500: falls back even on HTTP 500" "$work/s.json" "s['ok'] and s['era'] == 'legacy'"
  else
    expect "ts auto/http/legacy-500: HTTP 500 on the probe fails the connection" "$work/s.json" "not s['ok']"
  fi
done

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
