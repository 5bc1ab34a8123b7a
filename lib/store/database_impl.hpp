#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <utility>

#include <SQLiteCpp/Database.h>

#include <iprdb/database.hpp>

#include "store/sqlite_error.hpp"

namespace iprdb {

// The inside of a Database, shared by the stages that work on it (store, load, query): only
// these know SQL.
class Database::Impl {
 public:
  Impl(std::filesystem::path path, bool read_only, SQLite::Database db)
      : path_(std::move(path)), read_only_(read_only), db_(std::move(db)) {}

  const std::filesystem::path& path() const { return path_; }
  bool read_only() const { return read_only_; }
  SQLite::Database& db() { return db_; }

  // Runs `work`, turning SQLite failures into iprdb::Error naming this file and `doing`.
  template <typename Work>
  decltype(auto) guarded(std::string_view doing, Work&& work) const {
    return detail::translate_sqlite_errors(path_, doing, std::forward<Work>(work));
  }

  std::int64_t count(const char* sql) {
    return db_.execAndGet(sql).getInt64();
  }

 private:
  std::filesystem::path path_;
  bool read_only_;
  SQLite::Database db_;
};


}  // namespace iprdb
