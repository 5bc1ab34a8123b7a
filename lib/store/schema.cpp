#include "store/schema.hpp"

#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>

#include "reference/embedded.hpp"

namespace iprdb::detail {

const std::vector<Migration>& builtin_migrations() {
  static const std::vector<Migration> migrations = {
      {1, embedded::migration_0001_init},
      {2, embedded::migration_0002_figure_index},
      {3, embedded::migration_0003_best_level},
      {4, embedded::migration_0004_best_level_by_depth},
  };
  return migrations;
}

void migrate(SQLite::Database& db, const std::vector<Migration>& migrations, int target) {
  // IMMEDIATE, and the version read inside: two processes opening one new file at once take
  // turns, and the second finds the schema the first wrote instead of writing it again.
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  const int current = db.execAndGet("PRAGMA user_version").getInt();
  for (const auto& migration : migrations) {
    if (migration.version > current && migration.version <= target) db.exec(std::string(migration.sql));
  }
  db.exec(std::string(embedded::views_sql));
  db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  db.exec(fmt::format("PRAGMA user_version = {}", target));
  transaction.commit();
}

}  // namespace iprdb::detail
