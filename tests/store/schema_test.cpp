#include <fstream>
#include <regex>
#include <sstream>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/query.hpp>

#include "store/deferred_indexes.hpp"
#include "store/reference_sync.hpp"
#include "store/schema.hpp"
#include "testing.hpp"

using iprdb::Database;
using iprdb::testing::TempDir;

namespace {

// A document and observations of 贵州 520000 and 甘肃 620000 written with plain SQL, the way a
// person in the sqlite3 shell would see them.
void add_sample_observations(const std::filesystem::path& path) {
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  raw.exec(R"sql(
    INSERT INTO document(id, sha256, origin, format, title, published_on, subject_region_id,
                         reporting_year, encoding, text)
    VALUES (1, printf('%064d', 1), 'a.txt', 'text', '甲公报', '2023-04-20', 520000, 2022, 'UTF-8',
            '全省专利授权4.1万件。'),
           (2, printf('%064d', 2), 'b.txt', 'text', '乙公报', '2023-05-01', 520000, 2022, 'UTF-8',
            '全省专利授权4.2万件。'),
           (3, printf('%064d', 3), 'c.jsonl', 'jsonl', NULL, NULL, NULL, NULL, 'UTF-8', '{}');
    INSERT INTO observation(region_id, indicator_id, year, measure, status, value, unit,
                            value_text, qualifier, document_id, span_start, span_end, quote, origin)
    SELECT 520000, id, 2022, 'level', 'actual', 41000, '件', '4.1万', 'exact', 1, 2, 11,
           '专利授权4.1万件', 'extracted' FROM indicator WHERE code = 'patent.grant'
    UNION ALL
    SELECT 520000, id, 2022, 'level', 'actual', 42000, '件', '4.2万', 'exact', 2, 2, 11,
           '专利授权4.2万件', 'extracted' FROM indicator WHERE code = 'patent.grant'
    UNION ALL
    SELECT 620000, id, 2022, 'level', 'actual', 20000, '件', NULL, 'exact', 3, NULL, NULL, NULL,
           'curated' FROM indicator WHERE code = 'patent.grant';
  )sql");
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("every table is STRICT", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string());
  SQLite::Statement tables(raw, "SELECT name, strict FROM pragma_table_list "
                                "WHERE schema = 'main' AND type = 'table' "
                                "AND name NOT LIKE 'sqlite_%'");
  int count = 0;
  while (tables.executeStep()) {
    INFO(tables.getColumn(0).getString());
    CHECK(tables.getColumn(1).getInt() == 1);
    ++count;
  }
  CHECK(count == 7);
}

TEST_CASE("a wrong type or value is rejected by the schema", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  add_sample_observations(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string(), SQLite::OPEN_READWRITE);
  CHECK_THROWS(raw.exec("UPDATE observation SET year = 'last year'"));
  CHECK_THROWS(raw.exec("UPDATE observation SET measure = 'vibes'"));
  CHECK_THROWS(raw.exec("UPDATE observation SET measure = 'rank'"));  // a rank needs a scope
  CHECK_THROWS(raw.exec("UPDATE document SET published_on = '20 April 2023'"));
}

TEST_CASE("the views show names sources and quotes", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  add_sample_observations(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string());

  SQLite::Statement v(raw, "SELECT region, indicator, value, source_title, quote "
                           "FROM observation_v WHERE region_code = '520000' ORDER BY value");
  REQUIRE(v.executeStep());
  CHECK(v.getColumn(0).getString() == "贵州省");
  CHECK(v.getColumn(1).getString() == "专利授权量");
  CHECK(v.getColumn(2).getDouble() == 41000);
  CHECK(v.getColumn(3).getString() == "甲公报");

  // The quote is exactly the span of the stored text.
  CHECK(raw.execAndGet("SELECT count(*) FROM observation o JOIN document d ON d.id = o.document_id "
                       "WHERE o.quote IS NOT NULL AND "
                       "substr(d.text, o.span_start + 1, o.span_end - o.span_start) <> o.quote")
            .getInt() == 0);

  // Newest publication wins among extracted figures; the other document is a conflict.
  CHECK(raw.execAndGet("SELECT value FROM best_observation WHERE region_code = '520000'")
            .getDouble() == 42000);
  CHECK(raw.execAndGet("SELECT count(*) FROM conflict_v").getInt() == 2);
  CHECK(raw.execAndGet("SELECT group_concat(region, ',') FROM "
                       "(SELECT region FROM coverage_v ORDER BY region_code)")
            .getString() == "贵州省,甘肃省");
}

TEST_CASE("a curated figure is preferred over an extracted one", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  add_sample_observations(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string(), SQLite::OPEN_READWRITE);
  raw.exec("UPDATE observation SET region_id = 520000 WHERE origin = 'curated'");
  CHECK(raw.execAndGet("SELECT value FROM best_observation WHERE region_code = '520000'")
            .getDouble() == 20000);
}

TEST_CASE("the example queries of schema/README.md run", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  add_sample_observations(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string(), SQLite::OPEN_READONLY);
  const std::string readme = read_text(IPRDB_SOURCE_DIR "/schema/README.md");
  const std::regex block("```sql\n([^`]*)```");
  int queries = 0;
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), block);
       it != std::sregex_iterator(); ++it) {
    const std::string sql = (*it)[1];
    INFO(sql);
    SQLite::Statement query(raw, sql);
    CHECK(query.executeStep());  // each example returns at least one row on this data
    ++queries;
  }
  CHECK(queries >= 3);
}

