#include <sqlite3.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "store/database_impl.hpp"
#include "store/best_levels.hpp"
#include "store/reference_sync.hpp"
#include "store/schema.hpp"
#include "store/sqlite_error.hpp"

namespace iprdb {

namespace fs = std::filesystem;
using detail::translate_sqlite_errors;

namespace {

// How long a writer waits for another process's transaction before giving up.
constexpr int kBusyTimeoutMs = 10000;

void check_path_before_open(const fs::path& path, OpenMode mode) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) {
    throw Error(ErrorCode::io, "is a directory, not a database file", path);
  }
  if (fs::exists(status)) return;
  if (mode != OpenMode::create_if_missing) {
    throw Error(ErrorCode::file_not_found,
                "no such database file (create one with `iprdb-load --db PATH --init`)", path);
  }
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(directory, ec)) {
    throw Error(ErrorCode::io, fmt::format("the directory {} does not exist", directory.string()),
                path);
  }
}

// A file from elsewhere must not be able to run code through its schema (triggers and views
// calling risky functions) or corrupt itself through writable_schema tricks.
void harden(SQLite::Database& db) {
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  db.exec("PRAGMA trusted_schema = OFF");
}

}  // namespace

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::create(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec) && fs::file_size(path, ec) > 0) {
    throw Error(ErrorCode::already_exists,
                "already exists; open it, or remove it to start afresh", path);
  }
  return open(path, OpenMode::create_if_missing);
}

Database Database::open(const fs::path& path, OpenMode mode) {
  check_path_before_open(path, mode);
  const bool read_only = mode == OpenMode::read_only;
  return translate_sqlite_errors(path, "opening the database", [&] {
    // A Database is used by one thread at a time (database.hpp), so its connection needs no
    // mutex of its own: Debian's SQLite locks one around every call otherwise (3 % of a
    // ranking). The loader's extraction threads open connections of their own.
    const int flags = SQLite::OPEN_NOMUTEX |
                      (read_only ? SQLite::OPEN_READONLY
                                 : SQLite::OPEN_READWRITE |
                                       (mode == OpenMode::create_if_missing ? SQLite::OPEN_CREATE
                                                                            : 0));
    SQLite::Database db(path.string(), flags, kBusyTimeoutMs);
    harden(db);
    // The first read of the header is where a non-SQLite file shows itself (SQLITE_NOTADB).
    // One statement, so one snapshot: read one by one, another process creating the same new
    // file could commit its schema between the reads, and a blank file would look foreign.
    int application_id = 0;
    int version = 0;
    bool blank = false;
    {
      SQLite::Statement header(db,
                               "SELECT (SELECT application_id FROM pragma_application_id), "
                               "(SELECT user_version FROM pragma_user_version), "
                               "(SELECT count(*) FROM sqlite_schema)");
      header.executeStep();
      application_id = header.getColumn(0).getInt();
      version = header.getColumn(1).getInt();
      blank = header.getColumn(2).getInt() == 0;
    }
    if (application_id != kApplicationId) {
      if (!(application_id == 0 && blank)) {
        throw Error(ErrorCode::not_an_iprdb_database,
                    fmt::format("not an iprdb database (application_id {:#010x}, iprdb's is "
                                "{:#010x}); refusing to touch it",
                                static_cast<std::uint32_t>(application_id),
                                static_cast<std::uint32_t>(kApplicationId)),
                    path);
      }
      if (read_only) {
        throw Error(ErrorCode::not_an_iprdb_database,
                    "an empty file, not an iprdb database (create one with "
                    "`iprdb-load --db PATH --init`)",
                    path);
      }
    }
    if (version > kSchemaVersion) {
      throw Error(ErrorCode::schema_too_new,
                  fmt::format("written by a newer iprdb (schema version {}; this build reads up "
                              "to {}); upgrade iprdb to open it",
                              version, kSchemaVersion),
                  path);
    }
    if (read_only) {
      if (version < kSchemaVersion) {
        throw Error(ErrorCode::schema_too_old,
                    fmt::format("schema version {} needs migrating to {}; run "
                                "`iprdb-load --db PATH --init` once",
                                version, kSchemaVersion),
                    path);
      }
      db.exec("PRAGMA query_only = ON");
      // Questions read a few pages here and there of a file that can be gigabytes: mapped,
      // a page costs no read() call and no copy (13–35 % faster, perf-baseline.md §2).
      // Readers only; a writer's memory would grow with every page it maps. As much as
      // Debian's SQLite allows (SQLITE_MAX_MMAP_SIZE, just under 2 GiB): address space costs
      // nothing, and past the mapping every page goes back to read().
      db.exec("PRAGMA mmap_size = 2147418112");
    } else {
      if (sqlite3_db_readonly(db.getHandle(), "main") == 1) {
        throw Error(ErrorCode::read_only, "the file is read-only; cannot open it for writing",
                    path);
      }
      db.exec("PRAGMA journal_mode = WAL");
      // Debian builds SQLite with WAL at synchronous=FULL; NORMAL is durable against crashes
      // of the process and loses at most the last commit on power loss.
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA foreign_keys = ON");
      if (version < kSchemaVersion) {
        detail::migrate(db, detail::builtin_migrations(), kSchemaVersion);
      }
      detail::sync_reference_data(db);
      // A bulk load that died left best_level to whoever writes next.
      detail::keep_best_levels(db);
    }
    return Database(std::make_unique<Impl>(path, read_only, std::move(db)));
  });
}

