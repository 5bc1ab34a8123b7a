#include <fstream>
#include <regex>
#include <sstream>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/query.hpp>

#include "store/best_levels.hpp"
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


std::string chosen(const std::filesystem::path& path) {
  SQLite::Database raw(path.string());
  SQLite::Statement query(raw, "SELECT region_id, value, document_id FROM best_level "
                               "ORDER BY region_id");
  std::string out;
  while (query.executeStep()) {
    out += query.getColumn(0).getString() + ":" + query.getColumn(1).getString() + "@" +
           query.getColumn(2).getString() + " ";
  }
  return out;
}

bool kept(const std::filesystem::path& path) {
  SQLite::Database raw(path.string());
  return iprdb::detail::best_levels_kept(raw);
}

// 贵州 and 甘肃's patent grants in 2022, through a reader.
std::vector<double> compared(const std::filesystem::path& path) {
  auto reader = Database::open(path, iprdb::OpenMode::read_only);
  iprdb::Comparison question;
  question.indicator = "patent.grant";
  question.year = iprdb::Year(2022);
  question.scope.regions = {"贵州", "甘肃"};
  std::vector<double> out;
  for (const auto& row : reader.compare(question)) {
    out.push_back(row.observation ? row.observation->value : -1);
  }
  return out;
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
  CHECK(count == 8);
}

TEST_CASE("a wrong type or value is rejected by the schema", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  add_sample_observations(dir / "a.sqlite");
  SQLite::Database raw((dir / "a.sqlite").string(), SQLite::OPEN_READWRITE);
  auto insert = [&](const std::string& year, const std::string& measure) {
    raw.exec("INSERT INTO observation(id, region_id, indicator_id, year, measure, status, value, "
             "unit, qualifier, document_id, origin) SELECT 99, 520000, id, " + year + ", " +
             measure + ", 'actual', 1, '件', 'exact', 1, 'extracted' FROM indicator LIMIT 1");
  };
  CHECK_NOTHROW(insert("2022", "'level'"));
  raw.exec("DELETE FROM observation WHERE id = 99");
  CHECK_THROWS_WITH(insert("'last year'", "'level'"), Catch::Contains("cannot store TEXT"));
  CHECK_THROWS_WITH(insert("2022", "'vibes'"), Catch::Contains("CHECK constraint failed"));
  // A rank needs a scope.
  CHECK_THROWS_WITH(insert("2022", "'rank'"), Catch::Contains("CHECK constraint failed"));
  CHECK_THROWS_WITH(raw.exec("INSERT INTO document(sha256, origin, format, published_on, encoding, "
                             "text) VALUES (printf('%064d', 4), 'd.txt', 'text', '20 April 2023', "
                             "'UTF-8', '')"),
                    Catch::Contains("CHECK constraint failed"));
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
  raw.exec("INSERT INTO observation(region_id, indicator_id, year, measure, status, value, unit, "
           "qualifier, document_id, origin) SELECT 520000, indicator_id, year, measure, status, "
           "value, unit, qualifier, document_id, origin FROM observation WHERE origin = 'curated'");
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

TEST_CASE("a version 1 database keeps its figures and gets the figure index and best_level",
          "[store]") {
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
    CHECK(db.schema_version() == iprdb::kSchemaVersion);
  }
  SQLite::Database raw(path.string());
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'observation_region'")
            .getInt() == 0);
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'observation_figure'")
            .getInt() == 1);
  CHECK(raw.execAndGet("SELECT count(*) FROM observation").getInt() == 3);
  // Schema 3: the figures chosen, and the index they replace gone.
  CHECK(chosen(path) == "520000:42000.0@2 620000:20000.0@3 ");
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'observation_compare'")
            .getInt() == 0);
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

