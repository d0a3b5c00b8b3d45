#!/bin/sh
# Starts @NAME@.jar (beside this script) with a fast-start recipe, so an MCP client can name this
# script as its "command". Standard output carries JSON-RPC only. Written by the package-server goal
# of openapi-mcp-maven-plugin; POSIX sh.
#
# Which java: $OPENAPI_MCP_JAVA, else the JVM the build trained with (below), else
# $JAVA_HOME/bin/java, else java on the PATH. Extra JVM flags: $OPENAPI_MCP_JAVA_OPTS (after ours).
#
# Class data (the JVM's archive of parsed and linked classes; it halves the start), checked by the
# JVM, which starts without one it cannot use (silently: its cds and aot messages are off):
#   - @NAME@.aot (an AOT cache, trained with JDK 25+) or @NAME@.jsa (a class-data archive, earlier
#     JDKs) beside this script, from the build's training run. Offered only to that very JVM (same
#     vendor and runtime version in its JDK's release file; JDK 17 exits on -XX:AOTCache, and JDK 25
#     prints an error for a JDK 17 archive). The .aot moves with its folder (JDK 25 matches the jars by
#     relative path and size); the .jsa is used only in the folder it was built in (JDK 17 records
#     the jars' absolute paths and modification times, and a copied folder would start with no
#     archive at all, slower than plain java).
#   - otherwise (another JVM, a moved folder) an archive of its own in a user cache folder,
#     $OPENAPI_MCP_CACHE_DIR, else $XDG_CACHE_HOME/openapi-mcp, else ~/.cache/openapi-mcp, one per
#     folder and JVM: the JVM writes it as the first run exits (JDK 19+ -XX:+AutoCreateSharedArchive,
#     which also rewrites one that no longer matches; JDK 17 and 18 -XX:ArchiveClassesAtExit, again
#     when the jar is newer) and maps it from the next start on. --help and --version runs write
#     none; OPENAPI_MCP_CACHE_DIR=none turns the cache off. Delete the folder to reclaim its space.
#   - none on JDK 17 to 24 when the folder's path contains a space (see below).
#
# JVM flags (the build's training run uses the same; it reads them from the flags= line below):
#   -XX:TieredStopAtLevel=1  C1 only: less compilation work for a short-lived, I/O-bound process
#   -XX:CompileThresholdScaling=0.5  compile after half the usual calls: an MCP server sees few calls,
#                          and the first few hundred ran interpreted, at twice the proxy overhead
#                          (measured); lower values delay the start
#   -XX:CompileCommand=quiet  first: the JVM prints each CompileCommand it reads before this one to
#                          standard output (ours follow it, and so do those of $OPENAPI_MCP_JAVA_OPTS)
#   -XX:CompileCommand=CompileThresholdScaling,<package>.*::*,0.1  the call path (the JDK's HTTP client,
#                          this runtime, the MCP SDK, Reactor, the schema validator) compiled after a
#                          tenth of that, about ten calls, while what runs only at start keeps the
#                          global value. With two compiler threads: GET p50 overhead of calls 51-350
#                          0.41-0.51x npm's -> 0.19-0.25x, POST 0.38-0.43x -> 0.33-0.37x, spawn ->
#                          initialize 0.01-0.05x of npm's later (6-8 interleaved rounds each, 2-core VM;
#                          a global CompileThresholdScaling=0.1 instead: GET 0.20x, initialize +58 ms)
#   -XX:CICompilerCount=1  kept only on two processors or fewer (nproc) and when $OPENAPI_MCP_JAVA_OPTS
#                          names no TieredStopAtLevel (but =1), TieredCompilation or CICompilerCount: C1
#                          compiles on one thread instead of two, which took a core from the start.
#                          openapi-mcp's first `serve` of GitHub's description (C1 used 1.0 s of CPU, the
#                          main thread 0.9 s): 1,737 -> 1,561 ms (medians of 14 interleaved rounds, 2-core
#                          VM), its cached start 649 -> 582 ms (10). The Notion server: spawn ->
#                          initialize 0.91-0.97x npm's instead of 1.02-1.08x (15-20 rounds), but alone it
#                          delayed the first calls (GET 0.51x instead of 0.44x). Both flags: GET 0.31x,
#                          POST 0.37x, initialize 0.95x, against 0.42x, 0.42x and 1.03x with neither.
#   -XX:+UseSerialGC       smallest and quickest GC to start for a heap this size; a collector named in
#                          $OPENAPI_MCP_JAVA_OPTS replaces it (the JVM refuses two): -XX:+UseParallelGC
#                          collects a huge spec's gigabyte heap on every core
#   -Xms16m                start with a small heap and grow it on demand: the JVM's default initial
#                          heap (1/64 of the machine's memory) lets garbage pile up to 100 MB and more
#   -XX:-UsePerfData       no hsperfdata file to create at start (and none left in /tmp)
#   -XX:+ExitOnOutOfMemoryError  a server out of memory exits, so its host restarts it, rather than
#                          linger unable to answer
#   -Xlog:disable -Xlog:all=warning:stderr  JVM messages never reach standard output
#   then the build's <jvmOptions>, if it gave any (a collector among them replaces the serial one)
#   -XX:+UseTransparentHugePages  at run time only, where Linux offers transparent huge pages (its
#                          setting, below, reads [always] or [madvise]): the heap is touched in 2 MB
#                          pages rather than 4 KB ones, and each first touch of a page is a fault the
#                          kernel (and a VM's host) must serve. A first `openapi-mcp serve` of GitHub's
#                          13 MB description: 48,000 page faults without, 15,000 with, initialize
#                          2,249 -> 2,013 ms (medians of 8 interleaved rounds, 2-core VM); the Notion
#                          server 476 -> 432 ms, its RSS 66 -> 70 MiB (10 rounds).