TEST_CASE("migrations run in order in one transaction", "[store]") {
  TempDir dir;
  const auto path = (dir / "m.sqlite").string();
  SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const std::vector<iprdb::detail::Migration> migrations = {
      {1, "CREATE TABLE t(x INTEGER) STRICT; INSERT INTO t VALUES (1);"},
      {2, "ALTER TABLE t ADD COLUMN y TEXT; UPDATE t SET y = 'two';"},
      {3, "INSERT INTO t VALUES (3, 'three'); CREATE TABLE broken(;"},
  };
  iprdb::detail::migrate(raw, migrations, 1);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 1);
  CHECK(raw.execAndGet("PRAGMA application_id").getInt() == iprdb::kApplicationId);
  CHECK(raw.execAndGet("SELECT x FROM t").getInt() == 1);

  iprdb::detail::migrate(raw, migrations, 2);  // applies only version 2
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
  CHECK(raw.execAndGet("SELECT y FROM t WHERE x = 1").getString() == "two");
  CHECK(raw.execAndGet("SELECT count(*) FROM t").getInt() == 1);

  CHECK_THROWS(iprdb::detail::migrate(raw, migrations, 3));
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
  CHECK(raw.execAndGet("SELECT count(*) FROM t").getInt() == 1);  // the failed step left nothing
}

TEST_CASE("an older database is migrated when opened for writing", "[store]") {
  TempDir dir;
  const auto path = dir / "old.sqlite";
  {
    // Version 0 of an iprdb file: stamped but never given a schema.
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA application_id = " + std::to_string(iprdb::kApplicationId));
  }
  try {
    Database::open(path);
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == iprdb::ErrorCode::schema_too_old);
    CHECK_THAT(e.what(), Catch::Contains("schema version 0 needs migrating to " +
                                         std::to_string(iprdb::kSchemaVersion)));
  }
  auto db = Database::open(path, iprdb::OpenMode::read_write);
  CHECK(db.schema_version() == iprdb::kSchemaVersion);
  CHECK(db.summary().provinces == 34);
}

