#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <iprdb/types.hpp>

namespace iprdb {

/// The schema version this build writes; `PRAGMA user_version` of every iprdb file.
inline constexpr int kSchemaVersion = 1;
/// `PRAGMA application_id` of every iprdb file: "IPRD" in ASCII.
inline constexpr std::int32_t kApplicationId = 0x49505244;

enum class OpenMode {
  read_only,          ///< never writes; fails if the file is missing or needs migrating
  read_write,         ///< migrates an older schema; fails if the file is missing
  create_if_missing,  ///< read_write, creating the file (and schema) when it does not exist
};

/// What a database holds, for a one-line summary.
struct DatabaseSummary {
  int schema_version = 0;
  std::int64_t regions = 0;
  std::int64_t provinces = 0;
  std::int64_t prefectures = 0;
  std::int64_t counties = 0;
  std::int64_t historical_regions = 0;
  std::int64_t region_aliases = 0;
  std::int64_t indicators = 0;
  std::int64_t indicator_aliases = 0;
  std::int64_t documents = 0;
  std::int64_t observations = 0;
};

/// An iprdb database file: the schema, the gazetteer and catalog, documents and observations.
/// Move-only. Not thread-safe: use one Database per thread. Every method throws iprdb::Error
/// naming the file when SQLite fails.
class Database {
 public:
  /// Creates a database at `path` with the current schema, gazetteer and catalog.
  /// Throws Error(already_exists) if the file exists and is not empty.
  static Database create(const std::filesystem::path& path);

  /// Opens an existing database (or creates it, with OpenMode::create_if_missing).
  /// A file written by a newer iprdb is refused (schema_too_new); an older one is migrated
  /// when opened for writing; an SQLite file of another application is refused
  /// (not_an_iprdb_database). Read-write connections use WAL so readers never block.
  static Database open(const std::filesystem::path& path, OpenMode mode = OpenMode::read_only);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::filesystem::path& path() const noexcept;
  bool is_read_only() const noexcept;
  int schema_version() const;
  DatabaseSummary summary() const;

  /// Every region `name` could mean (code, full name, alias or pinyin); empty when none.
  std::vector<Region> find_regions(std::string_view name) const;
  /// The one region `name` means; nullopt when none; Error(ambiguous_name) when several.
  std::optional<Region> find_region(std::string_view name) const;
  /// The regions directly under `parent`.
  std::vector<Region> children(const RegionCode& parent) const;

  /// The one indicator `name` means (code, Chinese name or alias); nullopt when none;
  /// Error(ambiguous_name) when several.
  std::optional<Indicator> find_indicator(std::string_view name) const;
  /// The indicators stored in this database, by code.
  std::vector<Indicator> indicators() const;

 private:
  class Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iprdb
