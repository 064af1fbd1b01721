#!/usr/bin/env bash
# Installs the real clients some tests read the output with (Debian packages), when we can:
# chromium runs the site's browser tests (driven by playwright, which must never download one).
# Without root or apt the tests that need them skip locally, with the reason; under CI=true
# a missing tool fails those tests instead.
set -u
packages=(poppler-utils libreoffice-writer-nogui hunspell hunspell-da chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Bemærk: ${missing[*]} mangler og kan ikke installeres her (kræver root og apt-get);" \
       "de tests, der bruger dem, springes over." >&2
  exit 0
fi
echo "Installerer testværktøjer: ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || { echo "Installationen af ${missing[*]} mislykkedes." >&2; [ "${CI:-}" != true ] || exit 1; }
