#!/usr/bin/env bash
# The console's browser tests drive Debian's headless Chromium through its chromedriver; install
# both once. Without them those tests skip themselves, saying so.
set -euo pipefail
if [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver
fi
/usr/bin/chromium --version
