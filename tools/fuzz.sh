#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang (ASan + UBSan) into ./build-fuzz and
# runs each under ctest, then replays the seeds and kept crash inputs. Installs clang and its
# runtime (libFuzzer) when missing.
#   tools/fuzz.sh            each fuzzer its fixed number of inputs from a fixed seed (about
#                            20 s each): the same outcome on every machine, as CI runs it
#   tools/fuzz.sh SECONDS    exploration: each fuzzer SECONDS long from a new seed
# A crash leaves its input in build-fuzz/tests/fuzz/work/NAME/crash-*: fix the bug, then copy the
# input to tests/fuzz/regressions/NAME/ so that every build replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  mode=(-DIPRDB_FUZZ_FIXED_RUNS=OFF -DIPRDB_FUZZ_SEED=0 -DIPRDB_FUZZ_SECONDS="$1")
else
  mode=(-DIPRDB_FUZZ_FIXED_RUNS=ON -DIPRDB_FUZZ_SEED=1 -DIPRDB_FUZZ_SECONDS=60)
fi

tools/install-deps.sh
if ! command -v clang++-14 >/dev/null 2>&1 ||
   [ ! -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
  run=()
  [ "$(id -u)" -eq 0 ] || run=(sudo)
  echo "fuzz: installing clang-14 and libclang-rt-14-dev" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${run[@]}" apt-get update -qq
  "${run[@]}" apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
fi

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S . -B build-fuzz "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIPRDB_WERROR=ON -DIPRDB_FUZZ=ON \
    -DIPRDB_BUILD_TESTS=OFF -DIPRDB_BUILD_TOOLS=OFF -DIPRDB_BUILD_EXAMPLES=OFF -DIPRDB_INSTALL=OFF \
    -DIPRDB_BUILD_BENCH=OFF
fi
cmake -S . -B build-fuzz "${mode[@]}" > /dev/null
cmake --build build-fuzz --parallel "$(nproc)"
# One fuzzer at a time (RUN_SERIAL): each has the whole machine for its time.
ctest --test-dir build-fuzz --output-on-failure
# The figures for docs/reliability.md: executions, corpus, crashes.
for log in build-fuzz/Testing/Temporary/LastTest.log; do
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)|Test: fuzz.run" "$log" || true
done
