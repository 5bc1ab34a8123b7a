#pragma once

// The small database of tests/query/fixture.sql, with known answers.

#include <filesystem>

#include <SQLiteCpp/Database.h>

#include <iprdb/database.hpp>

#include "testing.hpp"

namespace iprdb::testing {

/// Creates the fixture database in `dir` and returns its path.
inline std::filesystem::path make_query_fixture(const TempDir& dir) {
  const auto path = dir / "fixture.sqlite";
  { Database::create(path); }
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  raw.exec(read_file(std::filesystem::path(IPRDB_SOURCE_DIR) / "tests/query/fixture.sql"));
  return path;
}

}  // namespace iprdb::testing
