#!/usr/bin/env bash
# Runs every spec of npm @readme/oas-examples (OpenAPI 3.0, 3.1 and Swagger 2.0; JSON and YAML) through
# generate, javac (-Xlint:all -Werror) and a JSON Schema 2020-12 check of every tool's input schema,
# and prints a line per spec and the totals. Not part of the test suite: a survey, rerun at will.
#
#   scripts/oas-examples-sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/oas-examples"
if [[ ! -d "$cache/node_modules/@readme/oas-examples" ]]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent @readme/oas-examples >&2
fi
examples="$cache/node_modules/@readme/oas-examples"

# The command line's jar holds the generator, the runtime and every library both need.
./mvnw -B -q -pl cli -am package -DskipTests >&2
classpath="cli/target/openapi-mcp.jar"

folders=()
for version in 3.0 3.1 2.0; do
  for format in json yaml; do
    folders+=("$examples/$version/$format")
  done
done
java -Xlog:disable -Xlog:all=warning:stderr -cp "$classpath" scripts/OasExamplesSweep.java "${folders[@]}" \
  2> >(grep -v '^\[main\] \(WARN\|ERROR\|INFO\)\|^\s*at \|^com.fasterxml\|^Caused by' >&2)
