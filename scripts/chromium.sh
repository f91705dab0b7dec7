#!/usr/bin/env bash
# Installs Debian's chromium (and a CJK font for the screenshots) for the end-to-end web tests,
# only when /usr/bin/chromium is missing. Playwright drives this browser; it never downloads
# its own (`playwright install` is not used anywhere).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "juesuan: the web end-to-end tests need: ${need[*]} (apt-get install ${need[*]})" >&2
fi
