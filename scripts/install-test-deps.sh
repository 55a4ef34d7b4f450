#!/usr/bin/env bash
# Installs what the test suite runs for real: RabbitMQ (broker), SMTP and IMAP servers, kubectl, Chromium for UI tests,
# then the npm and dotnet tools (scripts/install-tools.sh: Spectral, Kiota).
# PostgreSQL server binaries are expected on PATH or under /usr/lib/postgresql; installed when missing.
# The tests also use runuser and setsid (util-linux, always present on Debian/Ubuntu).
set -euo pipefail
missing=()
command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
# The apt package installs into the system Python (a pyenv shim on PATH may hide it).
system_python=/usr/bin/python3; [ -x "$system_python" ] || system_python=python3
"$system_python" -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
# kubectl validates the published Kubernetes manifests offline (kubectl kustomize, apply --dry-run=client).
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
# Browser tests (tests/HelpDesk.Web.Tests) drive Debian's chromium through Playwright (it cannot download its own here).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# Spectral (scripts/install-tools.sh) comes from npm.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  exec bash "$(dirname "$0")/install-tools.sh"
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "Missing test dependencies: ${missing[*]} (install them with apt-get as root)" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "Installing test dependencies: ${missing[*]}"
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
# A policy-rc.d that denies every start keeps Debian from starting system-wide services (a system RabbitMQ,
# PostgreSQL, dovecot): tests start private instances themselves on free loopback ports.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && added_policy=1
fi
status=0
DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
if [ "$added_policy" -eq 1 ]; then $SUDO rm -f "$policy"; fi
if [ "$status" -ne 0 ]; then
  echo "apt-get install ${missing[*]} failed" >&2
  exit "$status"
fi
bash "$(dirname "$0")/install-tools.sh"
