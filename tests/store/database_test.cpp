#include <unistd.h>

#include <SQLiteCpp/Database.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>

#include "testing.hpp"

using iprdb::Database;
using iprdb::ErrorCode;
using iprdb::OpenMode;
using iprdb::testing::TempDir;

namespace {

ErrorCode error_code_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const iprdb::Error& e) {
    return e.code();
  }
  FAIL("no iprdb::Error thrown");
  return ErrorCode::internal;
}

}  // namespace

TEST_CASE("create writes the schema gazetteer and catalog", "[store]") {
  TempDir dir;
  auto db = Database::create(dir / "new.sqlite");
  CHECK_FALSE(db.is_read_only());
  CHECK(db.schema_version() == iprdb::kSchemaVersion);
  auto s = db.summary();
  CHECK(s.provinces == 34);
  CHECK(s.prefectures >= 333);
  CHECK(s.counties >= 2840);
  CHECK(s.historical_regions >= 2);
  CHECK(s.region_aliases > s.regions);
  CHECK(s.indicators >= 167);
  CHECK(s.indicator_aliases > s.indicators);
  CHECK(s.documents == 0);
  CHECK(s.observations == 0);

  SQLite::Database raw((dir / "new.sqlite").string());
  CHECK(raw.execAndGet("PRAGMA application_id").getInt() == iprdb::kApplicationId);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == iprdb::kSchemaVersion);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(raw.execAndGet("SELECT name FROM region WHERE code = '520000'").getString() == "贵州省");
  CHECK(raw.execAndGet("SELECT count(*) FROM region_alias WHERE alias = '吉林'").getInt() == 2);
}

TEST_CASE("create refuses a file that already holds data", "[store]") {
  TempDir dir;
  Database::create(dir / "a.sqlite");
  try {
    Database::create(dir / "a.sqlite");
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::already_exists);
    CHECK(e.path() == dir / "a.sqlite");
    CHECK_THAT(e.what(), Catch::StartsWith((dir / "a.sqlite").string() + ": already exists"));
  }
}

TEST_CASE("open is read-only by default and reads what create wrote", "[store]") {
  TempDir dir;
  { Database::create(dir / "a.sqlite"); }
  auto db = Database::open(dir / "a.sqlite");
  CHECK(db.is_read_only());
  CHECK(db.summary().provinces == 34);
  CHECK(db.find_region("甘肃")->code.str() == "620000");
  CHECK(db.find_indicator("专利授权量")->code == "patent.grant");
  CHECK(db.indicators().size() >= 167);
  CHECK(db.children(iprdb::RegionCode("620000")).size() == 14);
}

TEST_CASE("reopening for writing changes nothing that is already current", "[store]") {
  TempDir dir;
  { Database::create(dir / "a.sqlite"); }
  const auto before = iprdb::testing::read_file(dir / "a.sqlite");
  { Database::open(dir / "a.sqlite", OpenMode::read_write); }
  SQLite::Database raw((dir / "a.sqlite").string());
  CHECK(raw.execAndGet("SELECT count(*) FROM region").getInt() > 3000);
  CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("reference data is restored when its fingerprint is stale", "[store]") {
  TempDir dir;
  { Database::create(dir / "a.sqlite"); }
  {
    SQLite::Database raw((dir / "a.sqlite").string(), SQLite::OPEN_READWRITE);
    raw.exec("DELETE FROM region_alias WHERE alias = '黔南州'");
    raw.exec("UPDATE indicator SET name_zh = '改坏了' WHERE code = 'patent.grant'");
    raw.exec("UPDATE iprdb_meta SET value = 'stale' WHERE key = 'reference_fingerprint'");
  }
  { Database::open(dir / "a.sqlite", OpenMode::read_write); }
  SQLite::Database raw((dir / "a.sqlite").string());
  CHECK(raw.execAndGet("SELECT region_id FROM region_alias WHERE alias = '黔南州'").getInt() ==
        522700);
  CHECK(raw.execAndGet("SELECT name_zh FROM indicator WHERE code = 'patent.grant'").getString() ==
        "专利授权量");
}

TEST_CASE("opening a missing file fails naming it", "[store]") {
  TempDir dir;
  try {
    Database::open(dir / "missing.sqlite");
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::file_not_found);
    CHECK_THAT(e.what(), Catch::Contains("missing.sqlite: no such database file"));
  }
  CHECK(error_code_of([&] { Database::open(dir / "missing.sqlite", OpenMode::read_write); }) ==
        ErrorCode::file_not_found);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.sqlite"));
}

