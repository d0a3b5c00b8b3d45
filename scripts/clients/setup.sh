#!/usr/bin/env bash
# Installs the pinned MCP clients the harness drives (versions in scripts/clients/versions.env) into a cache
# directory, never globally, and prints where they are as shell assignments:
#
#   eval "$(scripts/clients/setup.sh)"      # sets MCP_PYTHON_CLIENT_PYTHON and OPENAPI_MCP_TS_CLIENT_DIR
#   scripts/clients/setup.sh --python       # only the Python SDK (mcp, needs python3 3.10+ with venv)
#   scripts/clients/setup.sh --ts           # only the TypeScript SDK (@modelcontextprotocol/client, needs node 20+)
#
# Cache: ${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/clients/{python-mcp-V,ts-client-V};
# an installed version is reused, so a second run costs nothing. python_client.py and ts_client.mjs find
# the same directories by themselves. Progress goes to stderr; stdout carries only the assignments.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

want_python=true want_ts=true
case "${1:-}" in
  "") ;;
  --python) want_ts=false ;;
  --ts) want_python=false ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac

cache="${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/clients"
mkdir -p "$cache"
# Concurrent test runs share the cache: one installs, the others wait for it.
exec 9>"$cache/.lock"
command -v flock >/dev/null 2>&1 && flock 9

if $want_python; then
  venv="$cache/python-mcp-$PYTHON_MCP_VERSION"
  if [[ ! -f "$venv/.installed" ]]; then
    python="${PYTHON:-python3}"
    command -v "$python" >/dev/null 2>&1 || { echo "python3 is required for the Python MCP client." >&2; exit 1; }
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
      || { echo "mcp $PYTHON_MCP_VERSION needs Python 3.10 or newer; $("$python" --version 2>&1) was found." >&2; exit 1; }
    echo "Installing mcp==$PYTHON_MCP_VERSION into $venv" >&2
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2 \
      || { echo "Could not create a virtual environment (on Debian: apt-get install python3-venv)." >&2; exit 1; }
    # One retry, not pip's five: where an index is unreachable (a mirror-only machine), five retries with
    # backoff cost about 8 s per package, 4 minutes for mcp's dependencies; PIP_RETRIES overrides it.
    if ! PIP_RETRIES="${PIP_RETRIES:-1}" "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "mcp==$PYTHON_MCP_VERSION" >"$venv/pip.log" 2>&1; then
      grep -v -e 'Retrying (Retry' -e 'is ignored: it is neither' "$venv/pip.log" | tail -20 >&2
      echo "Installing mcp==$PYTHON_MCP_VERSION failed; the full log is $venv/pip.log" >&2
      exit 1
    fi
    touch "$venv/.installed"
  fi
  echo "MCP_PYTHON_CLIENT_PYTHON=$venv/bin/python"
fi

if $want_ts; then
  dir="$cache/ts-client-$TS_CLIENT_VERSION"
  if [[ ! -f "$dir/.installed" ]]; then
    command -v npm >/dev/null 2>&1 || { echo "npm is required for the TypeScript MCP client." >&2; exit 1; }
    major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
    [[ "${major:-0}" -ge 20 ]] \
      || { echo "@modelcontextprotocol/client $TS_CLIENT_VERSION needs Node.js 20 or newer; found ${major:-none}." >&2; exit 1; }
    echo "Installing @modelcontextprotocol/client@$TS_CLIENT_VERSION into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    echo '{"name":"openapi-mcp-client-harness","private":true}' >"$dir/package.json"
    npm install --silent --no-audit --no-fund --prefix "$dir" "@modelcontextprotocol/client@$TS_CLIENT_VERSION" >&2
    touch "$dir/.installed"
  fi
  echo "OPENAPI_MCP_TS_CLIENT_DIR=$dir"
fi
