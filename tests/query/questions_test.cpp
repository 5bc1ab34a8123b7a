// The comparative questions against tests/query/fixture.sql, whose answers are known.
#include <algorithm>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/query.hpp>

#include "query/query_fixture.hpp"
#include "testing.hpp"

using iprdb::Comparison;
using iprdb::Database;
using iprdb::ErrorCode;
using iprdb::Months;
using iprdb::RegionLevel;
using iprdb::Scope;
using iprdb::Year;
using iprdb::testing::error_of;
using iprdb::testing::TempDir;

namespace {

Scope list(std::vector<std::string> names) {
  Scope scope;
  scope.regions = std::move(names);
  return scope;
}

Scope level(RegionLevel l, std::optional<std::string> under = std::nullopt) {
  Scope scope;
  scope.level = l;
  scope.under = std::move(under);
  return scope;
}

template <typename Rows>
std::vector<std::string> with_data(const Rows& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) {
    if (!row.missing()) out.push_back(row.region.code.str());
  }
  return out;
}

struct Fixture {
  TempDir dir;
  Database db = Database::open(iprdb::testing::make_query_fixture(dir));
};

}  // namespace

TEST_CASE("compare lists every region in scope and marks the missing ones", "[query]") {
  Fixture f;
  const auto rows = f.db.compare({"专利授权量", Year(2019), std::nullopt, Scope{}, {}});
  REQUIRE(rows.size() == 34);
  CHECK(with_data(rows) == std::vector<std::string>{"210000", "310000"});
  const auto shanghai = std::find_if(rows.begin(), rows.end(), [](const auto& r) {
    return r.region.code.str() == "310000";
  });
  REQUIRE(shanghai->observation);
  CHECK(shanghai->observation->id == 8);
  CHECK(shanghai->observation->value == 100600);
  CHECK(shanghai->observation->unit == "件");
  CHECK(shanghai->observation->value_text == "10.06万");
  CHECK(shanghai->observation->source.title == "2019年上海市知识产权白皮书");
  CHECK(shanghai->observation->source.published_on == "2020-04-28");
  CHECK(shanghai->observation->source.quote ==
        "上海专利申请量和授权量分别为17.36万件和10.06万件");
  // Regions come in scope (code) order.
  CHECK(rows.front().region.name == "北京市");
  CHECK(rows.front().missing());
}

TEST_CASE("names are accepted as code, name, alias or pinyin", "[query]") {
  Fixture f;
  for (const char* name : {"310000", "上海市", "上海", "shanghai"}) {
    const auto rows = f.db.compare({"patent.grant", Year(2019), std::nullopt, list({name}), {}});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].observation->id == 8);
  }
  for (const char* indicator : {"patent.grant", "专利授权量", "专利授权", "三种专利授权量"}) {
    const auto rows = f.db.compare({indicator, Year(2019), std::nullopt, list({"辽宁"}), {}});
    CHECK(rows[0].observation->id == 30);
  }
}

