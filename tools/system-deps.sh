#!/usr/bin/env bash
# Debian packages the project needs: gettext (translations), age (interoperability tests),
# Pango and poppler (documents).
set -euo pipefail
missing=()
command -v msgfmt >/dev/null || missing+=(gettext)
command -v age >/dev/null || missing+=(age)
# Browser tests drive Debian's Chromium (no browser is downloaded by a test tool); Noto fonts
# render Arabic and Chinese in the screenshots.
command -v chromium >/dev/null || missing+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
# Formal documents: WeasyPrint renders through Pango; pdftotext (poppler) reads them back in tests.
command -v pdftotext >/dev/null || missing+=(poppler-utils)
ldconfig -p | grep -q libpangoft2-1.0 || missing+=(libpangoft2-1.0-0)
command -v npm >/dev/null || missing+=(npm)
command -v python3.12 >/dev/null || { echo "python3.12 is required" >&2; exit 1; }
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "please install: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
