#!/usr/bin/env bash
# Lints the published OpenAPI documents (docs/openapi/*.json, written by tests/HelpDesk.ApiContract.Tests) with
# Spectral: the spectral:oas ruleset plus .spectral.yaml's own rules. Fails on any error or warning.
set -euo pipefail
cd "$(dirname "$0")/.."
spectral="${HELPDESK_TOOLS:-$HOME/.cache/helpdesk-tools}/spectral-6.16.3/node_modules/.bin/spectral"
if [ ! -x "$spectral" ]; then
  echo "Spectral is not installed; run scripts/install-test-deps.sh" >&2
  exit 1
fi
"$spectral" lint --ruleset .spectral.yaml --fail-severity warn docs/openapi/*.json
