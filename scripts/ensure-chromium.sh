#!/usr/bin/env bash
# Installs Debian's chromium when it is missing; the HTML report test drives it with playwright-core.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "chromium not found: installing Debian's chromium" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Serialise with other apt users (ensure-redis.sh may run at the same time in another checkout).
$SUDO flock /tmp/crawlsift-apt.lock apt-get update -qq
$SUDO flock /tmp/crawlsift-apt.lock apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
