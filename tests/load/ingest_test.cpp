#include <sqlite3.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>
#include <iprdb/ingest.hpp>

#include "store/database_impl.hpp"
#include "testing.hpp"

namespace fs = std::filesystem;
using iprdb::Database;
using iprdb::ErrorCode;
using iprdb::FileStatus;
using iprdb::OpenMode;
using iprdb::testing::read_file;
using iprdb::testing::TempDir;
using iprdb::testing::write_file;

namespace {

const fs::path kData = fs::path(IPRDB_SOURCE_DIR) / "tests" / "data" / "load";

// Copies the named files of tests/data/load into `dir` (files under test may be changed or
// removed without touching the sources).
void copy_data(const TempDir& dir, std::initializer_list<const char*> names) {
  for (const char* name : names) fs::copy_file(kData / name, dir / name);
}

std::int64_t count(const fs::path& db, const std::string& sql) {
  SQLite::Database raw(db.string());
  return raw.execAndGet(sql).getInt64();
}

// Every row of the tables loading writes, as text, without loaded_at (the clock): equal
// strings are equal loads.
std::string contents(const fs::path& db) {
  return iprdb::testing::rows_of(
             db, "SELECT id, sha256, origin, format, title, published_on, subject_region_id, "
                 "reporting_year, encoding, text, extractor_version FROM document ORDER BY id") +
         iprdb::testing::rows_of(db, "SELECT * FROM observation ORDER BY id");
}

std::string integrity(const fs::path& db) {
  SQLite::Database raw(db.string());
  return raw.execAndGet("PRAGMA integrity_check").getString();
}

// The rows whose span does not give back their quote; must be 0.
std::int64_t bad_spans(const fs::path& db) {
  return count(db, R"sql(
      SELECT count(*) FROM observation o JOIN document d ON d.id = o.document_id
      WHERE o.span_start IS NOT NULL
        AND substr(d.text, o.span_start + 1, o.span_end - o.span_start) IS NOT o.quote)sql");
}

// The facts of one stored document, comparable across documents.
std::vector<std::string> facts_of(const fs::path& db, const std::string& origin) {
  SQLite::Database raw(db.string());
  SQLite::Statement query(raw, R"sql(
      SELECT region_code || ' ' || indicator_code || ' ' || year || ' ' || measure || ' ' ||
             value || ' ' || quote || ' ' || span_start || ' ' || span_end
      FROM observation_v WHERE source_file = ? ORDER BY observation_id)sql");
  query.bind(1, origin);
  std::vector<std::string> out;
  while (query.executeStep()) out.push_back(query.getColumn(0).getString());
  return out;
}

std::string to_gb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const auto length = ucnv_convert("gb18030", "utf-8", out.data(), static_cast<int32_t>(out.size()),
                                   utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

SQLite::Database& connection_of(Database& db) {
  return iprdb::detail::DatabaseAccess::impl(db).db();
}

}  // namespace

TEST_CASE("a batch stores each document with its observations, spans pointing at quotes",
          "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "zunyi_2023.html", "curated.jsonl"});
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  std::vector<std::size_t> progress;
  iprdb::IngestOptions options;
  options.on_file = [&](const iprdb::FileOutcome& outcome, std::size_t done, std::size_t total) {
    CHECK(outcome.status == FileStatus::loaded);
    CHECK(total == 3);
    progress.push_back(done);
  };
  const auto report = db.ingest({dir.path()}, options);
  CHECK(progress == std::vector<std::size_t>{1, 2, 3});
  REQUIRE(report.files.size() == 3);
  // A directory expands sorted by path; the database file itself is not an input.
  CHECK(report.files[0].path == dir / "curated.jsonl");
  CHECK(report.files[1].path == dir / "guizhou_2023.txt");
  CHECK(report.files[2].path == dir / "zunyi_2023.html");
  CHECK(report.files[0].facts == 3);
  CHECK(report.files[1].facts == 6);
  CHECK(report.files[2].facts == 3);
  CHECK(report.loaded == 3);
  CHECK(report.facts == 12);
  CHECK(report.failed == 0);
  CHECK_FALSE(report.interrupted);

  const auto path = dir / "db.sqlite";
  CHECK(count(path, "SELECT count(*) FROM observation") == 12);
  CHECK(bad_spans(path) == 0);
  CHECK(count(path, "SELECT count(*) FROM observation WHERE span_start IS NOT NULL") == 9);
  CHECK(integrity(path) == "ok");

  SQLite::Database raw(path.string());
  SQLite::Statement doc(raw, R"sql(
      SELECT format, title, subject_region_id, reporting_year, encoding, extractor_version,
             length(sha256), origin
      FROM document ORDER BY origin)sql");
  REQUIRE(doc.executeStep());
  CHECK(doc.getColumn(0).getString() == "jsonl");
  CHECK(doc.getColumn(1).isNull());
  CHECK(doc.getColumn(5).isNull());
  CHECK(doc.getColumn(7).getString() == (dir / "curated.jsonl").string());
  REQUIRE(doc.executeStep());
  CHECK(doc.getColumn(0).getString() == "text");
  CHECK(doc.getColumn(1).getString() == "2023年贵州省知识产权工作简报");
  CHECK(doc.getColumn(2).getInt() == 520000);
  CHECK(doc.getColumn(3).getInt() == 2023);
  CHECK(doc.getColumn(4).getString() == "UTF-8");
  CHECK(doc.getColumn(5).getString() == iprdb::kExtractorVersion);
  CHECK(doc.getColumn(6).getInt() == 64);
  REQUIRE(doc.executeStep());
  CHECK(doc.getColumn(0).getString() == "html");
  CHECK(doc.getColumn(1).getString() == "遵义市2023年知识产权发展情况");
  CHECK(doc.getColumn(2).getInt() == 520300);
}

TEST_CASE("loading the same files again writes nothing and reports them unchanged", "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "zunyi_2023.html", "curated.jsonl"});
  fs::create_directory(dir / "in");
  for (const char* name : {"guizhou_2023.txt", "zunyi_2023.html", "curated.jsonl"}) {
    fs::rename(dir / name, dir / "in" / name);
  }
  const auto path = dir / "db.sqlite";
  { Database::open(path, OpenMode::create_if_missing).ingest({dir / "in"}); }
  const std::string before = contents(path);

  SQLite::Database watcher(path.string());
  const auto version = watcher.execAndGet("PRAGMA data_version").getInt64();
  {
    auto db = Database::open(path, OpenMode::read_write);
    const auto report = db.ingest({dir / "in"});
    CHECK(report.loaded == 0);
    CHECK(report.unchanged == 3);
    CHECK(report.facts == 0);
    for (const auto& file : report.files) CHECK(file.status == FileStatus::unchanged);
    // The same bytes under another name are the same document.
    fs::copy_file(dir / "in" / "guizhou_2023.txt", dir / "copy.txt");
    CHECK(db.ingest({dir / "copy.txt"}).files.at(0).status == FileStatus::unchanged);
  }
  // data_version moves when another connection commits: nothing was committed.
  CHECK(watcher.execAndGet("PRAGMA data_version").getInt64() == version);
  CHECK(contents(path) == before);
}

TEST_CASE("a bad file in a batch fails alone, naming itself, and the others are stored", "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "zunyi_2023.html"});
  fs::copy_file(kData / "not_text.bin", dir / "not_text.txt");
  write_file(dir / "empty.txt", "  \n\n");
  write_file(dir / "bad.jsonl", read_file(kData / "curated.jsonl") +
                                    R"({"region": "520000", "year": 2023, "indicator": "patent.foo", "measure": "level", "value": 1, "unit": "件", "status": "actual", "qualifier": "exact"})" "\n");
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  const auto report = db.ingest({dir / "guizhou_2023.txt", dir / "not_text.txt", dir / "missing.txt",
                                 dir / "empty.txt", dir / "bad.jsonl", dir / "zunyi_2023.html"});
  REQUIRE(report.files.size() == 6);
  CHECK(report.loaded == 2);
  CHECK(report.failed == 4);
  CHECK(report.files[0].status == FileStatus::loaded);
  CHECK(report.files[5].status == FileStatus::loaded);

  const auto& binary = report.files[1];
  CHECK(binary.status == FileStatus::failed);
  CHECK(binary.error == ErrorCode::binary_input);
  CHECK_THAT(binary.message, Catch::StartsWith((dir / "not_text.txt").string() + ": binary file"));
  CHECK(report.files[2].error == ErrorCode::file_not_found);
  CHECK(report.files[2].message == (dir / "missing.txt").string() + ": no such file");
  CHECK(report.files[3].error == ErrorCode::empty_input);
  const auto& records = report.files[4];
  CHECK(records.error == ErrorCode::unknown_indicator);
  CHECK(records.line == std::optional<int>(5));
  CHECK(records.message ==
        (dir / "bad.jsonl").string() + ":5: unknown indicator \"patent.foo\"");
  for (const auto& file : report.files) {
    CHECK(file.message.find('\n') == std::string::npos);
  }
  // The records file is rejected whole: its good lines are not stored either.
  CHECK(count(dir / "db.sqlite", "SELECT count(*) FROM document") == 2);
  CHECK(count(dir / "db.sqlite", "SELECT count(*) FROM observation WHERE origin = 'curated'") == 0);
}

TEST_CASE("a GB18030 bulletin gives the same facts as its UTF-8 original", "[load]") {
  TempDir dir;
  const std::string utf8 = read_file(kData / "guizhou_2023.txt");
  write_file(dir / "utf8.txt", utf8);
  write_file(dir / "gb.txt", to_gb18030(utf8));
  REQUIRE(read_file(dir / "gb.txt") != utf8);
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  const auto report = db.ingest({dir / "utf8.txt", dir / "gb.txt"});
  CHECK(report.loaded == 2);
  const auto path = dir / "db.sqlite";
  const auto from_utf8 = facts_of(path, (dir / "utf8.txt").string());
  CHECK(from_utf8.size() == 6);
  CHECK(facts_of(path, (dir / "gb.txt").string()) == from_utf8);
  CHECK(count(path, "SELECT count(DISTINCT text) FROM document") == 1);
  CHECK(count(path, "SELECT count(*) FROM document WHERE encoding = 'GB18030'") == 1);
  CHECK(bad_spans(path) == 0);
}

TEST_CASE("documents that disagree are both kept and listed as conflicts", "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "guizhou_2023_revised.txt", "curated.jsonl"});
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  db.ingest({dir / "guizhou_2023.txt", dir / "guizhou_2023_revised.txt"});
  const auto path = dir / "db.sqlite";
  // Grants (18765 / 18802) and their growth (6.4 / 6.6) disagree; the valid stock agrees.
  CHECK(count(path, "SELECT count(*) FROM conflict_v") == 4);
  CHECK(count(path, "SELECT count(*) FROM conflict_v WHERE indicator_code = 'patent.grant' "
                    "AND measure = 'level' AND value IN (18765, 18802)") == 2);
  CHECK(count(path, "SELECT count(*) FROM observation WHERE indicator_id = "
                    "(SELECT id FROM indicator WHERE code = 'patent.invention.valid')") == 2);

  // A curated figure wins over both extracted ones.
  db.ingest({dir / "curated.jsonl"});
  CHECK(count(path, "SELECT value FROM best_observation WHERE region_code = '520000' AND "
                    "indicator_code = 'patent.grant' AND measure = 'level' AND year = 2023") ==
        18790);
  CHECK(count(path, "SELECT count(*) FROM conflict_v WHERE indicator_code = 'patent.grant' "
                    "AND measure = 'level'") == 3);
}

TEST_CASE("reextract reads stored text again, replacing only extracted observations",
          "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "zunyi_2023.html", "curated.jsonl"});
  const auto path = dir / "db.sqlite";
  {
    auto db = Database::open(path, OpenMode::create_if_missing);
    db.ingest({dir.path()});
  }
  // An older extractor: an outdated version, a figure read wrongly, one missed, and a
  // figure a person added by hand to the same document.
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE document SET extractor_version = '2020.1.1' WHERE format = 'text'");
    // Observations are not edited in place: the wrong figure is a copy with another value.
    raw.exec(R"sql(
        CREATE TEMP TABLE wrong AS SELECT * FROM observation WHERE id = (SELECT min(o.id)
          FROM observation o JOIN document d ON d.id = o.document_id WHERE d.format = 'text');
        DELETE FROM observation WHERE id = (SELECT id FROM wrong);
        UPDATE wrong SET value = 1;
        INSERT INTO observation SELECT * FROM wrong;)sql");
    raw.exec(R"sql(
        DELETE FROM observation WHERE id = (SELECT max(o.id) FROM observation o
          JOIN document d ON d.id = o.document_id WHERE d.format = 'text'))sql");
    raw.exec(R"sql(
        INSERT INTO observation(region_id, indicator_id, year, measure, status, value, unit,
                                qualifier, document_id, origin)
        SELECT 520000, (SELECT id FROM indicator WHERE code = 'trademark.registration'), 2023, 'level',
               'actual', 40000, '件', 'exact', id, 'curated' FROM document WHERE format = 'text')sql");
  }
  // Without the original files.
  fs::remove(dir / "guizhou_2023.txt");
  fs::remove(dir / "zunyi_2023.html");
  auto db = Database::open(path, OpenMode::read_write);
  const auto report = db.reextract();
  REQUIRE(report.files.size() == 1);
  CHECK(report.files[0].path == dir / "guizhou_2023.txt");
  CHECK(report.files[0].status == FileStatus::loaded);
  CHECK(report.files[0].facts == 6);
  CHECK(count(path, "SELECT count(*) FROM observation WHERE value = 1") == 0);
  CHECK(count(path, "SELECT count(*) FROM observation o JOIN document d ON d.id = o.document_id "
                    "WHERE d.format = 'text' AND o.origin = 'extracted'") == 6);
  CHECK(count(path, "SELECT count(*) FROM observation WHERE origin = 'curated' AND value = 40000") == 1);
  CHECK(count(path, "SELECT count(*) FROM document WHERE extractor_version = '2020.1.1'") == 0);
  CHECK(bad_spans(path) == 0);

