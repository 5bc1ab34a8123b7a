#pragma once

// Indexes a bulk load builds once at its end instead of row by row.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace iprdb::detail {

/// Whether loading about `remaining` more documents into a database that holds `stored` is
/// cheaper with the deferrable indexes dropped and built again afterwards. A document's
/// figures land on a page of their own each in such an index (measured: a third of the time
/// of loading 40 MB into a new file), while building it sorts every row once, a tenth of what
/// a random insert costs, so a batch that adds a tenth of the database pays for the rebuild.
bool worth_deferring(std::int64_t stored, std::int64_t remaining);

/// Drops the deferrable indexes that exist, recording each one in iprdb_meta in the same
/// transaction, so that restore_deferred_indexes builds it again even if this process dies
/// before it does. Returns whether one was dropped. Questions never read these
/// indexes (they serve ad-hoc SQL), so readers stay correct while they are gone.
bool defer_indexes(SQLite::Database& db);

/// Builds every index recorded by defer_indexes, by this process or one that died, and
/// forgets the record, in one transaction. Nothing to do is the common case, and cheap.
void restore_deferred_indexes(SQLite::Database& db);

/// The deferrable indexes, name and CREATE INDEX statement (for the test that holds them to
/// the schema's).
std::vector<std::pair<std::string, std::string>> deferrable_index_definitions();

}  // namespace iprdb::detail
