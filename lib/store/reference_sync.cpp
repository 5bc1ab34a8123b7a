#include "store/reference_sync.hpp"

#include <cstdint>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <iprdb/reference.hpp>
#include <iprdb/version.hpp>

#include "reference/embedded.hpp"

namespace iprdb::detail {
namespace {

std::string reference_fingerprint() {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (auto part : {embedded::catalog_csv, embedded::gazetteer_regions,
                    embedded::gazetteer_aliases}) {
    for (unsigned char c : part) hash = (hash ^ c) * 1099511628211ull;
    hash = (hash ^ 0xff) * 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

template <typename T>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
  if (value) {
    if constexpr (std::is_same_v<T, RegionCode>) {
      statement.bind(index, value->to_int());
    } else {
      statement.bind(index, *value);
    }
  } else {
    statement.bind(index);
  }
}

void sync_regions(SQLite::Database& db) {
  const auto& gazetteer = Gazetteer::builtin();
  db.exec("CREATE TEMP TABLE IF NOT EXISTS current_region(id INTEGER PRIMARY KEY)");
  db.exec("DELETE FROM temp.current_region");
  SQLite::Statement upsert(db, R"sql(
      INSERT INTO region(id, code, name, short_name, level, parent_id, pinyin, valid_from,
                         valid_to, successor_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
      ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name,
        short_name = excluded.short_name, level = excluded.level, parent_id = excluded.parent_id,
        pinyin = excluded.pinyin, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
        successor_id = excluded.successor_id)sql");
  SQLite::Statement remember(db, "INSERT INTO temp.current_region(id) VALUES (?)");
  for (const auto& region : gazetteer.regions()) {
    upsert.bind(1, region.code.to_int());
    upsert.bind(2, region.code.str());
    upsert.bind(3, region.name);
    upsert.bind(4, region.short_name);
    upsert.bind(5, std::string(to_string(region.level)));
    bind_optional(upsert, 6, region.parent);
    upsert.bind(7, region.pinyin);
    bind_optional(upsert, 8, region.valid_from);
    bind_optional(upsert, 9, region.valid_to);
    bind_optional(upsert, 10, region.successor);
    upsert.exec();
    upsert.reset();
    remember.bind(1, region.code.to_int());
    remember.exec();
    remember.reset();
  }
  db.exec("DELETE FROM region_alias");
  SQLite::Statement alias(db, "INSERT OR IGNORE INTO region_alias(alias, region_id, kind) "
                              "VALUES (?, ?, ?)");
  for (const auto& entry : gazetteer.aliases()) {
    alias.bind(1, entry.alias);
    alias.bind(2, entry.code.to_int());
    alias.bind(3, entry.kind);
    alias.exec();
    alias.reset();
  }
  // A region dropped from the gazetteer stays while anything stored still points at it.
  db.exec(R"sql(
      DELETE FROM region
      WHERE id NOT IN (SELECT id FROM temp.current_region)
        AND id NOT IN (SELECT region_id FROM observation)
        AND id NOT IN (SELECT subject_region_id FROM document WHERE subject_region_id IS NOT NULL)
        AND id NOT IN (SELECT parent_id FROM region WHERE parent_id IS NOT NULL)
        AND id NOT IN (SELECT successor_id FROM region WHERE successor_id IS NOT NULL))sql");
}

void sync_indicators(SQLite::Database& db) {
  SQLite::Statement upsert(db, R"sql(
      INSERT INTO indicator(code, name_zh, name_en, unit, kind, category)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6)
      ON CONFLICT(code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
        unit = excluded.unit, kind = excluded.kind, category = excluded.category
      RETURNING id)sql");
  SQLite::Statement alias(db, "INSERT OR IGNORE INTO indicator_alias(alias, indicator_id) "
                              "VALUES (?, ?)");
  db.exec("DELETE FROM indicator_alias");
  for (const auto& indicator : Catalog::builtin().indicators()) {
    upsert.bind(1, indicator.code);
    upsert.bind(2, indicator.name_zh);
    upsert.bind(3, indicator.name_en);
    upsert.bind(4, indicator.unit);
    upsert.bind(5, std::string(to_string(indicator.kind)));
    upsert.bind(6, indicator.category);
    upsert.executeStep();
    const auto id = upsert.getColumn(0).getInt64();
    upsert.reset();
    for (const auto& name : indicator.aliases) {
      alias.bind(1, name);
      alias.bind(2, id);
      alias.exec();
      alias.reset();
    }
  }
}

}  // namespace

void sync_reference_data(SQLite::Database& db) {
  const std::string fingerprint = reference_fingerprint();
  SQLite::Statement stored(db, "SELECT value FROM iprdb_meta WHERE key = 'reference_fingerprint'");
  if (stored.executeStep() && stored.getColumn(0).getString() == fingerprint) return;
  stored.reset();

  // Checked again once the write lock is held: another process may have just done it.
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  const bool synced = stored.executeStep() && stored.getColumn(0).getString() == fingerprint;
  stored.reset();
  if (synced) return;
  db.exec("PRAGMA defer_foreign_keys = ON");
  sync_regions(db);
  sync_indicators(db);
  SQLite::Statement meta(db, "INSERT INTO iprdb_meta(key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  for (auto [key, value] : {std::pair<const char*, std::string>{"reference_fingerprint", fingerprint},
                            {"reference_written_by", fmt::format("iprdb {}", kVersion)}}) {
    meta.bind(1, key);
    meta.bind(2, value);
    meta.exec();
    meta.reset();
  }
  transaction.commit();
}

}  // namespace iprdb::detail
