#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test under ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
