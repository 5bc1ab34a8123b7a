#pragma once

// What every harness of tests/fuzz shares: the rule that a stage may fail only with an
// iprdb::Error that is not `internal`, and checks that stop the run with a message when a
// property of the output does not hold (libFuzzer keeps the input as a crash).

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include <iprdb/error.hpp>

namespace iprdb::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s: %.*s\n", file, line, what,
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

/// Runs `work`; an iprdb::Error is the expected way to refuse bad input, anything else (an
/// exception of another type, ErrorCode::internal, a message on several lines when
/// `one_line`) is a bug.
template <typename Work>
void expect_only_errors(Work&& work, bool one_line = true) {
  try {
    work();
  } catch (const Error& e) {
    if (e.code() == ErrorCode::internal) fail(__FILE__, __LINE__, "internal error", e.what());
    if (one_line && std::string_view(e.what()).find('\n') != std::string_view::npos) {
      fail(__FILE__, __LINE__, "an error message on several lines", e.what());
    }
  } catch (const std::exception& e) {
    fail(__FILE__, __LINE__, "an exception that is not iprdb::Error", e.what());
  }
}

}  // namespace iprdb::fuzz

#define IPRDB_FUZZ_CHECK(condition, detail)                                  \
  do {                                                                       \
    if (!(condition)) ::iprdb::fuzz::fail(__FILE__, __LINE__, #condition, detail); \
  } while (false)
