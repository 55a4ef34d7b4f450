#!/usr/bin/env bash
# The one test command: installs what the tests run against (RabbitMQ, SMTP, IMAP, PostgreSQL), then runs every test.
set -uo pipefail
cd "$(dirname "$0")"
bash scripts/install-test-deps.sh || exit 1
log=$(mktemp)
dotnet test HelpDesk.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One closing line over all test assemblies.
awk '/(Passed|Failed)!  - /{ for (i=1;i<=NF;i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1); if ($i=="Skipped:") s+=$(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
