// iprdb-load: creates, migrates and fills an iprdb database.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <iprdb/iprdb.hpp>

#include "cli/cli.hpp"

namespace {

void print_summary(const iprdb::Database& db) {
  const auto s = db.summary();
  std::cerr << fmt::format(
      "{}: schema {}; {} regions ({} provincial, {} prefecture-level, {} county-level, {} "
      "historical), {} region aliases; {} indicators, {} indicator aliases; {} documents, {} "
      "observations\n",
      db.path().string(), s.schema_version, s.regions, s.provinces, s.prefectures, s.counties,
      s.historical_regions, s.region_aliases, s.indicators, s.indicator_aliases, s.documents,
      s.observations);
}

// --dry-run: every fact of every file as one JSON line on stdout; nothing is stored.
int dry_run(const std::vector<std::string>& files, const iprdb::ExtractOptions& options) {
  int failed = 0;
  for (const auto& file : files) {
    try {
      const auto bulletin = iprdb::extract_file(file, options);
      for (const auto& fact : bulletin.facts) std::cout << iprdb::to_json(fact, file) << '\n';
    } catch (const iprdb::Error& e) {
      iprdb::cli::complain("iprdb-load", e.what());
      ++failed;
    }
  }
  std::cout.flush();
  return failed ? iprdb::cli::kFailure : iprdb::cli::kSuccess;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load Chinese IP bulletins into an iprdb database.", "iprdb-load"};
  std::string db_path = "iprdb.sqlite";
  bool init = false;
  bool dry = false;
  std::string published;
  std::vector<std::string> inputs;
  app.add_option("--db", db_path, "The database file (created on first use)")
      ->capture_default_str();
  app.add_flag("--init", init,
               "Create the database (or migrate an older one) with the gazetteer and catalog");
  app.add_flag("--dry-run", dry,
               "Print the facts of each FILE as JSON lines instead of storing them");
  app.add_option("--published", published,
                 "The publication date of the bulletins (YYYY-MM-DD): 去年 and 今年 are read "
                 "against it");
  app.add_option("inputs", inputs, "Bulletin files (.txt, .html)");
  app.set_version_flag("--version", std::string("iprdb-load ") + iprdb::kVersion);

  return iprdb::cli::run(app, argc, argv, [&] {
    iprdb::ExtractOptions options;
    if (!published.empty()) options.published_on = published;
    if (dry) {
      if (inputs.empty()) {
        iprdb::cli::complain(app.get_name(), "--dry-run needs at least one FILE");
        return static_cast<int>(iprdb::cli::kUsage);
      }
      return dry_run(inputs, options);
    }
    if (!init) {
      iprdb::cli::complain(app.get_name(), "nothing to do: give --init or --dry-run FILE...");
      return static_cast<int>(iprdb::cli::kUsage);
    }
    auto db = iprdb::Database::open(db_path, iprdb::OpenMode::create_if_missing);
    print_summary(db);
    return static_cast<int>(iprdb::cli::kSuccess);
  });
}
