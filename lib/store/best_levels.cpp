#include "store/best_levels.hpp"

#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "reference/embedded.hpp"

namespace iprdb::detail {

namespace {

// Every trigger of schema/best_level_triggers.sql: present together or not at all
// (kBestLevelsKeptSql counts the same four).
constexpr const char* kTriggers[] = {"best_level_insert", "best_level_delete",
                                     "observation_unchanged", "document_source_unchanged"};

void drop_triggers(SQLite::Database& db) {
  for (const char* name : kTriggers) db.exec(std::string("DROP TRIGGER IF EXISTS ") + name);
}

}  // namespace

const char* const kBestLevelsKeptSql =
    "SELECT count(*) = 4 FROM sqlite_schema WHERE type = 'trigger' AND name IN "
    "('best_level_insert', 'best_level_delete', 'observation_unchanged', "
    "'document_source_unchanged')";

bool best_levels_kept(SQLite::Database& db) {
  return db.execAndGet(kBestLevelsKeptSql).getInt() != 0;
}

void keep_best_levels(SQLite::Database& db) {
  if (best_levels_kept(db)) return;
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Looked at again inside the write transaction: another process may have done it since.
  if (best_levels_kept(db)) return;
  drop_triggers(db);
  db.exec(std::string(embedded::best_level_rebuild_sql));
  db.exec(std::string(embedded::best_level_triggers_sql));
  transaction.commit();
}

bool suspend_best_levels(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  const bool kept = best_levels_kept(db);
  drop_triggers(db);
  transaction.commit();
  return kept;
}

bool worth_suspending(std::int64_t stored, std::int64_t remaining) {
  constexpr std::int64_t kMinimumBatch = 32;  // below it, the rebuild's fixed cost dominates
  return remaining >= kMinimumBatch && remaining >= stored;
}

}  // namespace iprdb::detail