TEST_CASE("unknown and ambiguous names are errors that say what is wrong", "[query]") {
  Fixture f;
  std::string message;
  CHECK(error_of([&] { f.db.compare({"专利授权量", Year(2019), {}, list({"火星"}), {}}); },
                 &message) == ErrorCode::unknown_region);
  CHECK_THAT(message, Catch::Contains("\"火星\""));
  CHECK(error_of([&] { f.db.compare({"专利授权量", Year(2019), {}, list({"吉林"}), {}}); },
                 &message) == ErrorCode::ambiguous_name);
  CHECK_THAT(message, Catch::Contains("220000 吉林省") && Catch::Contains("220200 吉林市"));
  CHECK(error_of([&] { f.db.compare({"专利数", Year(2019), {}, Scope{}, {}}); }, &message) ==
        ErrorCode::unknown_indicator);
  CHECK_THAT(message, Catch::Contains("\"专利数\""));
  CHECK(error_of([&] { f.db.compare({"专利授权量", Year(2019), {}, level(RegionLevel::county, "火星"), {}}); }) ==
        ErrorCode::unknown_region);
  CHECK(error_of([&] { f.db.series({"莱芜", "专利授权量", {}, {}, {}, {}}); }) ==
        ErrorCode::ambiguous_name);
  CHECK(error_of([&] { f.db.compare({"专利授权量", Year(1800), {}, Scope{}, {}}); }) ==
        ErrorCode::invalid_argument);
  CHECK(error_of([&] { f.db.compare({"专利授权量", Year(2019), Months{9, 3}, Scope{}, {}}); }) ==
        ErrorCode::invalid_argument);
  Scope both = list({"北京"});
  both.level = RegionLevel::province;
  CHECK(error_of([&] { f.db.compare({"专利授权量", Year(2019), {}, both, {}}); }) ==
        ErrorCode::invalid_argument);
  CHECK(error_of([&] {
          f.db.compare({"专利授权量", Year(2019), {}, level(RegionLevel::prefecture, "北京"), {}});
        }, &message) == ErrorCode::invalid_argument);
  CHECK_THAT(message, Catch::Contains("北京市地级地区"));
}

TEST_CASE("the best observation: curated, then exact, then the newest", "[query]") {
  Fixture f;
  // An exact figure (2019-01-19) over a later "突破12万" (2019-04-26).
  auto rows = f.db.compare({"专利申请量", Year(2018), {}, list({"湖北"}), {}});
  CHECK(rows[0].observation->id == 12);
  CHECK(rows[0].observation->qualifier == iprdb::Qualifier::exact);
  // A curated record over the same extracted figure.
  rows = f.db.compare({"专利授权量", Year(2018), {}, list({"湖北"}), {}});
  CHECK(rows[0].observation->id == 18);
  CHECK(rows[0].observation->origin == "curated");
  // Every source on request, best first.
  iprdb::QueryOptions all;
  all.all_sources = true;
  rows = f.db.compare({"专利申请量", Year(2018), {}, list({"湖北", "北京"}), all});
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].observation->id == 12);
  CHECK(rows[1].observation->id == 17);
  CHECK(rows[1].observation->qualifier == iprdb::Qualifier::more_than);
  CHECK(rows[2].missing());
}

TEST_CASE("partial periods, explicit months and targets are options", "[query]") {
  Fixture f;
  const Comparison per_10k{"每万人口发明专利拥有量", Year(2019), {}, Scope{}, {}};
  CHECK(with_data(f.db.compare(per_10k)) == std::vector<std::string>{"210000", "310000"});
  auto partial = per_10k;
  partial.options.partial_periods = true;
  const auto rows = f.db.compare(partial);
  CHECK(with_data(rows) == std::vector<std::string>{"210000", "310000", "500000"});
  const auto chongqing = std::find_if(rows.begin(), rows.end(), [](const auto& r) {
    return r.region.code.str() == "500000";
  });
  CHECK(chongqing->observation->id == 29);
  CHECK_FALSE(chongqing->observation->period.month_start);
  CHECK(chongqing->observation->period.month_end == 11);

  auto months = f.db.compare({"专利申请量", Year(2019), Months{1, 11}, list({"重庆", "上海"}), {}});
  CHECK(months[0].observation->id == 28);
  CHECK(months[1].missing());  // Shanghai's figure is for the whole year
  // A stock at the end of November answers "1—11月" too.
  months = f.db.compare({"每万人口发明专利拥有量", Year(2019), Months{1, 11}, list({"重庆"}), {}});
  CHECK(months[0].observation->id == 29);

  Comparison target{"每万人口发明专利拥有量", Year(2022), {}, list({"沧州"}), {}};
  CHECK(f.db.compare(target)[0].missing());
  target.options.status = iprdb::Status::target;
  const auto aims = f.db.compare(target);
  CHECK(aims[0].observation->id == 42);
  CHECK(aims[0].observation->qualifier == iprdb::Qualifier::at_least);
  CHECK(aims[0].observation->status == iprdb::Status::target);
}

