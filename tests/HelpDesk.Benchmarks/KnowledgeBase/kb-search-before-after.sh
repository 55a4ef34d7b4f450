#!/usr/bin/env bash
# Before/after in one sitting: runs kb-search as it was at BASE (Lucene only) and then as it is now (Lucene and
# PostgreSQL), with the same arguments, printing the load before each, so both sides see the same machine.
#   tests/HelpDesk.Benchmarks/KnowledgeBase/kb-search-before-after.sh e11b667 --articles 100000 --queries 2000
set -euo pipefail
base=${1:?usage: $0 BASE_COMMIT [kb-search options]}
shift
repo=$(git rev-parse --show-toplevel)
before=$(mktemp -d /tmp/kb-search-before-XXXXXX)
trap 'git -C "$repo" worktree remove --force "$before" >/dev/null 2>&1 || true' EXIT
git -C "$repo" worktree add --detach "$before" "$base" >/dev/null
echo "== before: $base ($(git -C "$repo" log -1 --format='%cs %s' "$base")); load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project "$before/tests/HelpDesk.Benchmarks" -- kb-search "$@" --skip-postgres
echo
echo "== after: $(git -C "$repo" rev-parse --short HEAD); load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project "$repo/tests/HelpDesk.Benchmarks" -- kb-search "$@"
