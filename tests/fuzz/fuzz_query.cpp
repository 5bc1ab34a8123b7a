// The query tool's way from arguments to SQL: indicator and region names, years, months and
// scopes as a person may type them, and ad-hoc SQL, against the query tests' fixture database.
// Whatever the input, nothing is written, attached or left open, and a failure is an Error.
//
// Input: one question per input. The first byte chooses the question; the rest is fields
// separated by '\n' (names, a year, a scope), or, for `sql`, the statement itself.
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include <iprdb/database.hpp>
#include <iprdb/query.hpp>

#include "fuzz.hpp"
#include "store/database_impl.hpp"

namespace {

namespace fs = std::filesystem;

fs::path g_dir;
std::unique_ptr<iprdb::Database> g_db;
sqlite3* g_handle = nullptr;
long g_steps = 0;

// Ad-hoc SQL may ask for endless rows (a recursive CTE) or huge strings; those are the user's
// own request, not a bug, so the harness bounds them. The tool itself runs what it is given.
constexpr long kMaxProgressCalls = 2000;  // × 1000 virtual-machine steps
constexpr int kMaxLength = 1 << 20;

int progress(void*) { return ++g_steps > kMaxProgressCalls ? 1 : 0; }

class Fields {
 public:
  explicit Fields(std::string_view rest) {
    for (std::size_t start = 0;;) {
      const auto end = rest.find('\n', start);
      fields_.emplace_back(rest.substr(start, end == std::string_view::npos ? end : end - start));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }
  std::string next() { return at_ < fields_.size() ? fields_[at_++] : std::string(); }
  // Any integer the text starts with, clamped to int: years 0, 99999 and -2147483648 included.
  int number() {
    const std::string text = next();
    const long long value = std::strtoll(text.c_str(), nullptr, 10);
    if (value > std::numeric_limits<int>::max()) return std::numeric_limits<int>::max();
    if (value < std::numeric_limits<int>::min()) return std::numeric_limits<int>::min();
    return static_cast<int>(value);
  }
  std::optional<int> maybe_number() {
    if (at_ < fields_.size() && fields_[at_].empty()) {
      ++at_;
      return std::nullopt;
    }
    return number();
  }
  std::optional<std::string> maybe_text() {
    std::string text = next();
    if (text.empty()) return std::nullopt;
    return text;
  }
  iprdb::Scope scope() {
    iprdb::Scope scope;
    const std::string level = next();
    if (!level.empty()) scope.level = static_cast<iprdb::RegionLevel>(level[0] % 4);
    scope.under = maybe_text();
    // Regions separated by '|'.
    const std::string list = next();
    for (std::size_t start = 0; !list.empty();) {
      const auto bar = list.find('|', start);
      scope.regions.push_back(list.substr(start, bar == std::string::npos ? bar : bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    return scope;
  }
  std::optional<iprdb::Months> months() {
    const auto first = maybe_number();
    const auto last = maybe_number();
    if (!first) return std::nullopt;
    return iprdb::Months{*first, last.value_or(*first)};
  }
  iprdb::QueryOptions options() {
    const std::string flags = next();
    iprdb::QueryOptions options;
    const unsigned bits = flags.empty() ? 0u : static_cast<unsigned char>(flags[0]);
    options.status = bits & 1 ? iprdb::Status::target : iprdb::Status::actual;
    options.partial_periods = bits & 2;
    options.all_sources = bits & 4;
    return options;
  }

 private:
  std::vector<std::string> fields_;
  std::size_t at_ = 0;
};

void ask(char question, std::string_view rest) {
  iprdb::Database& db = *g_db;
  Fields f(rest);
  switch (question % 10) {
    case 0: {
      iprdb::Comparison q;
      q.indicator = f.next();
      q.year = iprdb::Year(f.number());
      q.months = f.months();
      q.scope = f.scope();
      q.options = f.options();
      db.compare(q);
      break;
    }
    case 1: {
      iprdb::Ranking q;
      q.indicator = f.next();
      q.year = iprdb::Year(f.number());
      q.scope = f.scope();
      q.options = f.options();
      q.top = f.maybe_number();
      q.ascending = !f.next().empty();
      db.rank(q);
      break;
    }
    case 2: {
      iprdb::TimeSeries q;
      q.region = f.next();
      q.indicator = f.next();
      if (auto from = f.maybe_number()) q.from = iprdb::Year(*from);
      if (auto to = f.maybe_number()) q.to = iprdb::Year(*to);
      q.months = f.months();
      q.options = f.options();
      db.series(q);
      break;
    }
    case 3: {
      iprdb::Growth q;
      q.indicator = f.next();
      q.year = iprdb::Year(f.number());
      if (auto base = f.maybe_number()) q.base_year = iprdb::Year(*base);
      q.scope = f.scope();
      q.options = f.options();
      db.growth(q);
      break;
    }
    case 4: {
      iprdb::Latest q;
      q.indicator = f.next();
      if (auto up_to = f.maybe_number()) q.up_to = iprdb::Year(*up_to);
      q.scope = f.scope();
      q.options = f.options();
      db.latest(q);
      break;
    }
    case 5: {
      iprdb::Coverage q;
      if (!f.next().empty()) q.scope = f.scope();
      q.indicator = f.maybe_text();
      q.partial_periods = !f.next().empty();
      db.coverage(q);
      break;
    }
    case 6:
      db.provenance(std::strtoll(f.next().c_str(), nullptr, 10));
      break;
    case 7: {
      const auto scope = f.scope();
      std::optional<iprdb::Year> year;
      if (auto y = f.maybe_number()) year = iprdb::Year(*y);
      db.regions_in(scope, year);
      break;
    }
    case 8:
      db.sql(rest);
      break;
    default: {
      const std::string name = f.next();
      db.find_regions(name);
      db.find_region(name);
      db.find_indicator(name);
      break;
    }
  }
}

std::int64_t scalar(const char* sql) {
  sqlite3_stmt* statement = nullptr;
  std::int64_t value = -1;
  if (sqlite3_prepare_v2(g_handle, sql, -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // A fresh copy of the fixture per process: the harness opens it for writing, so that only the
  // SQL guard (not a read-only connection) stands between a statement and the file.
  g_dir = fs::temp_directory_path() / ("iprdb-fuzz-query-" + std::to_string(::getpid()));
  fs::remove_all(g_dir);
  fs::create_directories(g_dir);
  std::atexit([] {
    g_db.reset();
    std::error_code ec;
    fs::remove_all(g_dir, ec);
  });
  const fs::path path = g_dir / "fixture.sqlite";
  { iprdb::Database::create(path); }
  {
    std::ifstream in(fs::path(IPRDB_SOURCE_DIR) / "tests/query/fixture.sql");
    const std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec(sql);
  }
  g_db =
      std::make_unique<iprdb::Database>(iprdb::Database::open(path, iprdb::OpenMode::read_write));
  g_handle = iprdb::detail::DatabaseAccess::impl(*g_db).db().getHandle();
  sqlite3_progress_handler(g_handle, 1000, progress, nullptr);
  sqlite3_limit(g_handle, SQLITE_LIMIT_LENGTH, kMaxLength);
  sqlite3_hard_heap_limit64(std::int64_t{256} << 20);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  g_steps = 0;
  const int changes_before = sqlite3_total_changes(g_handle);
  // Names are echoed in messages as typed, newlines and all.
  iprdb::fuzz::expect_only_errors([&] { ask(input[0], input.substr(1)); }, false);
  IPRDB_FUZZ_CHECK(sqlite3_total_changes(g_handle) == changes_before, "a question wrote");
  IPRDB_FUZZ_CHECK(sqlite3_get_autocommit(g_handle) != 0, "a transaction was left open");
  IPRDB_FUZZ_CHECK(scalar("SELECT count(*) FROM pragma_database_list WHERE name NOT IN "
                          "('main', 'temp')") == 0,
                   "a database was attached");
  IPRDB_FUZZ_CHECK(scalar("SELECT count(*) FROM temp.sqlite_schema") == 0,
                   "a temporary object was created");
  IPRDB_FUZZ_CHECK(scalar("PRAGMA query_only") == 0 && scalar("PRAGMA foreign_keys") == 1,
                   "a setting of the connection was changed");
  return 0;
}