TEST_CASE("scopes: a level under a parent, direct children, historical units", "[query]") {
  Fixture f;
  const auto counties = f.db.regions_in(level(RegionLevel::county, "沧州"), Year(2021));
  CHECK(counties.size() == 19);
  CHECK(std::any_of(counties.begin(), counties.end(),
                    [](const auto& r) { return r.code.str() == "130973"; }));
  Scope under_hubei;
  under_hubei.under = "湖北";
  const auto rows = f.db.compare({"专利授权量", Year(2022), {}, under_hubei, {}});
  CHECK(with_data(rows) == std::vector<std::string>{"421300"});
  CHECK(rows.size() == f.db.children(iprdb::RegionCode("420000")).size());
  // 莱芜市 was merged into 济南 in 2019.
  auto has_laiwu = [&](int year) {
    const auto regions = f.db.regions_in(level(RegionLevel::prefecture, "山东"), Year(year));
    return std::any_of(regions.begin(), regions.end(),
                       [](const auto& r) { return r.code.str() == "371200"; });
  };
  CHECK(has_laiwu(2017));
  CHECK_FALSE(has_laiwu(2022));
  CHECK(f.db.regions_in(Scope{}).size() == 34);
}

TEST_CASE("rank orders by figure, shares places on ties, lists missing last", "[query]") {
  Fixture f;
  iprdb::Ranking ranking;
  ranking.indicator = "PCT国际专利申请量";
  ranking.year = Year(2021);
  ranking.scope = level(RegionLevel::county, "沧州");
  auto rows = f.db.rank(ranking);
  REQUIRE(rows.size() == 19);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(rows[i].rank == 1);
    CHECK(rows[i].tied);
  }
  CHECK(rows[0].region.code.str() == "130903");  // equal figures keep code order
  CHECK_FALSE(rows[5].rank);
  CHECK(rows[5].missing());
  ranking.top = 1;
  CHECK(f.db.rank(ranking).size() == 19);  // the tie at the cut stays whole

  iprdb::Ranking per_10k;
  per_10k.indicator = "每万人口发明专利拥有量";
  per_10k.year = Year(2018);
  per_10k.scope = list({"湖北", "南昌市", "360113", "北京"});
  rows = f.db.rank(per_10k);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].region.code.str() == "360113");
  CHECK(rows[0].rank == 1);
  CHECK(rows[1].region.code.str() == "360100");
  CHECK(rows[1].rank == 2);
  CHECK(rows[2].rank == 3);
  CHECK_FALSE(rows[2].tied);
  CHECK(rows[3].region.code.str() == "110000");
  CHECK(rows[3].missing());
  per_10k.ascending = true;
  per_10k.top = 2;
  rows = f.db.rank(per_10k);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].region.code.str() == "420000");
  CHECK(rows[1].region.code.str() == "360100");
  CHECK(rows[2].missing());
}

TEST_CASE("series has a row for every year in range", "[query]") {
  Fixture f;
  auto rows = f.db.series({"随州", "专利授权量", {}, {}, {}, {}});
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].year == Year(2018));
  CHECK(rows[0].observation->value == 777);
  for (int i = 1; i <= 3; ++i) CHECK(rows[static_cast<std::size_t>(i)].missing());
  CHECK(rows[4].observation->value == 1939);
  rows = f.db.series({"suizhou", "patent.grant", Year(2017), Year(2023), {}, {}});
  CHECK(rows.size() == 7);
  CHECK(rows.front().missing());
  CHECK(f.db.series({"随州", "专利申请量", {}, {}, {}, {}}).empty());
  CHECK(error_of([&] { f.db.series({"随州", "专利授权量", Year(2022), Year(2018), {}, {}}); }) ==
        ErrorCode::invalid_argument);
}

