#!/usr/bin/env bash
# Installs the real clients some tests read the output with, when we can:
# - Debian packages: poppler-utils, LibreOffice and hunspell read the output back; pandoc writes
#   the foreign DOCX the Word import test reads; chromium runs the
#   site's browser tests (driven by playwright, which must never download one); qpdf checks every
#   PDF's syntax; a Java runtime runs the Nu Html Checker.
# - npm: vnu-jar, the Nu Html Checker (vnu.jar), for every HTML page, stylesheet and SVG.
#   Its install script (which would fetch a Java runtime) is not run: Debian's Java is used.
# (The Python checkers, pdfua and openxml-audit, are test extras in pyproject.toml.)
# Without root, apt or npm the tests that need them skip locally, with the reason; under CI=true
# a missing tool fails those tests instead.
set -u
status=0
packages=(poppler-utils libreoffice-writer-nogui hunspell hunspell-da chromium qpdf default-jre-headless pandoc)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Bemærk: ${missing[*]} mangler og kan ikke installeres her (kræver root og apt-get);" \
         "de tests, der bruger dem, springes over." >&2
  else
    echo "Installerer testværktøjer: ${missing[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "Installationen af ${missing[*]} mislykkedes." >&2; [ "${CI:-}" != true ] || status=1; }
  fi
fi
if ! command -v vnu >/dev/null; then
  if ! command -v npm >/dev/null || ! npm install --global --ignore-scripts --no-fund --no-audit --silent vnu-jar; then
    echo "Bemærk: vnu-jar (npm) kunne ikke installeres; HTML-kontrollen springes over." >&2
    [ "${CI:-}" != true ] || status=1
  fi
fi
exit $status
