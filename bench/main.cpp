// iprdb-bench: how fast iprdb extracts, loads and answers, on this machine, in one run.
// Prints figures; asserts nothing (the benchmark is not a test). bench/README.md has the
// results, the exact command and the machine.
#include <spawn.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <iprdb/iprdb.hpp>

#include "corpus_generator.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::ordered_json;

constexpr const char* kTool = "iprdb-bench";
constexpr const char* kIngestWorker = "--ingest-worker";

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void progress(bool quiet, const std::string& message) {
  if (!quiet) std::cerr << kTool << ": " << message << std::endl;
}

struct Settings {
  bool quick = false;
  bool json = false;
  unsigned jobs = 0;
  std::string keep;
  double corpus_mb = 0;           // 0: 4 (quick) or 40
  std::int64_t observations = 0;  // 0: 1M (quick) or 10M
  double query_seconds = 0;       // 0: 0.4 (quick) or 1.5 per question
  std::string query_tool;
  bool quiet = false;
};

// ---- helpers around SQLite (the benchmark measures SQLite itself, so it talks to it) -------

class Sqlite {
 public:
  explicit Sqlite(const fs::path& path, int flags = SQLITE_OPEN_READWRITE) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("{}: {}", path.string(), sqlite3_errmsg(db_)));
    }
  }
  ~Sqlite() { sqlite3_close_v2(db_); }
  Sqlite(const Sqlite&) = delete;
  Sqlite& operator=(const Sqlite&) = delete;

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(fmt::format("{}: {}", sql.substr(0, 80), message));
    }
  }
  std::int64_t integer(const std::string& sql) {
    sqlite3_stmt* s = prepare(sql);
    std::int64_t value = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return value;
  }
  std::vector<std::string> texts(const std::string& sql) {
    sqlite3_stmt* s = prepare(sql);
    std::vector<std::string> out;
    while (sqlite3_step(s) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(s, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(s);
    return out;
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("{}: {}", sql.substr(0, 80), sqlite3_errmsg(db_)));
    }
    return s;
  }
  void step_done(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(s);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::uintmax_t file_bytes(const fs::path& path) {
  std::error_code ec;
  std::uintmax_t total = fs::file_size(path, ec);
  if (ec) total = 0;
  for (const char* suffix : {"-wal", "-shm"}) {
    const auto size = fs::file_size(path.string() + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

// ---- the machine --------------------------------------------------------------------------

ordered_json machine() {
  ordered_json m;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) {
      m["cpu"] = line.substr(line.find(':') + 2);
      break;
    }
  }
  m["cores"] = std::thread::hardware_concurrency();
  std::ifstream meminfo("/proc/meminfo");
  for (std::string line; std::getline(meminfo, line);) {
    if (line.rfind("MemTotal:", 0) == 0) {
      m["ram_gib"] = std::round(std::stod(line.substr(9)) / 1048576.0 * 10) / 10;
      break;
    }
  }
  m["sqlite"] = sqlite3_libversion();
  m["iprdb"] = iprdb::kVersion;
  m["extractor"] = iprdb::kExtractorVersion;
  return m;
}

// ---- corpus and extraction ------------------------------------------------------------------

struct CorpusInfo {
  fs::path directory;
  std::size_t documents = 0;
  std::size_t bytes = 0;
  std::vector<std::vector<iprdb::Fact>> expected;  // per document, in file order
  std::vector<std::string> files;                  // file names, in order
};

CorpusInfo make_corpus(const fs::path& directory, std::size_t bytes, bool keep_expected_file) {
  CorpusInfo info;
  info.directory = directory;
  iprdb::bench::CorpusGenerator generator;
  std::ofstream expected_file;
  if (keep_expected_file) expected_file.open(directory.parent_path() / "expected.jsonl");
  info.bytes = generator.write(directory, bytes, [&](const iprdb::bench::SyntheticDocument& doc) {
    ++info.documents;
    info.files.push_back(doc.file_name);
    info.expected.push_back(doc.expected);
    if (expected_file) {
      for (const auto& fact : doc.expected) expected_file << iprdb::to_json(fact, doc.file_name) << '\n';
    }
  });
  return info;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct ExtractResult {
  double seconds = 0;       // CPU time of the extracting thread
  double wall_seconds = 0;  // the same pass on the clock
  std::int64_t facts = 0;
  iprdb::bench::Accuracy accuracy;
};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Text in memory, facts out, nothing stored: the extractor alone on one core, timed in the
// thread's CPU time, which other processes on a shared machine do not inflate (the clock time
// is reported beside it). The fastest of `passes` passes counts; accuracy is scored on the
// first.
ExtractResult measure_extraction(const CorpusInfo& corpus, int passes) {
  std::vector<std::string> texts;
  texts.reserve(corpus.files.size());
  for (const auto& name : corpus.files) texts.push_back(read_file(corpus.directory / name));
  ExtractResult result;
  for (int pass = 0; pass < passes; ++pass) {
    double seconds = 0;
    const auto wall_start = Clock::now();
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const double start = thread_cpu_seconds();
      const iprdb::Bulletin bulletin = iprdb::extract_bytes(texts[i], corpus.files[i]);
      seconds += thread_cpu_seconds() - start;
      if (pass == 0) {
        result.facts += static_cast<std::int64_t>(bulletin.facts.size());
        result.accuracy.add(corpus.expected[i], bulletin.facts);
      }
    }
    const double wall = seconds_since(wall_start);
    result.seconds = pass == 0 ? seconds : std::min(result.seconds, seconds);
    result.wall_seconds = pass == 0 ? wall : std::min(result.wall_seconds, wall);
  }
  return result;
}

// The 1-minute load average: a benchmark on a busy machine says so.
double load_average() {
  std::ifstream in("/proc/loadavg");
  double one = 0;
  in >> one;
  return one;
}

// ---- ingest, in a child process so that its peak memory is its own ---------------------------

// The high-water mark of this process's resident memory. Not getrusage's ru_maxrss: Linux
// keeps that across execve, so a child spawned by the benchmark would report the parent's
// peak (the corpus's expected facts) as its own; VmHWM belongs to the new address space.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// The child: loads `corpus` into a new database `db` and prints one JSON object.
int ingest_worker(const fs::path& db_path, const fs::path& corpus, unsigned jobs) {
  fs::remove(db_path);
  auto db = iprdb::Database::create(db_path);
  iprdb::IngestOptions options;
  options.jobs = jobs;
  const auto start = Clock::now();
  const auto report = db.ingest({corpus}, options);
  const double seconds = seconds_since(start);
  std::size_t bytes = 0;
  for (const auto& file : report.files) {
    std::error_code ec;
    bytes += fs::file_size(file.path, ec);
  }
  ordered_json out;
  out["seconds"] = seconds;
  out["documents"] = report.loaded;
  out["failed"] = report.failed;
  out["facts"] = report.facts;
  out["bytes"] = bytes;
  out["peak_rss_kib"] = peak_rss_kib();
  std::cout << out.dump() << std::endl;
  return report.failed == 0 ? 0 : 1;
}

// Runs `argv` and returns its standard output; throws when it fails.
std::string run_capture(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error(fmt::format("cannot run {}", args[0]));
  }
  std::string out;
  char buffer[4096];
  for (ssize_t got; (got = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    out.append(buffer, static_cast<std::size_t>(got));
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(fmt::format("{} failed (status {})", args[0], status));
  }
  return out;
}

ordered_json run_ingest(const fs::path& db, const fs::path& corpus, unsigned jobs) {
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  return ordered_json::parse(
      run_capture({self, kIngestWorker, db.string(), corpus.string(), std::to_string(jobs)}));
}

// ---- the SQLite ceiling: the same observation rows, raw inserts, one transaction -------------

struct Row {
  std::int64_t region_id, indicator_id, year, document_id;
  std::optional<std::int64_t> month_start, month_end, period_start, base_year, span_start,
      span_end;
  std::int64_t cumulative;
  std::string measure, status, unit, qualifier, origin;
  std::optional<std::string> rank_scope, rank_of, share_of, value_text, quote, note;
  double value;
};

constexpr const char* kObservationColumns =
    "region_id, indicator_id, year, month_start, month_end, period_start, cumulative, measure, "
    "base_year, rank_scope, rank_of, share_of, status, value, unit, value_text, qualifier, "
    "document_id, span_start, span_end, quote, origin, note";

std::vector<Row> read_rows(Sqlite& db) {
  sqlite3_stmt* s = db.prepare(fmt::format("SELECT {} FROM observation ORDER BY id", kObservationColumns));
  auto opt_int = [&](int c) -> std::optional<std::int64_t> {
    if (sqlite3_column_type(s, c) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(s, c);
  };
  auto text = [&](int c) {
    const auto* t = sqlite3_column_text(s, c);
    return std::string(t ? reinterpret_cast<const char*>(t) : "");
  };
  auto opt_text = [&](int c) -> std::optional<std::string> {
    if (sqlite3_column_type(s, c) == SQLITE_NULL) return std::nullopt;
    return text(c);
  };
  std::vector<Row> rows;
  while (sqlite3_step(s) == SQLITE_ROW) {
    Row r;
    r.region_id = sqlite3_column_int64(s, 0);
    r.indicator_id = sqlite3_column_int64(s, 1);
    r.year = sqlite3_column_int64(s, 2);
    r.month_start = opt_int(3);
    r.month_end = opt_int(4);
    r.period_start = opt_int(5);
    r.cumulative = sqlite3_column_int64(s, 6);
    r.measure = text(7);
    r.base_year = opt_int(8);
    r.rank_scope = opt_text(9);
    r.rank_of = opt_text(10);
    r.share_of = opt_text(11);
    r.status = text(12);
    r.value = sqlite3_column_double(s, 13);
    r.unit = text(14);
    r.value_text = opt_text(15);
    r.qualifier = text(16);
    r.document_id = sqlite3_column_int64(s, 17);
    r.span_start = opt_int(18);
    r.span_end = opt_int(19);
    r.quote = opt_text(20);
    r.origin = text(21);
    r.note = opt_text(22);
    rows.push_back(std::move(r));
  }
  sqlite3_finalize(s);
  return rows;
}

void bind_row(sqlite3_stmt* s, const Row& r) {
  auto opt_int = [&](int i, const std::optional<std::int64_t>& v) {
    v ? sqlite3_bind_int64(s, i, *v) : sqlite3_bind_null(s, i);
  };
  auto text = [&](int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  auto opt_text = [&](int i, const std::optional<std::string>& v) {
    v ? text(i, *v) : static_cast<void>(sqlite3_bind_null(s, i));
  };
  sqlite3_bind_int64(s, 1, r.region_id);
  sqlite3_bind_int64(s, 2, r.indicator_id);
  sqlite3_bind_int64(s, 3, r.year);
  opt_int(4, r.month_start);
  opt_int(5, r.month_end);
  opt_int(6, r.period_start);
  sqlite3_bind_int64(s, 7, r.cumulative);
  text(8, r.measure);
  opt_int(9, r.base_year);
  opt_text(10, r.rank_scope);
  opt_text(11, r.rank_of);
  opt_text(12, r.share_of);
  text(13, r.status);
  sqlite3_bind_double(s, 14, r.value);
  text(15, r.unit);
  opt_text(16, r.value_text);
  text(17, r.qualifier);
  sqlite3_bind_int64(s, 18, r.document_id);
  opt_int(19, r.span_start);
  opt_int(20, r.span_end);
  opt_text(21, r.quote);
  text(22, r.origin);
  opt_text(23, r.note);
}

enum class Schema {
  real,      // iprdb's schema, indexes and best_level: what the loader writes into
  no_index,  // the observation table alone
};

// Inserts `rows` into a new iprdb database as fast as SQLite goes with safe settings: one
// prepared statement, one transaction. best_level is filled the fastest way, as a bulk load
// fills it: its triggers dropped and the table rebuilt in one sort at the end, in the time.
double ceiling_rows_per_second(const fs::path& source, const fs::path& target,
                               const std::vector<Row>& rows, Schema schema) {
  fs::remove(target);
  { iprdb::Database::create(target); }
  Sqlite db(target);
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec(fmt::format("ATTACH '{}' AS source", source.string()));
  db.exec("INSERT INTO document SELECT * FROM source.document");
  db.exec("DETACH source");
  if (schema == Schema::no_index) {
    for (const auto& name : db.texts("SELECT name FROM sqlite_schema WHERE type = 'index' AND "
                                     "tbl_name = 'observation' AND sql IS NOT NULL")) {
      db.exec("DROP INDEX " + name);
    }
  }
  for (const auto& name : db.texts("SELECT name FROM sqlite_schema WHERE type = 'trigger'")) {
    db.exec("DROP TRIGGER " + name);
  }
  sqlite3_stmt* insert = db.prepare(fmt::format(
      "INSERT INTO observation({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
      "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
      kObservationColumns));
  const auto start = Clock::now();
  db.exec("BEGIN");
  for (const auto& row : rows) {
    bind_row(insert, row);
    db.step_done(insert);
  }
  db.exec("COMMIT");
  if (schema == Schema::real) iprdb::Database::open(target, iprdb::OpenMode::read_write);
  const double seconds = seconds_since(start);
  sqlite3_finalize(insert);
  return static_cast<double>(rows.size()) / seconds;
}

// ---- the query fixture: N observations over every current region and indicator -------------

struct Fixture {
  fs::path path;
  std::int64_t observations = 0;
  double build_seconds = 0;
  bool reused = false;
};

constexpr int kFirstYear = 1995;
constexpr int kYears = 30;

// Regions drawn as perf-baseline.md draws them: 10 % province, 30 % prefecture, 60 % county.
Fixture build_fixture(const fs::path& path, std::int64_t observations, bool quiet) {
  Fixture fixture{path, observations, 0, false};
  // The catalog's codes too: the questions ask about every built-in indicator, and a fixture
  // written with an older catalog has no row for a newer code.
  std::string codes;
  for (const auto& indicator : iprdb::Catalog::builtin().indicators()) {
    codes += indicator.code + ' ';
  }
  const std::string spec = fmt::format("observations={} seed={} schema={} catalog={:016x}",
                                       observations, iprdb::bench::kCorpusSeed,
                                       iprdb::kSchemaVersion, std::hash<std::string>{}(codes));
  if (fs::exists(path)) {
    try {
      Sqlite db(path, SQLITE_OPEN_READONLY);
      if (db.texts("SELECT value FROM iprdb_meta WHERE key = 'bench_fixture'") ==
          std::vector<std::string>{spec}) {
        fixture.reused = true;
        return fixture;
      }
    } catch (const std::exception&) {
    }
    fs::remove(path);
  }
  progress(quiet, fmt::format("building a database of {} observations", observations));
  const auto start = Clock::now();
  { iprdb::Database::create(path); }
  Sqlite db(path);
  // A fixture, not a user's data: speed over durability while it is built.
  db.exec("PRAGMA journal_mode = OFF");
  db.exec("PRAGMA synchronous = OFF");
  db.exec("PRAGMA cache_size = -262144");
  std::vector<std::string> indexes;
  for (const auto& sql : db.texts("SELECT sql FROM sqlite_schema WHERE type = 'index' AND "
                                  "tbl_name = 'observation' AND sql IS NOT NULL")) {
    indexes.push_back(sql);
  }
  for (const auto& name : db.texts("SELECT name FROM sqlite_schema WHERE type = 'index' AND "
                                   "tbl_name = 'observation' AND sql IS NOT NULL")) {
    db.exec("DROP INDEX " + name);
  }
  // best_level is rebuilt in one sort when the fixture is opened for writing below, as after
  // a bulk load, instead of being kept row by row by its triggers.
  for (const auto& name : db.texts("SELECT name FROM sqlite_schema WHERE type = 'trigger'")) {
    db.exec("DROP TRIGGER " + name);
  }
  std::vector<std::int64_t> level_regions[3];
  {
    sqlite3_stmt* s = db.prepare(
        "SELECT id, level FROM region WHERE valid_to IS NULL AND level <> 'country' ORDER BY id");
    while (sqlite3_step(s) == SQLITE_ROW) {
      const std::string level = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
      level_regions[level == "province" ? 0 : level == "prefecture" ? 1 : 2].push_back(
          sqlite3_column_int64(s, 0));
    }
    sqlite3_finalize(s);
  }
  std::vector<std::pair<std::int64_t, std::string>> indicators;
  {
    sqlite3_stmt* s = db.prepare("SELECT id, unit FROM indicator ORDER BY id");
    while (sqlite3_step(s) == SQLITE_ROW) {
      indicators.emplace_back(sqlite3_column_int64(s, 0),
                              reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
    }
    sqlite3_finalize(s);
  }
  std::mt19937_64 rng(iprdb::bench::kCorpusSeed);
  auto uniform = [&](std::int64_t n) {
    return std::uniform_int_distribution<std::int64_t>(0, n - 1)(rng);
  };
  db.exec("BEGIN");
  // One document per 200 observations, as a bulletin holds tens to hundreds of figures.
  const std::int64_t documents = std::max<std::int64_t>(1, observations / 200);
  {
    sqlite3_stmt* s = db.prepare(
        "INSERT INTO document(id, sha256, origin, format, title, published_on, encoding, text, "
        "extractor_version) VALUES (?1, printf('%064d', ?1), 'bench/' || ?1 || '.txt', 'text', "
        "'某地知识产权发展状况', ?2, 'UTF-8', '全省专利授权1939件。', ?3)");
    for (std::int64_t d = 1; d <= documents; ++d) {
      sqlite3_bind_int64(s, 1, d);
      const std::string published = fmt::format("{}-{:02}-{:02}", kFirstYear + 1 + uniform(kYears),
                                                1 + uniform(12), 1 + uniform(28));
      sqlite3_bind_text(s, 2, published.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(s, 3, iprdb::kExtractorVersion, -1, SQLITE_STATIC);
      db.step_done(s);
    }
    sqlite3_finalize(s);
  }
  sqlite3_stmt* insert = db.prepare(
      "INSERT INTO observation(region_id, indicator_id, year, month_start, month_end, measure, "
      "status, value, unit, value_text, qualifier, document_id, span_start, span_end, quote, "
      "origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
      "'extracted')");
  static const char* const kQuotes[] = {
      "全年专利授权1.2万件,同比增长12.5%", "截至年底,全市有效发明专利拥有量6.61万件",
      "新增注册商标81879件", "知识产权质押融资16.4亿元", "每万人口发明专利拥有量46.79件",
      "查处商标违法案件328件,罚没款1024万元"};
  for (std::int64_t i = 0; i < observations; ++i) {
    const double level_draw = std::uniform_real_distribution<double>(0, 1)(rng);
    const auto& pool = level_regions[level_draw < 0.1 ? 0 : level_draw < 0.4 ? 1 : 2];
    const auto& indicator = indicators[static_cast<std::size_t>(uniform(
        static_cast<std::int64_t>(indicators.size())))];
    const double kind_draw = std::uniform_real_distribution<double>(0, 1)(rng);
    const bool growth = kind_draw < 0.2;
    const bool partial = kind_draw >= 0.2 && kind_draw < 0.3;
    const bool target = kind_draw >= 0.3 && kind_draw < 0.35;
    sqlite3_bind_int64(insert, 1, pool[static_cast<std::size_t>(uniform(static_cast<std::int64_t>(pool.size())))]);
    sqlite3_bind_int64(insert, 2, indicator.first);
    sqlite3_bind_int64(insert, 3, kFirstYear + uniform(kYears));
    if (partial) {
      sqlite3_bind_int64(insert, 4, 1);
      sqlite3_bind_int64(insert, 5, 1 + uniform(11));
    } else {
      sqlite3_bind_null(insert, 4);
      sqlite3_bind_null(insert, 5);
    }
    sqlite3_bind_text(insert, 6, growth ? "growth_pct" : "level", -1, SQLITE_STATIC);
    sqlite3_bind_text(insert, 7, target ? "target" : "actual", -1, SQLITE_STATIC);
    const double value = growth ? static_cast<double>(uniform(1000)) / 10.0
                                : static_cast<double>(1 + uniform(200000));
    sqlite3_bind_double(insert, 8, value);
    if (growth) {
      sqlite3_bind_text(insert, 9, "%", -1, SQLITE_STATIC);
    } else {
      sqlite3_bind_text(insert, 9, indicator.second.c_str(), -1, SQLITE_STATIC);
    }
    const std::string value_text = fmt::format("{}", value);
    sqlite3_bind_text(insert, 10, value_text.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 11, uniform(10) == 0 ? "more_than" : "exact", -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 12, 1 + uniform(documents));
    const std::int64_t span = uniform(4000);
    sqlite3_bind_int64(insert, 13, span);
    sqlite3_bind_int64(insert, 14, span + 20);
    sqlite3_bind_text(insert, 15, kQuotes[uniform(6)], -1, SQLITE_STATIC);
    db.step_done(insert);
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
  for (const auto& sql : indexes) db.exec(sql);
  // Back to what iprdb itself leaves: a WAL database, with best_level chosen.
  db.exec("PRAGMA journal_mode = WAL");
  { iprdb::Database::open(path, iprdb::OpenMode::read_write); }
  db.exec(fmt::format("INSERT OR REPLACE INTO iprdb_meta(key, value) VALUES ('bench_fixture', '{}')", spec));
  fixture.build_seconds = seconds_since(start);
  return fixture;
}

// ---- query latency ----------------------------------------------------------------------------

struct Latency {
  double p50_us = 0;
  double p99_us = 0;
  std::size_t runs = 0;
};

template <typename Question>
Latency time_question(double seconds, Question&& question) {
  for (int i = 0; i < 30; ++i) question();  // warm the statement cache and the pages
  std::vector<double> us;
  const auto start = Clock::now();
  while (us.size() < 200000 && (us.size() < 50 || seconds_since(start) < seconds)) {
    const auto t = Clock::now();
    question();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
  }
  std::sort(us.begin(), us.end());
  Latency l;
  l.runs = us.size();
  l.p50_us = us[us.size() / 2];
  l.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  return l;
}

struct QueryFigures {
  Latency compare, rank, series, latest;
  std::size_t rows = 0;  // rows returned in all, so the work cannot be optimized away
};

QueryFigures measure_queries(const fs::path& path, double seconds) {
  auto db = iprdb::Database::open(path);
  const auto& gazetteer = iprdb::Gazetteer::builtin();
  // Provinces with prefectures: the four municipalities have districts directly.
  std::vector<std::string> provinces, prefectures;
  for (const auto& r : gazetteer.regions()) {
    if (r.is_historical() || r.level != iprdb::RegionLevel::prefecture || !r.parent) continue;
    prefectures.push_back(r.code.str());
    if (provinces.empty() || provinces.back() != r.parent->str()) provinces.push_back(r.parent->str());
  }
  std::vector<std::string> indicators;
  for (const auto& i : iprdb::Catalog::builtin().indicators()) indicators.push_back(i.code);
  std::mt19937_64 rng(7);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  auto year = [&] { return iprdb::Year(kFirstYear + static_cast<int>(rng() % kYears)); };
  QueryFigures q;
  // Every prefecture of one province, for one indicator and year (perf-baseline.md §2's
  // pref_under_prov query).
  q.compare = time_question(seconds, [&] {
    iprdb::Comparison c;
    c.indicator = pick(indicators);
    c.year = year();
    c.scope.level = iprdb::RegionLevel::prefecture;
    c.scope.under = pick(provinces);
    q.rows += db.compare(c).size();
  });
  // Every province ranked (prov_ranked).
  q.rank = time_question(seconds, [&] {
    iprdb::Ranking r;
    r.indicator = pick(indicators);
    r.year = year();
    q.rows += db.rank(r).size();
  });
  // One city, one indicator, every year.
  q.series = time_question(seconds, [&] {
    iprdb::TimeSeries s;
    s.region = pick(prefectures);
    s.indicator = pick(indicators);
    q.rows += db.series(s).size();
  });
  // Each province's newest figure up to a year.
  q.latest = time_question(seconds, [&] {
    iprdb::Latest l;
    l.indicator = pick(indicators);
    l.up_to = year();
    q.rows += db.latest(l).size();
  });
  return q;
}

// A fresh iprdb-query process answering one comparison, end to end, warm.
double cli_query_ms(const std::string& tool, const fs::path& db) {
  const std::vector<std::string> args = {tool, "compare", "patent.grant", "2020", "--level",
                                         "prefecture", "--under", "贵州", "--db", db.string()};
  for (int i = 0; i < 5; ++i) run_capture(args);
  std::vector<double> ms;
  for (int i = 0; i < 30; ++i) {
    const auto start = Clock::now();
    run_capture(args);
    ms.push_back(seconds_since(start) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

std::string find_query_tool(const std::string& given) {
  if (!given.empty()) return given;
#ifdef IPRDB_QUERY_TOOL
  if (fs::exists(IPRDB_QUERY_TOOL)) return IPRDB_QUERY_TOOL;
#endif
  const fs::path beside = fs::read_symlink("/proc/self/exe").parent_path() / "iprdb-query";
  return fs::exists(beside) ? beside.string() : std::string();
}

double round_to(double value, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(value * scale) / scale;
}

// ---- the run ----------------------------------------------------------------------------------

ordered_json run(const Settings& s, const std::string& command) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned jobs = s.jobs ? s.jobs : cores;
  const double corpus_mb = s.corpus_mb > 0 ? s.corpus_mb : (s.quick ? 4 : 40);
  const std::int64_t big = s.observations > 0 ? s.observations : (s.quick ? 1000000 : 10000000);
  const double query_seconds = s.query_seconds > 0 ? s.query_seconds : (s.quick ? 0.4 : 1.5);

  fs::path work;
  if (!s.keep.empty()) {
    work = fs::absolute(s.keep);
    fs::create_directories(work);
  } else {
    std::string pattern = (fs::temp_directory_path() / "iprdb-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary directory");
    work = pattern;
  }
  struct Cleanup {
    fs::path path;
    bool keep;
    ~Cleanup() {
      std::error_code ec;
      if (!keep) fs::remove_all(path, ec);
    }
  } cleanup{work, !s.keep.empty()};

  const auto run_start = Clock::now();
  ordered_json out;
  out["command"] = command;
  out["mode"] = s.quick ? "quick" : "full";
  out["machine"] = machine();
  out["load_average_start"] = load_average();

  // Corpus.
  const fs::path corpus_dir = work / "corpus";
  fs::remove_all(corpus_dir);
  progress(s.quiet, fmt::format("writing a {} MB synthetic corpus", corpus_mb));
  auto start = Clock::now();
  const CorpusInfo corpus =
      make_corpus(corpus_dir, static_cast<std::size_t>(corpus_mb * 1e6), !s.keep.empty());
  const double generate_seconds = seconds_since(start);
  const double mb = static_cast<double>(corpus.bytes) / 1e6;
  out["corpus_mb"] = round_to(mb, 2);
  out["corpus_documents"] = corpus.documents;
  out["corpus_generate_s"] = round_to(generate_seconds, 2);

  // Extraction on one core.
  progress(s.quiet, "extracting in memory");
  const auto extraction = measure_extraction(corpus, s.quick ? 2 : 3);
  out["extract_mb_s"] = round_to(mb / extraction.seconds, 2);
  out["extract_wall_mb_s"] = round_to(mb / extraction.wall_seconds, 2);
  out["extract_facts"] = extraction.facts;
  out["synthetic_expected_facts"] = extraction.accuracy.expected;
  out["synthetic_precision"] = round_to(extraction.accuracy.precision(), 5);
  out["synthetic_recall"] = round_to(extraction.accuracy.recall(), 5);

  // Ingest from files, one transaction per document.
  progress(s.quiet, "loading the corpus (one thread)");
  const fs::path ingest_db = work / "ingest.sqlite";
  const auto one = run_ingest(ingest_db, corpus_dir, 1);
  const double ingest_s = one["seconds"].get<double>();
  const double facts_s = one["facts"].get<double>() / ingest_s;
  out["ingest_mb_s"] = round_to(mb / ingest_s, 2);
  out["ingest_docs_s"] = round_to(one["documents"].get<double>() / ingest_s, 1);
  out["ingest_facts_s"] = round_to(facts_s, 0);
  out["ingest_facts"] = one["facts"];
  progress(s.quiet, fmt::format("loading the corpus ({} extraction threads)", jobs));
  const fs::path jobs_db = work / "ingest-jobs.sqlite";
  const auto many = run_ingest(jobs_db, corpus_dir, jobs);
  out["ingest_jobs"] = jobs;
  out["ingest_jobs_mb_s"] = round_to(mb / many["seconds"].get<double>(), 2);
  out["peak_rss_mb"] = round_to(std::max(one["peak_rss_kib"].get<double>(),
                                         many["peak_rss_kib"].get<double>()) / 1024.0, 1);
  out["ingest_db_bytes_per_fact"] =
      round_to(static_cast<double>(file_bytes(ingest_db)) / one["facts"].get<double>(), 1);
  fs::remove(jobs_db);

  // The SQLite ceiling for the same rows.
  progress(s.quiet, "inserting the same rows raw (the SQLite ceiling)");
  std::vector<Row> rows;
  {
    Sqlite db(ingest_db, SQLITE_OPEN_READONLY);
    rows = read_rows(db);
  }
  const fs::path ceiling_db = work / "ceiling.sqlite";
  const double ceiling = ceiling_rows_per_second(ingest_db, ceiling_db, rows, Schema::real);
  const double ceiling_bare = ceiling_rows_per_second(ingest_db, ceiling_db, rows, Schema::no_index);
  fs::remove(work / "ceiling.sqlite");
  fs::remove(work / "ceiling.sqlite-wal");
  fs::remove(work / "ceiling.sqlite-shm");
  rows.clear();
  rows.shrink_to_fit();
  out["sqlite_ceiling_rows_s"] = round_to(ceiling, 0);
  out["sqlite_ceiling_no_index_rows_s"] = round_to(ceiling_bare, 0);
  out["insert_ratio"] = round_to(facts_s / ceiling, 3);

  // Queries at 1M, then at the big size.
  const std::string tool = find_query_tool(s.query_tool);
  std::vector<std::int64_t> sizes = {1000000};
  if (big != 1000000) sizes.push_back(big);
  for (const auto size : sizes) {
    const fs::path path = work / fmt::format("fixture-{}.sqlite", size);
    const Fixture fixture = build_fixture(path, size, s.quiet);
    // A fixture just written is gigabytes of dirty pages: written back now, not while the
    // questions are timed.
    ::sync();
    progress(s.quiet, fmt::format("asking questions of {} observations", size));
    const auto q = measure_queries(path, query_seconds);
    const bool main_size = size == sizes.back();
    const std::string suffix = size == 1000000 ? "_1m" : "";
    auto put = [&](const std::string& key, double value, int digits) {
      if (!suffix.empty()) out[key + suffix] = round_to(value, digits);
      if (main_size) out[key] = round_to(value, digits);
    };
    put("compare_p50_us", q.compare.p50_us, 1);
    put("compare_p99_us", q.compare.p99_us, 1);
    put("rank_p50_us", q.rank.p50_us, 1);
    put("series_p50_us", q.series.p50_us, 1);
    put("latest_p50_us", q.latest.p50_us, 1);
    if (!tool.empty()) put("cli_query_ms", cli_query_ms(tool, path), 2);
    put("db_bytes_per_observation", static_cast<double>(file_bytes(path)) / static_cast<double>(size), 1);
    if (main_size) {
      out["query_observations"] = size;
      out["fixture_build_s"] = fixture.reused ? ordered_json(nullptr) : ordered_json(round_to(fixture.build_seconds, 1));
    }
  }
  if (tool.empty()) out["cli_query_ms"] = nullptr;
  out["load_average_end"] = load_average();
  out["total_s"] = round_to(seconds_since(run_start), 1);
  return out;
}

struct Target {
  const char* key;
  const char* op;
  double goal;
};
constexpr Target kTargets[] = {
    {"extract_mb_s", ">=", 50},     {"ingest_mb_s", ">=", 20},    {"insert_ratio", ">=", 0.5},
    {"compare_p50_us", "<=", 20},   {"rank_p50_us", "<=", 100},   {"cli_query_ms", "<=", 10},
    {"peak_rss_mb", "<=", 150},
};

void print_table(const ordered_json& out) {
  std::cout << fmt::format("{:<32} {:>14}  {}\n", "figure", "value", "target");
  for (const auto& [key, value] : out.items()) {
    if (value.is_object()) continue;
    std::string target;
    for (const auto& t : kTargets) {
      if (key == t.key && value.is_number()) {
        const double v = value.get<double>();
        const bool met = std::string_view(t.op) == ">=" ? v >= t.goal : v <= t.goal;
        target = fmt::format("{} {} {}", t.op, t.goal, met ? "met" : "MISSED");
      }
    }
    std::cout << fmt::format("{:<32} {:>14}  {}\n", key,
                             value.is_string() ? value.get<std::string>() : value.dump(), target);
  }
  for (const auto& [key, value] : out["machine"].items()) {
    std::cout << fmt::format("{:<32} {:>14}\n", "machine." + key,
                             value.is_string() ? value.get<std::string>() : value.dump());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string_view(argv[1]) == kIngestWorker) {
    try {
      return ingest_worker(argv[2], argv[3], static_cast<unsigned>(std::stoul(argv[4])));
    } catch (const std::exception& e) {
      std::cerr << kTool << ": " << e.what() << '\n';
      return 1;
    }
  }
  CLI::App app{"Measure iprdb: extraction, loading and query latency, in one run.", kTool};
  Settings s;
  app.add_flag("--quick", s.quick, "A smaller corpus and 1M observations: under a minute");
  app.add_flag("--json", s.json, "One JSON object on stdout instead of a table");
  app.add_option("--jobs", s.jobs, "Extraction threads for ingest_jobs_mb_s (default: all cores)");
  app.add_option("--keep", s.keep,
                 "Work in this directory and keep the corpus, expected.jsonl and the databases "
                 "(a fixture of the same size is reused by the next run)");
  app.add_option("--corpus-mb", s.corpus_mb, "Corpus size in MB (default 4 quick, 40 full)");
  app.add_option("--observations", s.observations,
                 "Observations of the large query database (default 1M quick, 10M full)");
  app.add_option("--query-seconds", s.query_seconds, "Time spent on each question");
  app.add_option("--query-tool", s.query_tool, "The iprdb-query to time (default: beside this one)");
  app.add_flag("-q,--quiet", s.quiet, "No progress lines on stderr");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::string command = "iprdb-bench";
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  try {
    const ordered_json out = run(s, command);
    if (s.json) {
      std::cout << out.dump() << std::endl;
    } else {
      print_table(out);
    }
  } catch (const std::exception& e) {
    std::cerr << kTool << ": " << e.what() << '\n';
    return 1;
  }
  return 0;
}