TEST_CASE("growth is reported or computed, and says which", "[query]") {
  Fixture f;
  iprdb::Growth g;
  g.indicator = "专利授权量";
  g.year = Year(2022);
  g.base_year = Year(2018);
  g.scope = list({"随州"});
  auto rows = f.db.growth(g);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].method == iprdb::GrowthMethod::computed);
  CHECK(*rows[0].growth_pct == Approx((1939.0 - 777.0) / 777.0 * 100.0));
  CHECK(rows[0].level->id == 20);
  CHECK(rows[0].base_level->id == 19);
  CHECK(rows[0].base_year == Year(2018));

  g.year = Year(2018);
  g.base_year.reset();
  g.scope = list({"湖北", "南昌市", "北京"});
  rows = f.db.growth(g);
  CHECK(rows[0].method == iprdb::GrowthMethod::reported);
  CHECK(*rows[0].growth_pct == 38.25);
  CHECK(rows[0].reported->id == 15);
  CHECK(rows[0].level->id == 18);
  CHECK_FALSE(rows[0].base_level);
  CHECK(rows[0].base_year == Year(2017));
  CHECK(*rows[1].growth_pct == 58.2);
  CHECK(rows[2].missing());
  CHECK_FALSE(rows[2].method);

  // A growth stated against the previous year does not answer a question about another base.
  g.base_year = Year(2016);
  CHECK(f.db.growth(g)[0].missing());

  iprdb::Growth money;
  money.indicator = "ipr.pledge.amount";
  money.year = Year(2022);
  money.scope = list({"贵州"});
  CHECK(*f.db.growth(money)[0].growth_pct == 200);
  money.base_year = Year(2022);
  CHECK(error_of([&] { f.db.growth(money); }) == ErrorCode::invalid_argument);
}

TEST_CASE("latest takes each region's most recent figure up to a year", "[query]") {
  Fixture f;
  iprdb::Latest latest;
  latest.indicator = "每万人口发明专利拥有量";
  latest.up_to = Year(2023);
  auto rows = f.db.latest(latest);
  CHECK(with_data(rows) == std::vector<std::string>{"110000", "210000", "310000", "420000"});
  auto year_of = [&](const std::string& code) {
    for (const auto& row : rows) {
      if (row.region.code.str() == code) return row.observation->period.year.value;
    }
    return 0;
  };
  CHECK(year_of("110000") == 2023);
  CHECK(year_of("420000") == 2018);
  latest.options.partial_periods = true;
  rows = f.db.latest(latest);
  CHECK(year_of("500000") == 2019);
  latest.up_to = Year(2019);
  latest.options.partial_periods = false;
  rows = f.db.latest(latest);
  CHECK(with_data(rows) == std::vector<std::string>{"210000", "310000", "420000"});
}

TEST_CASE("coverage says which regions have which indicators for which years", "[query]") {
  Fixture f;
  iprdb::Coverage all;
  const auto rows = f.db.coverage(all);
  CHECK(rows.size() == 36);
  iprdb::Coverage suizhou;
  suizhou.scope = list({"随州"});
  const auto some = f.db.coverage(suizhou);
  REQUIRE(some.size() == 2);
  CHECK(some[0].indicator.code == "patent.grant");
  CHECK(some[0].years == std::vector<int>{2018, 2022});
  CHECK(some[0].observations == 2);
  CHECK(some[1].indicator.code == "patent.invention.grant");
  iprdb::Coverage grants;
  grants.indicator = "专利授权量";
  CHECK(f.db.coverage(grants).size() == 6);
  iprdb::Coverage partial;
  partial.scope = list({"重庆"});
  CHECK(f.db.coverage(partial).empty());
  partial.partial_periods = true;
  CHECK(f.db.coverage(partial).size() == 2);
}

