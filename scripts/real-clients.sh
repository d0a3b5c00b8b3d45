#!/usr/bin/env bash
# Drives a built server with MCP clients no one here wrote: the Python SDK (mcp) and the TypeScript SDK client
# (@modelcontextprotocol/client), pinned in scripts/clients/versions.env and installed into a cache by
# scripts/clients/setup.sh. Both protocol eras (2026-07-28 without a handshake, 2025-11-25 with initialize) over
# stdio and Streamable HTTP, --confirm destructive answered yes and no, and resources (openapi-mcp serve --resources,
# the Python SDK in both eras). Calls reach a local stand-in API
# (scripts/clients/upstream_stub.py), never a real one. Ends with 'N passed, M failed'; exits non-zero on a failure.
#
#   scripts/real-clients.sh                     # the Notion jar, examples/notion/target/notion-mcp-server.jar
#   scripts/real-clients.sh --jar path/to.jar   # another server jar with the same tools
set -euo pipefail
cd "$(dirname "$0")/.."
clients=scripts/clients
# shellcheck source=lib/server-jar.sh
source scripts/lib/server-jar.sh
server_jar_args "$@"
require_jar
CLI_JAR=cli/target/openapi-mcp.jar
[[ -f "$CLI_JAR" ]] || { echo "$CLI_JAR not found; build it first: ./mvnw -B -DskipTests package" >&2; exit 1; }
eval "$("$clients/setup.sh")"
export MCP_PYTHON_CLIENT_PYTHON OPENAPI_MCP_TS_CLIENT_DIR

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Waits for a URL matching $2 in file $1; prints it.
await_url() {
  for _ in $(seq 1 300); do
    if grep -qoE "$2" "$1"; then grep -oE "$2" "$1" | head -1; return 0; fi
    sleep 0.1
  done
  echo "nothing at $1 printed $2: $(cat "$1")" >&2
  exit 1
}

python3 "$clients/upstream_stub.py" --log "$work/api.log" 2>"$work/api.err" &
pids+=($!)
api="$(await_url "$work/api.err" 'http://127\.0\.0\.1:[0-9]+')"
server_env=(env -u OPENAPI_MCP_HEADERS -u NOTION_TOKEN -u AUTH_TOKEN BASE_URL="$api" NOTION_TOKEN=stub-token)
java_cmd=(java -Xlog:disable -Xlog:all=warning:stderr -jar "$JAR")

start_http() { # extra server flags...
  : >"$work/http.err"
  "${server_env[@]}" "${java_cmd[@]}" --transport http --host 127.0.0.1 --port 0 --auth-token real-clients-token "$@" \
    >/dev/null 2>"$work/http.err" &
  pids+=($!)
  url="$(await_url "$work/http.err" 'http://127\.0\.0\.1:[0-9]+/mcp')"
}

passed=0 failed=0
# expect NAME SUMMARY_FILE PYTHON_EXPRESSION — the expression sees the summary as `s` and the API's log as `api`
expect() {
  if python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); api=open(sys.argv[3]).read().splitlines()
sys.exit(0 if eval(sys.argv[2]) else 1)' "$2" "$3" "$work/api.log" 2>/dev/null; then
    passed=$((passed + 1)); echo "ok   $1"
  else
    failed=$((failed + 1)); echo "FAIL $1: expected $3, got: $(head -c 800 "$2")"
  fi
}
client_cmd() { if [[ "$1" == python ]]; then echo "python3 $clients/python_client.py"; else echo "node $clients/ts_client.mjs"; fi; }

modern='s["ok"] and s["era"] == "modern" and s["protocolVersion"] == "2026-07-28"'
legacy='s["ok"] and s["era"] == "legacy" and s["protocolVersion"] == "2025-11-25"'
listed='len(s["tools"]) > 20 and s["toolsListExtras"].get("ttlMs") == 3600000'
called='s["call"]["result"].get("isError") is not True and "GET /v1/users/me" in api and s["call"]["result"].get("structuredContent", {}).get("object") == "user"'
get_self=(--list --call API-get-self)
delete=(--call API-delete-a-block --args '{"block_id":"b1"}')
deleted='"DELETE /v1/blocks/b1" in api'

