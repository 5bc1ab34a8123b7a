#include "cli/cli.hpp"

#include <exception>
#include <iostream>

#include <iprdb/error.hpp>

namespace iprdb::cli {

void complain(std::string_view tool, std::string_view message) {
  std::cerr << tool << ": " << message << '\n';
}

int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, like every other error: what is wrong and where to look.
    complain(app.get_name(), std::string(e.what()) + " (see --help)");
    return kUsage;
  }
  try {
    return body();
  } catch (const Error& e) {
    complain(app.get_name(), e.what());
    return kFailure;
  } catch (const std::exception& e) {
    complain(app.get_name(), std::string("internal error: ") + e.what());
    return kFailure;
  }
}

}  // namespace iprdb::cli