TEST_CASE("provenance gives the document, the words and the other documents", "[query]") {
  Fixture f;
  const auto conflict = f.db.provenance(17);
  REQUIRE(conflict);
  CHECK(conflict->observation.source.title == "湖北专利申请量首次突破12万件");
  CHECK(conflict->observation.source.quote == "全省专利申请总量首次突破12万件");
  CHECK(conflict->observation.source.span_start == 6);
  CHECK(conflict->format == "html");
  CHECK(conflict->encoding == "GB18030");
  CHECK(conflict->context == "2018年,全省专利申请总量首次突破12万件。");
  CHECK(conflict->agreeing.empty());
  REQUIRE(conflict->conflicting.size() == 1);
  CHECK(conflict->conflicting[0].id == 12);

  const auto agree = f.db.provenance(14);
  REQUIRE(agree);
  REQUIRE(agree->agreeing.size() == 1);
  CHECK(agree->agreeing[0].id == 18);
  CHECK(agree->agreeing[0].origin == "curated");
  CHECK(agree->conflicting.empty());
  CHECK_FALSE(f.db.provenance(9999));
}

TEST_CASE("sql runs statements that read and refuses the rest", "[query][sql]") {
  Fixture f;
  auto result = f.db.sql("SELECT count(*) AS n, sum(value > 1e8) FROM observation");
  CHECK(result.columns == std::vector<std::string>{"n", "sum(value > 1e8)"});
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0][0].type == iprdb::SqlResult::Type::integer);
  CHECK(result.rows[0][0].text == "53");
  CHECK(result.rows[0][1].text == "3");
  result = f.db.sql("SELECT NULL, 1.5, x'00ff', 'text'");
  CHECK(result.rows[0][0].type == iprdb::SqlResult::Type::null);
  CHECK(result.rows[0][1].type == iprdb::SqlResult::Type::real);
  CHECK(result.rows[0][2].text == "x'00ff'");
  CHECK(f.db.sql("PRAGMA user_version").rows[0][0].text == std::to_string(iprdb::kSchemaVersion));
  CHECK(f.db.sql("SELECT count(*) FROM json_each('[1,2,3]')").rows[0][0].text == "3");

  std::string message;
  for (const char* write :
       {"DELETE FROM observation", "UPDATE observation SET value = 0",
        "INSERT INTO iprdb_meta VALUES ('k', 'v')", "DROP TABLE observation",
        "CREATE TABLE t(x)", "PRAGMA user_version = 7", "ATTACH 'other.db' AS other", "BEGIN",
        "VACUUM"}) {
    INFO(write);
    CHECK(error_of([&] { f.db.sql(write); }, &message) == ErrorCode::write_in_read_only_query);
    CHECK_THAT(message, Catch::Contains("nothing was changed"));
  }
  CHECK(error_of([&] { f.db.sql("SELECT 1; DELETE FROM observation"); }) ==
        ErrorCode::invalid_argument);
  CHECK(error_of([&] { f.db.sql("SELEKT 1"); }, &message) == ErrorCode::invalid_argument);
  CHECK_THAT(message, Catch::Contains("syntax error"));
  CHECK(error_of([&] { f.db.sql("  -- nothing\n"); }) == ErrorCode::invalid_argument);
  CHECK(f.db.sql("SELECT count(*) FROM observation").rows[0][0].text == "53");
}

TEST_CASE("sql refuses writes on a connection opened for writing too", "[query][sql]") {
  TempDir dir;
  const auto path = iprdb::testing::make_query_fixture(dir);
  auto db = Database::open(path, iprdb::OpenMode::read_write);
  CHECK(error_of([&] { db.sql("DELETE FROM observation"); }) ==
        ErrorCode::write_in_read_only_query);
  // The authorizer is gone once the statement is done: the library's own work goes on.
  CHECK(db.summary().observations == 53);
  CHECK(db.sql("SELECT count(*) FROM observation").rows[0][0].text == "53");
}
