#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust unit and integration tests, then the browser
# suite (accessibility, HTML validity, privacy, print) against the example site. On a fresh
# machine with only the Rust toolchain it first installs what the browser suite needs
# (Debian's chromium, poppler-utils, a Java runtime, Node.js if missing, and the npm packages
# pinned by tests/browser/package-lock.json); a second run finds them and installs nothing.
# Usage: bash tests/run.sh        (SKIP_BROWSER=1 to run only the Rust part)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --quiet 2>&1 | tee /tmp/handout-cargo-test.log

if [ "${SKIP_BROWSER:-0}" = "1" ]; then
  echo "== browser suite skipped (SKIP_BROWSER=1)"
  exit 0
fi
echo "== browser suite: installing what it needs (once)"
bash tests/browser/install.sh
echo "== browser suite"
bash tests/browser/run.sh
