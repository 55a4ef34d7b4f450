#!/usr/bin/env bash
# Tools the tests run besides apt packages: Spectral (lints docs/openapi/*.json; npm, into a per-user cache) and the
# dotnet tools of dotnet-tools.json (Kiota generates the API client tests/HelpDesk.ApiClient builds).
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${HELPDESK_TOOLS:-$HOME/.cache/helpdesk-tools}"
spectral_dir="$tools/spectral-6.16.3"
if [ ! -x "$spectral_dir/node_modules/.bin/spectral" ]; then
  echo "Installing @stoplight/spectral-cli 6.16.3 into $spectral_dir"
  mkdir -p "$spectral_dir"
  npm install --prefix "$spectral_dir" --no-audit --no-fund --loglevel=error @stoplight/spectral-cli@6.16.3 >/dev/null
fi
dotnet tool restore >/dev/null
