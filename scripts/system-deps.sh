#!/usr/bin/env bash
# Installs the few system packages juesuan's tests and renderers need, only when missing.
# fonts-wqy-microhei: a TrueType CJK font that reportlab can embed in PDFs.
# poppler-utils: pdftoppm, to turn rendered PDFs into PNGs for looking at them.
set -euo pipefail
need=()
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "juesuan: please install: ${need[*]}" >&2
  fi
fi
