#!/usr/bin/env bash
# The browser suite: builds the example site (the repository root) and the themed fixture site
# with the release binary into a temporary folder, then runs the Node test files against them.
# Each test file serves the built site itself on 127.0.0.1 with a free port and stops its
# server when it ends. The suite needs what install.sh installs.
#
# Usage: bash tests/browser/run.sh [test files...]   (default: every *.test.mjs here)
#        UPDATE_SCREENSHOTS=1 bash tests/browser/run.sh   also refreshes screenshots/
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ ! -d "$here/node_modules/playwright-core" ] || ! command -v chromium >/dev/null; then
  echo "the browser suite needs its tools: run bash tests/browser/install.sh" >&2
  exit 2
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
target="$(cd "$repo" && cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
bin="$target/release/handout"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/handout-browser.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

"$bin" build --root "$repo" --out "$tmp/site" >/dev/null
"$bin" build --root "$here/fixtures/themed-site" --out "$tmp/themed-site" >/dev/null

cd "$here"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=(*.test.mjs)
fi
SITE_DIR="$tmp/site" THEMED_SITE_DIR="$tmp/themed-site" HANDOUT_BIN="$bin" \
  node --test --test-reporter=spec --test-concurrency=2 "${files[@]}"