  // Current documents are left alone.
  const std::string after = contents(path);
  CHECK(db.reextract().files.empty());
  CHECK(contents(path) == after);
}

TEST_CASE("reextract keeps an HTML title and the stored publication date", "[load]") {
  TempDir dir;
  copy_data(dir, {"zunyi_2023.html"});
  const auto path = dir / "db.sqlite";
  auto db = Database::open(path, OpenMode::create_if_missing);
  iprdb::IngestOptions options;
  options.published_on = "2024-02-01";
  db.ingest({dir / "zunyi_2023.html"}, options);
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE document SET extractor_version = 'old'");
  }
  CHECK(db.reextract().facts == 3);
  SQLite::Database raw(path.string());
  CHECK(raw.execAndGet("SELECT title FROM document").getString() == "遵义市2023年知识产权发展情况");
  CHECK(raw.execAndGet("SELECT published_on FROM document").getString() == "2024-02-01");
  CHECK(raw.execAndGet("SELECT subject_region_id FROM document").getInt() == 520300);
}

TEST_CASE("a file that vanishes mid-batch fails alone", "[load]") {
  TempDir dir;
  write_file(dir / "a.txt", read_file(kData / "guizhou_2023.txt"));
  write_file(dir / "b.txt", read_file(kData / "guizhou_2023_revised.txt"));
  write_file(dir / "c.html", read_file(kData / "zunyi_2023.html"));
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  iprdb::IngestOptions options;
  options.on_file = [&](const iprdb::FileOutcome&, std::size_t done, std::size_t) {
    if (done == 1) fs::remove(dir / "b.txt");
  };
  const auto report = db.ingest({dir.path()}, options);
  REQUIRE(report.files.size() == 3);
  CHECK(report.files[1].error == ErrorCode::file_not_found);
  CHECK(report.files[1].message == (dir / "b.txt").string() + ": no such file");
  CHECK(report.loaded == 2);
}

