#!/usr/bin/env bash
# Installs what the browser suite needs, only where it is missing, so that a second run is
# quick and quiet: Debian's Chromium, poppler-utils (pdftotext, pdftoppm) and a Java runtime
# for the Nu HTML Checker, then the npm packages pinned by package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# Node.js and npm run the suite; a machine with only the Rust toolchain has neither.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
# Fonts that cover Latin text well, so screenshots and PDFs do not depend on what happens to
# be installed.
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)

if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# `npm ci` installs exactly the locked versions. A stamp of the lock file's hash inside
# node_modules lets a second run skip it.
stamp=node_modules/.lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # No package here needs an install script; vnu-jar's would try to download a Java runtime.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
