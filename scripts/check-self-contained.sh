#!/usr/bin/env bash
# Fails when a tracked file reaches outside the repository: users clone only this repository, so a
# build, test or script that reads ../shared (or any path beside or above the clone) works here and
# fails for them. Run by .ci/run before the build.
set -euo pipefail
cd "$(dirname "$0")/.."

# Patterns of paths that leave the repository:
#   ../shared               the steering folder beside the clone
#   /work/                  this workplace's absolute paths
#   ${project.basedir}/../../..  three levels up from a module two levels deep is above the root
patterns=(-e '\.\./shared' -e '/work/' -e 'basedir}/\.\./\.\./\.\.')
# Markdown may mention these (this check's own explanation does); code, poms and scripts may not.
hits=$(git grep -nI "${patterns[@]}" -- . ':!*.md' ':!scripts/check-self-contained.sh' || true)
if [ -n "$hits" ]; then
  echo "These tracked files reach outside the repository (a fresh clone has nothing beside it):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "self-contained: no tracked file reaches outside the repository"
