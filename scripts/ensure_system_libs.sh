#!/usr/bin/env bash
# The Debian libraries WeasyPrint renders customs documents with: Pango, HarfBuzz's subsetter and the
# DejaVu fonts the document stylesheet names. Without libharfbuzz-subset0 WeasyPrint falls back to
# fontTools for font subsetting, about 4x slower per PDF (`manage.py check` then warns: customs.W001).
# Installs what is missing through apt; where it cannot (no apt, no root and no sudo) it says what to
# install and lets the setup go on.
set -euo pipefail
export PATH="$PATH:/sbin:/usr/sbin"
libraries="$(ldconfig -p 2>/dev/null || true)"
fonts="$(fc-list 2>/dev/null || true)"
missing=()
grep -q 'libpango-1.0.so.0' <<<"$libraries" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
grep -q 'libharfbuzz-subset.so.0' <<<"$libraries" || missing+=(libharfbuzz-subset0)
grep -q 'DejaVu Sans' <<<"$fonts" || missing+=(fonts-dejavu-core fontconfig)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
if ! command -v apt-get >/dev/null || [ "$SUDO" = "none" ]; then
  echo "WARNING: customs documents need these system packages (or your platform's equivalents): ${missing[*]}" >&2
  exit 0
fi
echo "Installing WeasyPrint's system libraries: ${missing[*]}"
apt_install() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
apt_install || { $SUDO apt-get update -qq && apt_install; }