TEST_CASE("a stop request finishes the file in hand and leaves the rest", "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "guizhou_2023_revised.txt", "zunyi_2023.html"});
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  std::atomic<bool> stop{false};
  iprdb::IngestOptions options;
  options.stop = &stop;
  options.on_file = [&](const iprdb::FileOutcome&, std::size_t, std::size_t) { stop = true; };
  const auto report = db.ingest({dir.path()}, options);
  CHECK(report.interrupted);
  CHECK(report.files.size() == 1);
  CHECK(count(dir / "db.sqlite", "SELECT count(*) FROM document") == 1);
  CHECK(count(dir / "db.sqlite", "SELECT count(*) FROM observation") == 6);
}

// As root, chmod cannot make a file read-only, so the read-only case is a Database opened
// read-only; the tool's open of a read-only file is covered by store's tests of open().
TEST_CASE("a read-only database refuses to load", "[load]") {
  TempDir dir;
  { Database::create(dir / "db.sqlite"); }
  auto db = Database::open(dir / "db.sqlite");
  try {
    db.ingest({kData / "guizhou_2023.txt"});
    FAIL("loaded into a read-only database");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::read_only);
    CHECK(e.path() == dir / "db.sqlite");
  }
  CHECK_THROWS_AS(db.reextract(), iprdb::Error);
  CHECK(count(dir / "db.sqlite", "SELECT count(*) FROM document") == 0);
}

