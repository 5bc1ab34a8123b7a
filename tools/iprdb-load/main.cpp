// iprdb-load: creates, migrates and fills an iprdb database.
#include <iostream>
#include <string>

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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load Chinese IP bulletins into an iprdb database.", "iprdb-load"};
  std::string db_path = "iprdb.sqlite";
  bool init = false;
  app.add_option("--db", db_path, "The database file (created on first use)")
      ->capture_default_str();
  app.add_flag("--init", init,
               "Create the database (or migrate an older one) with the gazetteer and catalog");
  app.set_version_flag("--version", std::string("iprdb-load ") + iprdb::kVersion);

  return iprdb::cli::run(app, argc, argv, [&] {
    if (!init) {
      iprdb::cli::complain(app.get_name(), "nothing to do: give --init");
      return static_cast<int>(iprdb::cli::kUsage);
    }
    auto db = iprdb::Database::open(db_path, iprdb::OpenMode::create_if_missing);
    print_summary(db);
    return static_cast<int>(iprdb::cli::kSuccess);
  });
}