TEST_CASE("best_level holds each key's chosen figure as observations are inserted and deleted",
          "[store]") {
  TempDir dir;
  const auto path = dir / "a.sqlite";
  Database::create(path);
  add_sample_observations(path);
  // 贵州: the newer of two bulletins; 甘肃: the curated record.
  CHECK(chosen(path) == "520000:42000.0@2 620000:20000.0@3 ");
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  raw.exec("DELETE FROM observation WHERE document_id = 2");
  CHECK(chosen(path) == "520000:41000.0@1 620000:20000.0@3 ");  // the next best takes its place
  raw.exec("DELETE FROM observation WHERE document_id = 3");
  CHECK(chosen(path) == "520000:41000.0@1 ");
  // Facts are not edited in place; the date that decides between figures, and the title and
  // file that best_level copies, stay under the figures that have them.
  CHECK_THROWS_WITH(raw.exec("UPDATE observation SET value = 1"),
                    Catch::Contains("not changed in place"));
  for (const char* change : {"published_on = '2020-01-01'", "title = '另一标题'",
                             "origin = 'elsewhere.txt'"}) {
    CAPTURE(change);
    CHECK_THROWS_WITH(raw.exec(std::string("UPDATE document SET ") + change + " WHERE id = 1"),
                      Catch::Contains("keeps its date, title and file"));
  }
  CHECK(chosen(path) == "520000:41000.0@1 ");
  CHECK(raw.execAndGet("SELECT source_title || '|' || source_file FROM best_level_v")
            .getString() == raw.execAndGet("SELECT title || '|' || origin FROM document "
                                           "WHERE id = 1").getString());
  // A document whose figures are gone is free to change.
  raw.exec("UPDATE document SET title = '另一标题', published_on = '2020-01-01' WHERE id = 2");
}

TEST_CASE("a load that dropped best_level's triggers and died leaves readers right and the next "
          "writer rebuilding",
          "[store]") {
  TempDir dir;
  const auto path = dir / "a.sqlite";
  Database::create(path);
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    CHECK(iprdb::detail::suspend_best_levels(raw));
    CHECK_FALSE(iprdb::detail::suspend_best_levels(raw));  // a second loader finds them gone
  }
  add_sample_observations(path);  // stored while the triggers are gone
  CHECK_FALSE(kept(path));
  CHECK(chosen(path).empty());
  CHECK(compared(path) == std::vector<double>{42000, 20000});  // chosen from observation
  CHECK_FALSE(kept(path));                                     // a reader builds nothing
  { auto writer = Database::open(path, iprdb::OpenMode::read_write); }
  CHECK(kept(path));
  CHECK(chosen(path) == "520000:42000.0@2 620000:20000.0@3 ");
  CHECK(compared(path) == std::vector<double>{42000, 20000});
  SQLite::Database raw(path.string());
  CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("an open reader notices best_level's triggers going and coming back", "[store]") {
  // A reader remembers the schema version at which it last found the triggers in place; a
  // loader dropping them in another connection must still send its next question to
  // observation, or it would miss what that loader stores meanwhile.
  TempDir dir;
  const auto path = dir / "a.sqlite";
  Database::create(path);
  add_sample_observations(path);
  auto reader = Database::open(path, iprdb::OpenMode::read_only);
  iprdb::Comparison question;
  question.indicator = "patent.grant";
  question.year = iprdb::Year(2022);
  question.scope.regions = {"贵州", "甘肃"};
  auto values = [&] {
    std::vector<double> out;
    for (const auto& row : reader.compare(question)) {
      out.push_back(row.observation ? row.observation->value : -1);
    }
    return out;
  };
  CHECK(values() == std::vector<double>{42000, 20000});
  CHECK(values() == std::vector<double>{42000, 20000});  // asked again at the same version
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  REQUIRE(iprdb::detail::suspend_best_levels(raw));
  // Curated, so better than the extracted 42000 that best_level still holds.
  raw.exec(R"sql(
    INSERT INTO observation(region_id, indicator_id, year, measure, status, value, unit,
                            value_text, qualifier, document_id, span_start, span_end, quote, origin)
    SELECT 520000, id, 2022, 'level', 'actual', 43000, '件', NULL, 'exact', 3, NULL, NULL, NULL,
           'curated' FROM indicator WHERE code = 'patent.grant')sql");
  CHECK(raw.execAndGet("SELECT value FROM best_level WHERE region_id = 520000").getDouble() ==
        42000);
  CHECK(values() == std::vector<double>{43000, 20000});  // chosen from observation
  iprdb::detail::keep_best_levels(raw);
  CHECK(values() == std::vector<double>{43000, 20000});  // from the rebuilt best_level
  CHECK(raw.execAndGet("SELECT value FROM best_level WHERE region_id = 520000").getDouble() ==
        43000);
}

TEST_CASE("a bulk load rebuilds best_level only when it adds more than is stored", "[store]") {
  using iprdb::detail::worth_suspending;
  CHECK(worth_suspending(0, 32));
  CHECK_FALSE(worth_suspending(0, 31));  // too few to pay for a rebuild
  CHECK(worth_suspending(500, 500));
  CHECK_FALSE(worth_suspending(501, 500));  // an update of a larger database
}