TEST_CASE("a busy database fails the batch after the timeout, and readers never block it",
          "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt", "zunyi_2023.html"});
  const auto path = dir / "db.sqlite";
  auto db = Database::open(path, OpenMode::create_if_missing);
  sqlite3_busy_timeout(connection_of(db).getHandle(), 100);

  // WAL: a reader in the middle of a transaction does not stop a load.
  SQLite::Database reader(path.string());
  reader.exec("BEGIN");
  CHECK(reader.execAndGet("SELECT count(*) FROM document").getInt() == 0);
  CHECK(db.ingest({dir / "guizhou_2023.txt"}).loaded == 1);
  CHECK(reader.execAndGet("SELECT count(*) FROM document").getInt() == 0);  // its snapshot
  reader.exec("COMMIT");

  SQLite::Database writer(path.string(), SQLite::OPEN_READWRITE);
  writer.exec("BEGIN IMMEDIATE");
  try {
    db.ingest({dir / "zunyi_2023.html"});
    FAIL("loaded while another process was writing");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::database_locked);
    CHECK_THAT(e.what(), Catch::StartsWith(path.string() + ": loading "));
    CHECK_THAT(e.what(), Catch::Contains("locked by another process"));
  }
  writer.exec("ROLLBACK");
  CHECK(count(path, "SELECT count(*) FROM document") == 1);
  CHECK(db.ingest({dir / "zunyi_2023.html"}).loaded == 1);
}

