#pragma once

#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace iprdb::detail {

/// One step of the schema: the SQL that takes a database from `version - 1` to `version`.
struct Migration {
  int version;
  std::string_view sql;
};

/// The migrations compiled into the library (schema/migrations/*.sql), in order.
const std::vector<Migration>& builtin_migrations();

/// Takes `db` from its `PRAGMA user_version` to `target` by applying `migrations`, then
/// re-creates the views (schema/views.sql) and stamps application_id and user_version, all in
/// one transaction: a failure leaves the file as it was.
void migrate(SQLite::Database& db, const std::vector<Migration>& migrations, int target);

}  // namespace iprdb::detail