: >"$work/api.log"
start_http
for client in python ts; do
  run=$(client_cmd "$client")
  for era in modern legacy; do
    expected=$modern; [[ "$era" == legacy ]] && expected=$legacy
    extra='True'; [[ "$era" == modern ]] && extra=$listed
    : >"$work/api.log"
    $run --era "$era" --stdio "${get_self[@]}" -- "${server_env[@]}" "${java_cmd[@]}" >"$work/s.json" 2>/dev/null || true
    expect "$client $era/stdio: tools listed, a call reaches the API" "$work/s.json" "$expected and $extra and $called"
    : >"$work/api.log"
    $run --era "$era" --url "$url" --header 'Authorization: Bearer real-clients-token' "${get_self[@]}" \
      >"$work/s.json" 2>/dev/null || true
    expect "$client $era/http: tools listed, a call reaches the API" "$work/s.json" "$expected and $extra and $called"
  done
  # A 2026-07-28 answer that takes longer than 2 s comes on an event stream (the stub answers /slow after 3 s).
  : >"$work/api.log"
  $run --era modern --url "$url" --header 'Authorization: Bearer real-clients-token' \
    --call API-retrieve-a-block --args '{"block_id":"slow"}' >"$work/s.json" 2>/dev/null || true
  expect "$client modern/http: a slow call's answer arrives on the event stream" "$work/s.json" \
    "$modern and s['call']['result'].get('isError') is not True and api == ['GET /v1/blocks/slow']"
  # The SDK's own negotiation: both probe with server/discover and take the modern era.
  $run --era auto --url "$url" --header 'Authorization: Bearer real-clients-token' --list \
    >"$work/s.json" 2>/dev/null || true
  expect "$client auto/http: negotiates 2026-07-28" "$work/s.json" "$modern"
  $run --era auto --stdio --list -- "${server_env[@]}" "${java_cmd[@]}" >"$work/s.json" 2>/dev/null || true
  expect "$client auto/stdio: negotiates 2026-07-28" "$work/s.json" "$modern"
done

# Resources (the generation option): openapi-mcp serve --resources on the Notion spec, read by the Python SDK.
serve_cmd=(java -Xlog:disable -Xlog:all=warning:stderr -jar "$CLI_JAR" serve --spec specs/notion-openapi.json --resources)
resources='"notion://api.notion.com/v1/users/{user_id}" in json.dumps(s["resourceTemplates"])'
read_me='s["read"]["contents"][0]["uri"] == "notion://api.notion.com/v1/users/me" and api == ["GET /v1/users/me"]'
for era in modern legacy; do
  expected=$modern; [[ "$era" == legacy ]] && expected=$legacy
  : >"$work/api.log"
  python3 "$clients/python_client.py" --era "$era" --stdio --resources --read notion://api.notion.com/v1/users/me \
    -- "${server_env[@]}" "${serve_cmd[@]}" >"$work/s.json" 2>/dev/null || true
  expect "python $era/stdio serve --resources: templates listed, a read reaches the API" "$work/s.json" \
    "$expected and $resources and $read_me"
done

start_http --confirm destructive
for client in python ts; do
  run=$(client_cmd "$client")
  for era in modern legacy; do
    expected=$modern; [[ "$era" == legacy ]] && expected=$legacy
    for transport in stdio http; do
      if [[ "$transport" == stdio ]]; then
        target=(--stdio); server=(-- "${server_env[@]}" "${java_cmd[@]}" --confirm destructive)
      else
        target=(--url "$url" --header 'Authorization: Bearer real-clients-token'); server=()
      fi
      : >"$work/api.log"
      $run --era "$era" "${target[@]}" "${delete[@]}" --elicit accept "${server[@]}" >"$work/s.json" 2>/dev/null || true
      expect "$client $era/$transport --confirm: accepted, one DELETE" "$work/s.json" \
        "$expected and len(s['elicitations']) == 1 and 'DELETE' in json.dumps(s['elicitations']) and api == ['DELETE /v1/blocks/b1']"
      : >"$work/api.log"
      $run --era "$era" "${target[@]}" "${delete[@]}" --elicit decline "${server[@]}" >"$work/s.json" 2>/dev/null || true
      expect "$client $era/$transport --confirm: declined, nothing sent" "$work/s.json" \
        "$expected and s['call']['result'].get('isError') is True and api == []"
    done
  done
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
