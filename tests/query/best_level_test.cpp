// best_level against the question it short-cuts: on random figures (ties, curated records,
// qualifiers, undated documents, every way of writing a period), a comparison answered from
// best_level equals the same comparison chosen from observation, before and after deletions,
// and a rebuild leaves best_level as the triggers left it.
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/query.hpp>

#include "store/best_levels.hpp"
#include "testing.hpp"

namespace fs = std::filesystem;
using iprdb::Database;
using iprdb::testing::TempDir;

namespace {

// Prefectures of 山东 (370000) and 河北 (130000), 莱芜 (abolished in 2019) among them, the two
// provinces themselves and the counties of 济南: three depths, so that a question reads a span
// of best_level with regions it did not ask for. Three indicators, three years.
void add_random_figures(const fs::path& path, unsigned seed) {
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::vector<int> regions;
  {
    SQLite::Statement q(raw, "SELECT id FROM region WHERE (parent_id IN (370000, 130000) "
                             "AND level = 'prefecture') OR id IN (370000, 130000) "
                             "OR parent_id = 370100");
    while (q.executeStep()) regions.push_back(q.getColumn(0).getInt());
  }
  std::vector<std::int64_t> indicators;
  {
    SQLite::Statement q(raw, "SELECT id FROM indicator WHERE code IN ('patent.grant', "
                             "'trademark.registration', 'patent.invention.valid') ORDER BY id");
    while (q.executeStep()) indicators.push_back(q.getColumn(0).getInt64());
  }
  raw.exec("BEGIN");
  // Dates with ties, and undated documents (a record file has no date).
  const char* dates[] = {"2022-03-01", "2022-03-01", "2022-06-30", "2023-01-15", nullptr};
  for (int d = 1; d <= 12; ++d) {
    SQLite::Statement s(raw, "INSERT INTO document(id, sha256, origin, format, title, published_on, "
                             "encoding, text) VALUES (?1, printf('%064d', ?1), 'doc' || ?1 || "
                             "'.txt', ?2, '公报' || ?1, ?3, 'UTF-8', '')");
    s.bind(1, d);
    s.bind(2, d % 4 == 0 ? "jsonl" : "text");
    const char* date = dates[pick(5)];
    if (date) s.bind(3, date); else s.bind(3);
    s.exec();
  }
  // Periods: the whole year three ways, 1—9月 two ways, 3—12月, 8月.
  const std::pair<int, int> periods[] = {{0, 0}, {0, 12}, {1, 12}, {1, 9}, {0, 9}, {3, 12}, {8, 8}};
  const char* qualifiers[] = {"exact", "exact", "more_than", "approx"};
  SQLite::Statement insert(raw, R"sql(
      INSERT INTO observation(region_id, indicator_id, year, month_start, month_end, cumulative,
                              measure, status, value, unit, value_text, qualifier, document_id,
                              quote, origin)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '件', ?10, ?11, ?12, ?13, ?14))sql");
  for (int i = 0; i < 1500; ++i) {
    insert.reset();
    insert.clearBindings();
    insert.bind(1, regions[static_cast<std::size_t>(pick(static_cast<int>(regions.size())))]);
    insert.bind(2, indicators[static_cast<std::size_t>(pick(3))]);
    insert.bind(3, 2020 + pick(3));
    const auto period = periods[pick(7)];
    if (period.first) insert.bind(4, period.first);
    if (period.second) insert.bind(5, period.second);
    insert.bind(6, pick(20) == 0 ? 1 : 0);
    insert.bind(7, pick(10) == 0 ? "growth_pct" : "level");
    insert.bind(8, pick(8) == 0 ? "target" : "actual");
    const int value = 1 + pick(5);  // few values: equal figures from several documents
    insert.bind(9, value);
    insert.bind(10, std::to_string(value));
    insert.bind(11, qualifiers[pick(4)]);
    const int document = 1 + pick(12);
    insert.bind(12, document);
    insert.bind(13, fmt::format("第{}条", i));
    insert.bind(14, document % 4 == 0 ? "curated" : "extracted");
    insert.exec();
  }
  raw.exec("COMMIT");
}