set -f  # no pathname expansion of the flags split below

name='@NAME@'
BUILD_JAVA='@BUILD_JAVA@'
build_jvm='@BUILD_JVM@'
build_dir='@BUILD_DIR@'
thp_setting='@THP_SETTING@'
flags='-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,jdk.internal.net.http.*::*,0.1 -XX:CompileCommand=CompileThresholdScaling,dev.openapimcp.runtime.*::*,0.1 -XX:CompileCommand=CompileThresholdScaling,io.modelcontextprotocol.*::*,0.1 -XX:CompileCommand=CompileThresholdScaling,reactor.*::*,0.1 -XX:CompileCommand=CompileThresholdScaling,com.networknt.*::*,0.1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xms16m -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError -Xlog:disable -Xlog:all=warning:stderr'

# Sets $resolved to $1 with the symbolic links to it followed.
resolve() {
  resolved=$1
  while [ -h "$resolved" ]; do
    link=$(ls -ld -- "$resolved")
    link=${link#* -> }
    case $link in
      /*) resolved=$link ;;
      *) resolved=${resolved%/*}/$link ;;
    esac
  done
}

# This script's own directory.
resolve "$0"
case $resolved in
  */*) dir=${resolved%/*} ;;
  *) dir=. ;;
esac
dir=$(CDPATH='' cd -- "$dir" && pwd -P) || exit 1

if [ -n "${OPENAPI_MCP_JAVA:-}" ]; then
  java=$OPENAPI_MCP_JAVA
elif [ -x "$BUILD_JAVA" ]; then
  java=$BUILD_JAVA
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java=$JAVA_HOME/bin/java
else
  java=$(command -v java) || java=
fi
case $java in
  */*) ;;
  *) java=$(command -v "$java") || java= ;;
esac
if [ -z "$java" ] || [ ! -x "$java" ]; then
  echo "$name: no java found: set OPENAPI_MCP_JAVA or JAVA_HOME, or put java 17 or newer on the PATH." >&2
  exit 2
fi

