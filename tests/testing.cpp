#include "testing.hpp"

#include <fstream>
#include <random>
#include <sstream>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace iprdb::testing {

TempDir::TempDir() {
  std::random_device random;
  for (;;) {
    path_ = std::filesystem::temp_directory_path() / ("iprdb-test-" + std::to_string(random()));
    if (std::filesystem::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

std::string rows_of(const std::filesystem::path& db, const std::string& sql) {
  SQLite::Database raw(db.string());
  SQLite::Statement query(raw, sql);
  std::string out;
  while (query.executeStep()) {
    for (int i = 0; i < query.getColumnCount(); ++i) out += query.getColumn(i).getString() + "|";
    out += "\n";
  }
  return out;
}

std::string best_level_rows(const std::filesystem::path& db) {
  return rows_of(db, "SELECT * FROM best_level ORDER BY indicator_id, status, year, region_id, "
                     "period_end, period_first");
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace iprdb::testing