TEST_CASE("a full disk fails the batch, and what was stored stays intact", "[load]") {
  TempDir dir;
  copy_data(dir, {"guizhou_2023.txt"});
  // A bulletin too big for the few pages left.
  std::string big = read_file(kData / "zunyi_2023.html");
  std::string padding;
  for (int i = 0; i < 2000; ++i) padding += "<p>全市知识产权服务工作稳步推进。</p>\n";
  big.insert(big.find("</body>"), padding);
  write_file(dir / "big.html", big);
  const auto path = dir / "db.sqlite";
  auto db = Database::open(path, OpenMode::create_if_missing);
  auto& connection = connection_of(db);
  const auto pages = connection.execAndGet("PRAGMA page_count").getInt64();
  connection.exec("PRAGMA max_page_count = " + std::to_string(pages + 8));
  try {
    db.ingest({dir / "guizhou_2023.txt", dir / "big.html"});
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == ErrorCode::disk_full);
    CHECK(e.path() == path);
    CHECK_THAT(e.what(), Catch::Contains("big.html"));
  }
  CHECK(integrity(path) == "ok");
  CHECK(count(path, "SELECT count(*) FROM document") == 1);
  CHECK(count(path, "SELECT count(*) FROM observation") == 6);
  connection.exec("PRAGMA max_page_count = 1073741823");
  CHECK(db.ingest({dir / "big.html"}).loaded == 1);
}

TEST_CASE("a publication date that is not one is refused before any file", "[load]") {
  TempDir dir;
  auto db = Database::open(dir / "db.sqlite", OpenMode::create_if_missing);
  iprdb::IngestOptions options;
  options.published_on = "last spring";
  CHECK_THROWS_AS(db.ingest({kData / "guizhou_2023.txt"}, options), iprdb::Error);
  CHECK(count(dir / "db.sqlite", "SELECT count(*) FROM document") == 0);
}

TEST_CASE("only bulletin and record files are taken from a directory", "[load]") {
  CHECK(iprdb::is_ingestible("a.txt"));
  CHECK(iprdb::is_ingestible("a.HTML"));
  CHECK(iprdb::is_ingestible("x/a.htm"));
  CHECK(iprdb::is_ingestible("a.jsonl"));
  CHECK_FALSE(iprdb::is_ingestible("a.sqlite"));
  CHECK_FALSE(iprdb::is_ingestible("a.json"));
  CHECK_FALSE(iprdb::is_ingestible("README"));
}