TEST_CASE("creating in a missing directory fails naming the directory", "[store]") {
  TempDir dir;
  try {
    Database::open(dir / "no" / "x.sqlite", OpenMode::create_if_missing);
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::io);
    CHECK_THAT(e.what(), Catch::Contains("the directory") && Catch::Contains("does not exist"));
  }
}

TEST_CASE("a file that is not SQLite is refused and left untouched", "[store]") {
  TempDir dir;
  const std::string notes(5000, 'x');
  iprdb::testing::write_file(dir / "notes.txt", notes);
  for (auto mode : {OpenMode::read_only, OpenMode::read_write, OpenMode::create_if_missing}) {
    try {
      Database::open(dir / "notes.txt", mode);
      FAIL("no error");
    } catch (const iprdb::Error& e) {
      CHECK(e.code() == ErrorCode::not_an_iprdb_database);
      CHECK_THAT(e.what(), Catch::Contains("notes.txt: opening the database: not an SQLite database"));
    }
  }
  CHECK(iprdb::testing::read_file(dir / "notes.txt") == notes);
}

TEST_CASE("an SQLite file of another application is refused and left untouched", "[store]") {
  TempDir dir;
  {
    SQLite::Database raw((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE t(x); INSERT INTO t VALUES (42)");
  }
  try {
    Database::open(dir / "other.db", OpenMode::read_write);
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::not_an_iprdb_database);
    CHECK_THAT(e.what(), Catch::Contains("not an iprdb database (application_id 0x00000000"));
  }
  SQLite::Database raw((dir / "other.db").string());
  CHECK(raw.execAndGet("SELECT x FROM t").getInt() == 42);
  CHECK_FALSE(raw.tableExists("region"));
}

TEST_CASE("an empty file becomes a database only when opened for writing", "[store]") {
  TempDir dir;
  iprdb::testing::write_file(dir / "empty.sqlite", "");
  CHECK(error_code_of([&] { Database::open(dir / "empty.sqlite"); }) ==
        ErrorCode::not_an_iprdb_database);
  auto db = Database::create(dir / "empty.sqlite");
  CHECK(db.summary().provinces == 34);
}

TEST_CASE("a database written by a newer schema is refused", "[store]") {
  TempDir dir;
  { Database::create(dir / "future.sqlite"); }
  {
    SQLite::Database raw((dir / "future.sqlite").string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 99");
  }
  for (auto mode : {OpenMode::read_only, OpenMode::read_write}) {
    try {
      Database::open(dir / "future.sqlite", mode);
      FAIL("no error");
    } catch (const iprdb::Error& e) {
      CHECK(e.code() == ErrorCode::schema_too_new);
      CHECK_THAT(e.what(), Catch::Contains("future.sqlite: written by a newer iprdb (schema "
                                           "version 99; this build reads up to " +
                                           std::to_string(iprdb::kSchemaVersion) + ")"));
    }
  }
  SQLite::Database raw((dir / "future.sqlite").string());
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 99);
}

TEST_CASE("a file the process may not write is refused for writing", "[store]") {
  TempDir dir;
  { Database::create(dir / "ro.sqlite"); }
  SQLite::Database(dir.path().string() + "/ro.sqlite", SQLite::OPEN_READWRITE)
      .exec("PRAGMA journal_mode = DELETE");
  std::filesystem::permissions(dir / "ro.sqlite", std::filesystem::perms::owner_read |
                                                      std::filesystem::perms::group_read);
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_exec);
  if (::access((dir / "ro.sqlite").c_str(), W_OK) == 0) {
    // Running as root: permission bits do not stop this process, so the case cannot arise.
    WARN("running with root privileges; permission bits cannot make the file read-only");
    CHECK(Database::open(dir / "ro.sqlite").is_read_only());
    return;
  }
  try {
    Database::open(dir / "ro.sqlite", OpenMode::read_write);
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::read_only);
    CHECK_THAT(e.what(), Catch::Contains("ro.sqlite"));
  }
  CHECK(Database::open(dir / "ro.sqlite").summary().provinces == 34);
}
