#!/usr/bin/env bash
# The Debian libraries WeasyPrint renders customs documents with: Pango, HarfBuzz's subsetter and the
# DejaVu fonts the document stylesheet names. Without libharfbuzz-subset0 WeasyPrint falls back to
# fontTools for font subsetting, about 4x slower per PDF (and it logs a warning for every font of every PDF).
set -euo pipefail
missing=()
ldconfig -p | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p | grep -q 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -q 'DejaVu Sans' || missing+=(fonts-dejavu-core fontconfig)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "WeasyPrint needs these system libraries; install them with your package manager: ${missing[*]}" >&2
  exit 1
fi
echo "Installing WeasyPrint's system libraries: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=""; fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
