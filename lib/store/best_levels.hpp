#pragma once

// best_level (migration 0003): each key's chosen level, kept by triggers on observation, which
// a bulk load drops and replaces by one rebuild at its end.

#include <cstdint>

#include <SQLiteCpp/Database.h>

namespace iprdb::detail {

/// One row, one column: 1 when all of best_level's triggers are in place, else 0.
extern const char* const kBestLevelsKeptSql;

/// Whether best_level's triggers are in place, so that it holds the chosen figure of every
/// key. While a bulk load has them dropped, questions choose from observation instead.
bool best_levels_kept(SQLite::Database& db);

/// Rebuilds best_level and creates its triggers, in one transaction, unless they are in
/// place: after a bulk load, and at every writable open (a load that died left them out).
void keep_best_levels(SQLite::Database& db);

/// Drops best_level's triggers for a bulk load, in one transaction; keep_best_levels puts
/// them back. Returns whether they were there (another loader may have dropped them).
bool suspend_best_levels(SQLite::Database& db);

/// Whether loading about `remaining` more documents into a database that holds `stored` is
/// cheaper with best_level rebuilt once at the end than kept figure by figure. Keeping it
/// inserts each figure at a random place of a large table (measured: +55 % on loading 40 MB
/// into a new file); the rebuild sorts every stored level once, about half the cost per row,
/// so it pays when the batch is larger than what is stored.
bool worth_suspending(std::int64_t stored, std::int64_t remaining);

}  // namespace iprdb::detail
