// Database files from elsewhere: a schema that tries to run code, ad-hoc SQL that tries to
// write, attach or load, and damaged files. Each fails with an iprdb::Error and changes nothing.
#include <sqlite3.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/query.hpp>

#include "testing.hpp"

namespace fs = std::filesystem;
using iprdb::Database;
using iprdb::ErrorCode;
using iprdb::OpenMode;
using iprdb::testing::error_of;
using iprdb::testing::read_file;
using iprdb::testing::TempDir;
using iprdb::testing::write_file;

namespace {

const fs::path kLoadData = fs::path(IPRDB_SOURCE_DIR) / "tests" / "data" / "load";

// An iprdb file whose schema was changed by someone else, with a plain SQLite connection.
fs::path tampered(const TempDir& dir, const std::string& sql) {
  const auto path = dir / "tampered.sqlite";
  { Database::create(path); }
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  raw.exec(sql);
  return path;
}

}  // namespace

TEST_CASE("a view from elsewhere cannot load an extension", "[reliability][hostile]") {
  TempDir dir;
  const auto path = tampered(dir, "DROP VIEW best_observation; CREATE VIEW best_observation AS "
                                  "SELECT load_extension('/nonexistent/evil') AS region");
  auto db = Database::open(path);
  std::string message;
  CHECK(error_of([&] { db.sql("SELECT * FROM best_observation"); }, &message).has_value());
  CHECK_THAT(message, Catch::Contains("unsafe use of load_extension()") ||
                          Catch::Contains("not authorized"));
}

TEST_CASE("a trigger from elsewhere cannot load an extension while loading", "[reliability][hostile]") {
  TempDir dir;
  const auto path = tampered(dir, "CREATE TRIGGER evil AFTER INSERT ON document BEGIN "
                                  "SELECT load_extension('/nonexistent/evil'); END");
  auto db = Database::open(path, OpenMode::read_write);
  std::string message;
  try {
    const auto report = db.ingest({kLoadData / "guizhou_2023.txt"});
    REQUIRE(report.files.size() == 1);
    CHECK(report.files[0].status == iprdb::FileStatus::failed);
    message = report.files[0].message;
  } catch (const iprdb::Error& e) {
    message = e.what();
  }
  CHECK_THAT(message, Catch::Contains("unsafe use of load_extension()"));
  CHECK(db.summary().documents == 0);
}

TEST_CASE("ad-hoc SQL cannot write, attach, load or reconfigure", "[reliability][hostile]") {
  TempDir dir;
  const auto path = dir / "db.sqlite";
  {
    auto db = Database::open(path, OpenMode::create_if_missing);
    db.ingest({kLoadData});
  }
  const std::string before = read_file(path);
  for (auto mode : {OpenMode::read_only, OpenMode::read_write}) {
    auto db = Database::open(path, mode);
    for (const std::string& statement : std::vector<std::string>{
             "SELECT load_extension('/nonexistent/evil')",
          "ATTACH '" + (dir / "other.sqlite").string() + "' AS other",
          "VACUUM INTO '" + (dir / "copy.sqlite").string() + "'",
          "PRAGMA writable_schema = 1", "PRAGMA query_only = 0", "PRAGMA trusted_schema = 1",
          "PRAGMA journal_mode = DELETE", "CREATE TEMP TABLE t(x)",
          "CREATE TEMP TRIGGER t AFTER INSERT ON document BEGIN SELECT 1; END",
          "WITH x AS (SELECT 1) DELETE FROM observation",
          "INSERT INTO iprdb_meta VALUES ('k', 'v') RETURNING *", "SAVEPOINT s", "REINDEX",
          "ANALYZE", "DETACH main", "SELECT 1; DROP TABLE observation"}) {
      INFO(statement);
      std::string message;
      const auto code = error_of([&] { db.sql(statement); }, &message);
      REQUIRE(code.has_value());
      CHECK((*code == ErrorCode::write_in_read_only_query || *code == ErrorCode::invalid_argument));
      CHECK(message.find('\n') == std::string::npos);
    }
    CHECK(db.sql("SELECT count(*) FROM observation").rows[0][0].text != "0");
  }
  CHECK_FALSE(fs::exists(dir / "other.sqlite"));
  CHECK_FALSE(fs::exists(dir / "copy.sqlite"));
  CHECK(read_file(path) == before);
}

TEST_CASE("a damaged database file fails with an Error, never a crash", "[reliability][hostile]") {
  TempDir dir;
  const auto good = dir / "good.sqlite";
  {
    auto db = Database::open(good, OpenMode::create_if_missing);
    db.ingest({kLoadData});
    SQLite::Database(good.string(), SQLite::OPEN_READWRITE).exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  const std::string bytes = read_file(good);
  std::mt19937 random(20261121);
  int refused = 0;
  for (int round = 0; round < 40; ++round) {
    std::string damaged = bytes;
    if (round % 4 == 0) {
      damaged.resize(damaged.size() * static_cast<std::size_t>(round + 1) / 41);
    } else {
      // A few bytes overwritten at random after the 100-byte header.
      for (int i = 0; i < 8; ++i) {
        damaged[100 + random() % (damaged.size() - 100)] = static_cast<char>(random());
      }
    }
    const auto path = dir / ("damaged" + std::to_string(round) + ".sqlite");
    write_file(path, damaged);
    INFO(path);
    const auto code = error_of([&] {
      auto db = Database::open(path);
      db.summary();
      db.sql("PRAGMA integrity_check");
      iprdb::Comparison q;
      q.indicator = "patent.grant";
      q.year = iprdb::Year(2023);
      db.compare(q);
    });
    if (code) {
      ++refused;
      CHECK(code != ErrorCode::internal);
    }
  }
  CHECK(refused > 0);
}
