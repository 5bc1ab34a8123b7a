#pragma once

#include <functional>
#include <string_view>

#include <CLI/CLI.hpp>

namespace iprdb::cli {

/// Exit codes shared by the iprdb tools.
enum ExitCode : int {
  kSuccess = 0,
  kFailure = 1,  ///< something could not be done; the message says what
  kUsage = 2,    ///< the command line is wrong
};

/// Runs a tool's body: parses `argc/argv` into `app` (set up by the caller), then calls
/// `body`. Turns every error into one line on stderr, "TOOL: message", and an exit code:
/// iprdb::Error → 1, a bad command line → 2 (CLI11's own codes are 100 and up).
int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

/// Prints "TOOL: message" on stderr, the one-line form of every diagnostic.
void complain(std::string_view tool, std::string_view message);

}  // namespace iprdb::cli