std::string describe(const iprdb::Observation& o) {
  return fmt::format("#{} {} {} {}-{} {} {} {} {} {} {} {} {} {}", o.id, o.region.str(),
                     o.indicator, o.period.month_start.value_or(0), o.period.month_end.value_or(0),
                     o.value, o.unit, o.value_text, iprdb::to_string(o.qualifier), o.origin,
                     o.source.title, o.source.file, o.source.published_on.value_or("-"),
                     o.source.quote);
}

// Every comparison of the random figures, one line per region.
std::string answers(const fs::path& path) {
  auto db = Database::open(path);
  std::string out;
  for (const char* indicator : {"patent.grant", "trademark.registration", "patent.invention.valid"}) {
    for (int year = 2020; year <= 2022; ++year) {
      for (int variant = 0; variant < 9; ++variant) {
        iprdb::Comparison question;
        question.indicator = indicator;
        question.year = iprdb::Year(year);
        question.scope.level = iprdb::RegionLevel::prefecture;
        question.scope.under = variant % 2 ? "山东省" : "河北省";
        if (variant == 6) {  // every province
          question.scope.under.reset();
          question.scope.level = iprdb::RegionLevel::province;
        }
        if (variant == 7) {  // the counties of a prefecture
          question.scope.under = "济南市";
          question.scope.level = iprdb::RegionLevel::county;
        }
        if (variant == 8) {  // scattered regions of every depth, out of code order
          question.scope = iprdb::Scope{};
          question.scope.regions = {"莱芜市", "河北省", "历下区", "济南市", "平阴县", "山东省",
                                    "唐山市"};
        }
        if (variant == 2) question.months = iprdb::Months{1, 9};
        if (variant == 3) question.months = iprdb::Months{1, 12};
        if (variant == 4) question.options.partial_periods = true;
        if (variant == 5) question.options.status = iprdb::Status::target;
        for (const auto& row : db.compare(question)) {
          out += fmt::format("{} {} {}: {}\n", indicator, year, variant,
                             row.observation ? describe(*row.observation) : "-");
        }
      }
    }
  }
  return out;
}

// The same file with best_level's triggers gone: questions choose from observation.
fs::path without_best_level(const fs::path& path, const fs::path& copy) {
  fs::copy_file(path, copy, fs::copy_options::overwrite_existing);
  SQLite::Database raw(copy.string(), SQLite::OPEN_READWRITE);
  iprdb::detail::suspend_best_levels(raw);
  return copy;
}

}  // namespace

TEST_CASE("a comparison from best_level chooses what the choice from observation chooses",
          "[query]") {
  for (unsigned seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    TempDir dir;
    const auto path = dir / "a.sqlite";
    Database::create(path);
    add_random_figures(path, seed);
    {
      SQLite::Database raw(path.string());
      REQUIRE(iprdb::detail::best_levels_kept(raw));
    }
    const std::string fast = answers(path);
    CHECK(fast == answers(without_best_level(path, dir / "slow.sqlite")));
    CHECK(fast.find(": #") != std::string::npos);  // figures were found, not only gaps

    // Deleting figures, the chosen ones among them, hands each key to the next best.
    {
      SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
      raw.exec("DELETE FROM observation WHERE id % 3 = 0 OR document_id = 5");
    }
    const std::string after = answers(path);
    CHECK(after != fast);
    CHECK(after == answers(without_best_level(path, dir / "slow.sqlite")));

    // Rebuilt from scratch, best_level is what the triggers kept.
    const std::string kept = iprdb::testing::best_level_rows(path);
    {
      SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
      iprdb::detail::suspend_best_levels(raw);
      iprdb::detail::keep_best_levels(raw);
    }
    CHECK(iprdb::testing::best_level_rows(path) == kept);
  }
}