const fs::path& Database::path() const noexcept { return impl_->path(); }
bool Database::is_read_only() const noexcept { return impl_->read_only(); }

int Database::schema_version() const {
  return impl_->guarded("reading the schema version",
                        [&] { return impl_->db().execAndGet("PRAGMA user_version").getInt(); });
}

DatabaseSummary Database::summary() const {
  return impl_->guarded("summarizing the database", [&] {
    DatabaseSummary s;
    s.schema_version = impl_->db().execAndGet("PRAGMA user_version").getInt();
    s.regions = impl_->count("SELECT count(*) FROM region");
    s.provinces = impl_->count("SELECT count(*) FROM region WHERE level = 'province'");
    s.prefectures = impl_->count("SELECT count(*) FROM region WHERE level = 'prefecture'");
    s.counties = impl_->count("SELECT count(*) FROM region WHERE level = 'county'");
    s.historical_regions = impl_->count("SELECT count(*) FROM region WHERE valid_to IS NOT NULL");
    s.region_aliases = impl_->count("SELECT count(*) FROM region_alias");
    s.indicators = impl_->count("SELECT count(*) FROM indicator");
    s.indicator_aliases = impl_->count("SELECT count(*) FROM indicator_alias");
    s.documents = impl_->count("SELECT count(*) FROM document");
    s.observations = impl_->count("SELECT count(*) FROM observation");
    return s;
  });
}

std::vector<Region> Database::find_regions(std::string_view name) const {
  return Gazetteer::builtin().find(name);
}

std::optional<Region> Database::find_region(std::string_view name) const {
  return Gazetteer::builtin().find_unique(name);
}

std::vector<Region> Database::children(const RegionCode& parent) const {
  return Gazetteer::builtin().children(parent);
}

std::optional<Indicator> Database::find_indicator(std::string_view name) const {
  return Catalog::builtin().find_unique(name);
}

std::vector<Indicator> Database::indicators() const {
  return impl_->guarded("reading the indicator catalog", [&] {
    std::vector<Indicator> out;
    SQLite::Statement query(impl_->db(), R"sql(
        SELECT i.code, i.name_zh, i.name_en, i.unit, i.kind, i.category,
               (SELECT group_concat(alias, '|') FROM
                  (SELECT alias FROM indicator_alias a WHERE a.indicator_id = i.id ORDER BY alias))
        FROM indicator i ORDER BY i.code)sql");
    while (query.executeStep()) {
      Indicator indicator;
      indicator.code = query.getColumn(0).getString();
      indicator.name_zh = query.getColumn(1).getString();
      indicator.name_en = query.getColumn(2).getString();
      indicator.unit = query.getColumn(3).getString();
      indicator.kind = parse_indicator_kind(query.getColumn(4).getString()).value_or(IndicatorKind::flow);
      indicator.category = query.getColumn(5).getString();
      std::string aliases = query.getColumn(6).getString();
      for (std::size_t start = 0; start < aliases.size();) {
        auto bar = aliases.find('|', start);
        if (bar == std::string::npos) bar = aliases.size();
        indicator.aliases.push_back(aliases.substr(start, bar - start));
        start = bar + 1;
      }
      out.push_back(std::move(indicator));
    }
    return out;
  });
}

}  // namespace iprdb
