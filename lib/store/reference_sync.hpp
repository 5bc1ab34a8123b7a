#pragma once

#include <SQLiteCpp/Database.h>

namespace iprdb::detail {

/// Brings the region, region_alias, indicator and indicator_alias tables in line with the
/// gazetteer and catalog built into this library, unless the fingerprint stored in iprdb_meta
/// says they already are. Ids are stable (regions by code, indicators by code), so stored
/// observations keep their meaning. Runs in one transaction.
void sync_reference_data(SQLite::Database& db);

}  // namespace iprdb::detail