# The JVM's identity (vendor and runtime version) and feature release, from its JDK's release file.
resolve "$java"
real=$resolved
jvm=
feature=0
if [ -f "${real%/bin/*}/release" ]; then
  vendor=
  runtime=
  version=
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      IMPLEMENTOR=*) vendor=${line#*=} ;;
      JAVA_RUNTIME_VERSION=*) runtime=${line#*=} ;;
      JAVA_VERSION=*) version=${line#*=} ;;
    esac
  done < "${real%/bin/*}/release"
  vendor=${vendor#\"} && vendor=${vendor%\"}
  runtime=${runtime#\"} && runtime=${runtime%\"}
  version=${version#\"} && version=${version%\"}
  feature=${version%%[!0-9]*}
  [ -n "$runtime" ] || runtime=$version
  [ -n "$version" ] && jvm="$vendor $runtime"
  if [ -n "$feature" ] && [ "$feature" -lt 17 ]; then
    echo "$name needs Java 17 or newer, but $java is Java $version: set OPENAPI_MCP_JAVA or JAVA_HOME to a newer one." >&2
    exit 2
  fi
fi
[ -n "$feature" ] || feature=0

# A run that only prints its help or version would leave a poor archive in the user cache.
quick=
for arg do
  case $arg in
    -h|--help|-V|--version) quick=1 ;;
  esac
done

# JDK 17 maps an archive but loads no class of it from a jar whose path has a space (measured with
# 17.0.15, also through a symbolic link: the class loader resolves it; JDK 25 does load them): such a
# folder starts without an archive on JDK 17 to 24.
spaced=
case $dir in
  *' '*) [ "$feature" -lt 25 ] && spaced=1 ;;
esac

archive=     # the archive option: one argument, as a path may contain spaces
mode=        # what goes with it
if [ -n "$jvm" ] && [ "$jvm" = "$build_jvm" ] && [ -f "$dir/$name.aot" ]; then
  archive="-XX:AOTCache=$dir/$name.aot"
elif [ -n "$jvm" ] && [ "$jvm" = "$build_jvm" ] && [ -f "$dir/$name.jsa" ] && [ "$dir" = "$build_dir" ] \
    && [ -z "$spaced" ]; then
  archive="-XX:SharedArchiveFile=$dir/$name.jsa"
  mode=-Xshare:auto
elif [ -n "$jvm" ] && [ "$feature" -ge 17 ] && [ -z "$quick" ] && [ -z "$spaced" ] \
    && [ "${OPENAPI_MCP_CACHE_DIR:-}" != none ]; then
  cache=${OPENAPI_MCP_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-}/.cache}/openapi-mcp}
  case $cache in
    /*) ;;
    *) cache= ;;
  esac
  if [ -n "$cache" ] && { [ -d "$cache" ] || mkdir -p -- "$cache" 2>/dev/null; } && [ -w "$cache" ]; then
    key=$(printf '%s\n' "$dir" "$jvm" | cksum)
    key=$cache/$name-${key%% *}
    if [ "$feature" -ge 19 ]; then
      archive="-XX:SharedArchiveFile=$key.jsa"
      mode=-XX:+AutoCreateSharedArchive
    elif [ -f "$key.jsa" ] && [ -z "$(find "$dir/$name.jar" -newer "$key.jsa" 2>/dev/null)" ]; then
      archive="-XX:SharedArchiveFile=$key.jsa"
      mode=-Xshare:auto
    else
      archive="-XX:ArchiveClassesAtExit=$key.jsa"
    fi
  fi
fi

# Takes out of $flags every flag that matches the pattern $1.
drop_flags() {
  kept=
  for flag in $flags; do
    # shellcheck disable=SC2254
    case $flag in
      $1) ;;
      *) kept="${kept:+$kept }$flag" ;;
    esac
  done
  flags=$kept
}

# A collector of $OPENAPI_MCP_JAVA_OPTS replaces the one of $flags: the JVM exits on two.
for option in ${OPENAPI_MCP_JAVA_OPTS:-}; do
  case $option in
    -XX:+Use*GC) drop_flags '-XX:+Use*GC' ;;
  esac
done

# Transparent huge pages for the heap where the kernel offers them (see the flags above).
thp=
if [ -r "$thp_setting" ]; then
  IFS= read -r thp < "$thp_setting"
fi
case $thp in
  *'[always]'*|*'[madvise]'*) flags="$flags -XX:+UseTransparentHugePages" ;;
esac

# -XX:CICompilerCount=1 only on two processors or fewer (see the flags above), and not when
# $OPENAPI_MCP_JAVA_OPTS chooses the compilers: with tiered compilation back the JVM refuses one thread.
processors=
case " ${OPENAPI_MCP_JAVA_OPTS:-} " in
  *TieredStopAtLevel=[02-9]*|*TieredCompilation*|*CICompilerCount*) ;;
  *) processors=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null) || processors= ;;
esac
case $processors in
  1|2) ;;
  *) drop_flags -XX:CICompilerCount=1 ;;
esac

# The command line, assembled back to front in "$@": $flags, the archive's options (with the JVM's
# cds and aot messages off), $OPENAPI_MCP_JAVA_OPTS (after ours, so they can override), -jar.
# $flags, $mode and $OPENAPI_MCP_JAVA_OPTS are split on spaces on purpose.
# shellcheck disable=SC2086
set -- ${OPENAPI_MCP_JAVA_OPTS:-} -jar "$dir/$name.jar" "$@"
if [ -n "$archive" ]; then
  if [ "$feature" -ge 25 ]; then
    set -- -Xlog:aot*=off:stderr "$@"
  fi
  # shellcheck disable=SC2086
  set -- "$archive" $mode -Xlog:cds*=off:stderr "$@"
fi
# shellcheck disable=SC2086
exec "$java" $flags "$@"