TEST_CASE("extraction on several threads stores what one thread stores, in the same order",
          "[load]") {
  TempDir dir;
  const fs::path in = dir / "in";
  fs::create_directories(in);
  // Good bulletins, a record file, a file that is not text, and the same bulletin twice.
  for (const char* name : {"guizhou_2023.txt", "guizhou_2023_revised.txt", "zunyi_2023.html",
                           "curated.jsonl", "not_text.bin"}) {
    fs::copy_file(kData / name, in / name);
  }
  fs::copy_file(kData / "not_text.bin", in / "not_text.txt");
  fs::copy_file(kData / "guizhou_2023.txt", in / "z_copy.txt");
  auto outcomes = [](const iprdb::IngestReport& report) {
    std::string out;
    for (const auto& f : report.files) {
      out += f.path.string() + " " + std::string(iprdb::to_string(f.status)) + " " +
             std::to_string(f.facts) + " " + f.message + "\n";
    }
    return out;
  };
  auto load = [&](const char* name, unsigned jobs) {
    auto db = Database::open(dir / name, OpenMode::create_if_missing);
    iprdb::IngestOptions options;
    options.jobs = jobs;
    std::size_t calls = 0;
    const auto caller = std::this_thread::get_id();
    options.on_file = [&](const iprdb::FileOutcome&, std::size_t done, std::size_t) {
      CHECK(done == ++calls);  // in order, from the calling thread
      CHECK(std::this_thread::get_id() == caller);
    };
    auto first = db.ingest({in}, options);
    calls = 0;
    auto again = db.ingest({in}, options);
    return std::make_pair(outcomes(first), outcomes(again));
  };
  const auto one = load("one.sqlite", 1);
  const auto three = load("three.sqlite", 3);
  CHECK(three.first == one.first);
  CHECK(three.second == one.second);
  CHECK_THAT(one.second, Catch::Contains("unchanged"));
  CHECK(contents(dir / "three.sqlite") == contents(dir / "one.sqlite"));
  CHECK(integrity(dir / "three.sqlite") == "ok");
}

TEST_CASE("a bulk load chooses each key's figure once at its end, as small batches choose them",
          "[load]") {
  TempDir dir;
  const fs::path in = dir / "in";
  fs::create_directories(in);
  constexpr int kFiles = 80;
  // Two bulletins a year, the second revising the first: best_level must take the later one.
  for (int i = 0; i < kFiles; ++i) {
    const int year = 1985 + i / 2;
    write_file(in / ("b" + std::to_string(100 + i) + ".txt"),
               "贵州省" + std::to_string(year) + "年知识产权工作情况\n\n发布日期：" +
                   std::to_string(year + 1) + "-0" + std::to_string(3 + i % 2) + "-01\n\n" +
                   std::to_string(year) + "年，全省专利授权" + std::to_string(1000 + i) +
                   "件，同比增长" + std::to_string(i % 20) + ".5%。\n");
  }
  auto kept = [](const fs::path& db) {
    return count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                     "AND name = 'best_level_insert'") == 1;
  };
  const auto chosen = iprdb::testing::best_level_rows;
  // All at once: the triggers go once the batch has shown it is large, and are back at its end.
  const fs::path bulk = dir / "bulk.sqlite";
  {
    auto db = Database::open(bulk, OpenMode::create_if_missing);
    iprdb::IngestOptions options;
    std::vector<bool> present;
    options.on_file = [&](const iprdb::FileOutcome&, std::size_t, std::size_t) {
      present.push_back(kept(bulk));
    };
    const auto report = db.ingest({in}, options);
    CHECK(report.loaded == kFiles);
    REQUIRE(present.size() == static_cast<std::size_t>(kFiles));
    CHECK(present.front());
    CHECK_FALSE(present[kFiles / 2]);
    CHECK(kept(bulk));
    // The same files again are all unchanged: nothing is dropped or rebuilt.
    present.clear();
    CHECK(db.ingest({in}, options).unchanged == kFiles);
    CHECK(std::find(present.begin(), present.end(), false) == present.end());
  }
  // In batches too small to suspend anything: the same rows, and the same choices.
  const fs::path small = dir / "small.sqlite";
  {
    auto db = Database::open(small, OpenMode::create_if_missing);
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(in)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size(); i += 8) {
      db.ingest(std::vector<fs::path>(files.begin() + static_cast<std::ptrdiff_t>(i),
                                      files.begin() + static_cast<std::ptrdiff_t>(i + 8)));
    }
  }
  CHECK(count(bulk, "SELECT count(*) FROM best_level") >= kFiles / 2);
  CHECK(contents(bulk) == contents(small));
  CHECK(chosen(bulk) == chosen(small));
  CHECK_THAT(chosen(bulk), Catch::Contains("|1001.0|"));  // 1985: the revision, not 1000
  CHECK_THAT(chosen(bulk), !Catch::Contains("|1000.0|"));
  CHECK(integrity(bulk) == "ok");
}
