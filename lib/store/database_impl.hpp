#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

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

  // Catalog ids by code, read once per connection by the query stage: a question then runs
  // one statement (one read transaction) instead of two. Codes never change their id.
  std::unordered_map<std::string, std::int64_t>& indicator_ids() { return indicator_ids_; }

  // Whether best_level's triggers were in place, and the schema_version it was seen at: any
  // change to the schema (a bulk load dropping the triggers, a rebuild, VACUUM) moves the
  // version, so a question reads the cheap cookie and scans sqlite_schema only when it moved.
  struct BestLevelsSeen {
    std::int64_t schema_version = -1;
    bool kept = false;
  };
  BestLevelsSeen& best_levels_seen() { return best_levels_seen_; }

  // A statement prepared once for the life of the connection (queries ask the same questions
  // again and again), handed out reset and with its parameters cleared.
  SQLite::Statement& cached(const std::string& sql) {
    auto& slot = statements_[sql];
    if (!slot) {
      slot = std::make_unique<SQLite::Statement>(db_, sql);
    } else {
      slot->reset();
      slot->clearBindings();
    }
    return *slot;
  }

 private:
  std::filesystem::path path_;
  bool read_only_;
  SQLite::Database db_;
  // Declared after db_ so that the statements are finalized before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  std::unordered_map<std::string, std::int64_t> indicator_ids_;
  BestLevelsSeen best_levels_seen_;
};

// The way in for code that holds a Database but is not a member: tests setting a short busy
// timeout or a small max_page_count on the very connection under test.
struct detail::DatabaseAccess {
  static Database::Impl& impl(Database& db) { return *db.impl_; }
};

}  // namespace iprdb
