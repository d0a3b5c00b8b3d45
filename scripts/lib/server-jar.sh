# Sourced by the scripts that drive a built server jar (scripts/conformance.sh, scripts/real-clients.sh):
# their command line (--jar, --help) and the check that the jar was built.

# Sets JAR from the script's arguments: --jar PATH, by default the Notion jar. --help prints the calling
# script's header comment.
server_jar_args() {
  JAR=examples/notion/target/notion-mcp-server.jar
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --jar) JAR="$2"; shift 2 ;;
      -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
      *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
  done
}

# Exits with one sentence when $JAR is not there.
require_jar() {
  [[ -f "$JAR" ]] || { echo "$JAR not found; build it first: ./mvnw -B -DskipTests package" >&2; exit 1; }
}
