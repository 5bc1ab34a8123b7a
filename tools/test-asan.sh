#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer, built into
# ./build-asan (IPRDB_SANITIZE=ON): any leak, overflow or undefined behaviour fails the test that
# ran into it. The package tests are left out (IPRDB_INSTALL=OFF): they build a consumer without
# the sanitizers, which cannot link an instrumented library; so is the benchmark, whose figures
# mean nothing under the sanitizers. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ ! -f build-asan/CMakeCache.txt ]; then
  cmake -S . -B build-asan "${generator[@]}" -DIPRDB_WERROR=ON -DIPRDB_SANITIZE=ON \
    -DIPRDB_INSTALL=OFF
fi
cmake -S . -B build-asan -DIPRDB_BUILD_BENCH=OFF > /dev/null
cmake --build build-asan --parallel "$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" "$@"