TEST_CASE("a version 1 database keeps its figures and gets the figure index", "[store]") {
  TempDir dir;
  const auto path = dir / "v1.sqlite";
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    iprdb::detail::migrate(raw, iprdb::detail::builtin_migrations(), 1);
    iprdb::detail::sync_reference_data(raw);
  }
  add_sample_observations(path);
  {
    SQLite::Database raw(path.string());
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'observation_region'")
              .getInt() == 1);
  }
  {
    auto db = Database::open(path, iprdb::OpenMode::read_write);
    CHECK(db.schema_version() == 2);
  }
  SQLite::Database raw(path.string());
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'observation_region'")
            .getInt() == 0);
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'observation_figure'")
            .getInt() == 1);
  CHECK(raw.execAndGet("SELECT count(*) FROM observation").getInt() == 3);
  CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");

  auto db = Database::open(path);
  iprdb::Comparison question;
  question.indicator = "patent.grant";
  question.year = iprdb::Year(2022);
  question.scope.regions = {"贵州", "甘肃"};
  const auto rows = db.compare(question);
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0].observation);
  CHECK(rows[0].observation->value == 42000);  // the newer publication of two
  REQUIRE(rows[1].observation);
  CHECK(rows[1].observation->origin == "curated");
}

// ---- indexes a bulk load defers ---------------------------------------------------------------

namespace {

bool has_index(const std::filesystem::path& path, const std::string& name) {
  SQLite::Database raw(path.string());
  SQLite::Statement query(raw, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?");
  query.bind(1, name);
  return query.executeStep();
}

std::int64_t deferral_records(const std::filesystem::path& path) {
  SQLite::Database raw(path.string());
  return raw.execAndGet("SELECT count(*) FROM iprdb_meta WHERE key LIKE 'deferred_index:%'")
      .getInt64();
}

}  // namespace

TEST_CASE("a deferrable index is built again exactly as the schema defines it", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string(), SQLite::OPEN_READWRITE);
  const auto definitions = iprdb::detail::deferrable_index_definitions();
  REQUIRE_FALSE(definitions.empty());
  for (const auto& [name, definition] : definitions) {
    SQLite::Statement query(raw, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?");
    query.bind(1, name);
    REQUIRE(query.executeStep());
    CHECK(query.getColumn(0).getString() == definition);
  }
}

TEST_CASE("deferred indexes are recorded with the drop, and rebuilt at the next writable open",
          "[store]") {
  TempDir dir;
  const auto path = dir / "a.sqlite";
  Database::create(path);
  add_sample_observations(path);
  const std::string name = iprdb::detail::deferrable_index_definitions().front().first;
  {
    // A bulk load that drops the index and dies before it ends.
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    CHECK(iprdb::detail::defer_indexes(raw));
    CHECK_FALSE(iprdb::detail::defer_indexes(raw));  // a second loader finds it done
  }
  CHECK_FALSE(has_index(path, name));
  CHECK(deferral_records(path) == 1);
  {
    // Questions do not depend on it: a reader gets the same answer meanwhile.
    auto reader = Database::open(path, iprdb::OpenMode::read_only);
    iprdb::Comparison question;
    question.indicator = "patent.grant";
    question.year = iprdb::Year(2022);
    question.scope.regions = {"贵州", "甘肃"};
    const auto rows = reader.compare(question);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].observation->value == 42000);
    CHECK(rows[1].observation->value == 20000);
    CHECK(deferral_records(path) == 1);  // a reader builds nothing
  }
  { auto writer = Database::open(path, iprdb::OpenMode::read_write); }
  CHECK(has_index(path, name));
  CHECK(deferral_records(path) == 0);
  SQLite::Database raw(path.string());
  CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a bulk load defers only when it adds a tenth of what is stored", "[store]") {
  using iprdb::detail::worth_deferring;
  CHECK(worth_deferring(0, 32));
  CHECK_FALSE(worth_deferring(0, 31));     // too few to pay for a rebuild
  CHECK(worth_deferring(5000, 500));
  CHECK_FALSE(worth_deferring(5000, 499));  // an update of a large database
}
