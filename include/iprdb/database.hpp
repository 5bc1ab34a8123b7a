#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <iprdb/ingest.hpp>
#include <iprdb/types.hpp>

namespace iprdb {

namespace detail {
// The library's own stages and its tests reach the connection through this (store/).
struct DatabaseAccess;
}  // namespace detail

// The questions and their rows (query.hpp).
struct Comparison;
struct ComparisonRow;
struct Ranking;
struct RankingRow;
struct TimeSeries;
struct TimeSeriesRow;
struct Growth;
struct GrowthRow;
struct Latest;
struct LatestRow;
struct Coverage;
struct CoverageRow;
struct Provenance;
struct Scope;
struct SqlResult;

/// The schema version this build writes; `PRAGMA user_version` of every iprdb file.
inline constexpr int kSchemaVersion = 4;
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

  // Comparative questions (include <iprdb/query.hpp>). Regions and indicators are accepted by
  // code, Chinese name, alias or pinyin; a name that fits none is Error(unknown_region) or
  // Error(unknown_indicator), one that fits several is Error(ambiguous_name) listing them.

  /// One row per region in scope, in scope order; regions without a figure are missing rows.
  std::vector<ComparisonRow> compare(const Comparison& request) const;
  /// The regions in scope by figure, ties sharing a place; missing regions last.
  std::vector<RankingRow> rank(const Ranking& request) const;
  /// One row per year in range, missing years included.
  std::vector<TimeSeriesRow> series(const TimeSeries& request) const;
  /// Reported growth, or growth computed from two levels; the row says which.
  std::vector<GrowthRow> growth(const Growth& request) const;
  /// Each region's most recent figure up to a year.
  std::vector<LatestRow> latest(const Latest& request) const;
  /// Which regions have which indicators for which years.
  std::vector<CoverageRow> coverage(const Coverage& request) const;
  /// Where observation `id` comes from and which documents agree or conflict; nullopt when
  /// there is no such observation.
  std::optional<Provenance> provenance(std::int64_t id) const;
  /// The regions a scope names, in its order; with `year`, only units that existed then.
  std::vector<Region> regions_in(const Scope& scope, std::optional<Year> year = std::nullopt) const;
  /// Runs one statement that only reads (SELECT, WITH … SELECT, a read-only PRAGMA).
  /// Anything that would write or change the connection is refused with
  /// Error(write_in_read_only_query) before it runs, and nothing is changed.
  SqlResult sql(std::string_view statement) const;

  // Loading bulletins and records (ingest.hpp; lib/load/).

  /// Loads bulletins (.txt, .htm, .html) and JSON Lines records of facts (.jsonl) into the
  /// database. Each input is a file or a directory (recursed, sorted by path, only those
  /// extensions). Each file is stored in its own transaction, its document row with all its
  /// observations or nothing; a file whose SHA-256 is already stored is `unchanged`. A bad
  /// file is a failed FileOutcome and the batch goes on. Throws Error(read_only) on a
  /// read-only Database, and Error when the database itself fails (locked, read-only file,
  /// disk full, corrupt): the files before stay stored.
  IngestReport ingest(const std::vector<std::filesystem::path>& inputs,
                      const IngestOptions& options = {});
  /// Runs this build's extractor again over every stored bulletin whose extractor version
  /// differs, replacing its extracted observations (curated ones stay), one transaction per
  /// document. Throws as ingest does.
  IngestReport reextract(const IngestOptions& options = {});

  /// The connection and its prepared statements. Named here so that the library's stages
  /// can hand it to each other; defined inside the library only.
  class Impl;

 private:
  friend struct detail::DatabaseAccess;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iprdb
