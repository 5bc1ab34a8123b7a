#include "store/deferred_indexes.hpp"

#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace iprdb::detail {

namespace {

// observation_compare is ordered by indicator and year, so the figures of one bulletin (one
// region, tens of indicators) are spread over as many leaf pages, each written to the WAL at
// the document's commit. observation_figure starts with the region: a bulletin's figures
// share its pages, and questions need it while a batch loads, so it stays.
//
// The definitions are the schema's own (store tests compare them with a new file's), kept
// here rather than read back from the file: SQL found in a database is never executed.
struct Deferrable {
  const char* name;
  const char* definition;
};
constexpr Deferrable kDeferrable[] = {
    {"observation_compare",
     "CREATE INDEX observation_compare ON observation(indicator_id, year, region_id, value)"},
};

constexpr const char* kMetaPrefix = "deferred_index:";

bool index_exists(SQLite::Database& db, const char* name) {
  SQLite::Statement query(db, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?");
  query.bind(1, name);
  return query.executeStep();
}

bool deferred(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT 1 FROM iprdb_meta WHERE key LIKE ? LIMIT 1");
  query.bind(1, std::string(kMetaPrefix) + "%");
  return query.executeStep();
}

}  // namespace

bool worth_deferring(std::int64_t stored, std::int64_t remaining) {
  constexpr std::int64_t kMinimumBatch = 32;  // below it, the rebuild's fixed cost dominates
  return remaining >= kMinimumBatch && remaining * 10 >= stored;
}

bool defer_indexes(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement remember(db, "INSERT OR REPLACE INTO iprdb_meta(key, value) VALUES (?, ?)");
  bool dropped = false;
  for (const auto& index : kDeferrable) {
    if (!index_exists(db, index.name)) continue;  // deferred already, by another loader
    remember.reset();
    remember.bind(1, std::string(kMetaPrefix) + index.name);
    remember.bind(2, "dropped for a bulk load; built again when the load ends or the file is "
                     "next opened for writing");
    remember.exec();
    db.exec(std::string("DROP INDEX ") + index.name);
    dropped = true;
  }
  transaction.commit();
  return dropped;
}

void restore_deferred_indexes(SQLite::Database& db) {
  if (!deferred(db)) return;
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement forget(db, "DELETE FROM iprdb_meta WHERE key = ?");
  // Looked at again inside the write transaction: another process may have built them since.
  for (const auto& index : kDeferrable) {
    if (!index_exists(db, index.name)) db.exec(index.definition);
    forget.reset();
    forget.bind(1, std::string(kMetaPrefix) + index.name);
    forget.exec();
  }
  transaction.commit();
}

std::vector<std::pair<std::string, std::string>> deferrable_index_definitions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& index : kDeferrable) out.emplace_back(index.name, index.definition);
  return out;
}

}  // namespace iprdb::detail
