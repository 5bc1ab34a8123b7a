#include "extract/period.hpp"

#include "testing.hpp"

using iprdb::detail::find_periods;
using Kind = iprdb::detail::PeriodMention::Kind;

TEST_CASE("explicit years and year ends", "[extract]") {
  auto p = find_periods("截至2024年底,全省有效发明专利累计达到1.78万件");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::year);
  CHECK(p[0].year == 2024);
  CHECK(p[0].as_of);
  CHECK_FALSE(p[0].is_base);

  p = find_periods("二〇二二年度全市专利授权");
  REQUIRE(p.size() == 1);
  CHECK(p[0].year == 2022);

  p = find_periods("2021年底全市有效发明专利拥有量达到1605件");
  REQUIRE(p.size() == 1);
  CHECK(p[0].as_of);
}

TEST_CASE("a comparison base is marked as such", "[extract]") {
  auto p = find_periods("较2020年增长22.9%,比上年增长2倍,上年同期");
  REQUIRE(p.size() == 3);
  CHECK(p[0].is_base);
  CHECK(p[0].year == 2020);
  CHECK(p[1].kind == Kind::relative);
  CHECK(p[1].is_base);
  CHECK(p[2].is_base);
}

TEST_CASE("year ranges and multi-year spans", "[extract]") {
  auto p = find_periods("2020-2024年,我省累计登记版权数量为273604件");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::year_range);
  CHECK(p[0].first_year == 2020);
  CHECK(p[0].year == 2024);

  p = find_periods("2020年至2024年累计");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::year_range);

  for (const char* text : {"近三年,全省查办", "3年来,共办理", "三年累计审结", "近3年来"}) {
    INFO(text);
    p = find_periods(text);
    REQUIRE(p.size() == 1);
    CHECK(p[0].kind == Kind::recent_years);
    CHECK(p[0].first_year == 3);
  }
}

TEST_CASE("months and quarters", "[extract]") {
  struct Case {
    const char* text;
    int month_start, month_end;
  };
  for (auto c : {Case{"2025年1—9月专利授权", 1, 9}, Case{"2024年1-11月", 1, 11},
                 Case{"2019年前三季度", 1, 9}, Case{"2023年上半年", 1, 6},
                 Case{"2018年一季度", 1, 3}, Case{"2018年1月至3月", 1, 3}}) {
    INFO(c.text);
    auto p = find_periods(c.text);
    REQUIRE(p.size() == 1);
    CHECK(p[0].kind == Kind::year);
    CHECK(p[0].month_start == c.month_start);
    CHECK(p[0].month_end == c.month_end);
  }
  auto p = find_periods("据统计,1-3月,芜湖市共申请发明专利");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::months_only);
  CHECK(p[0].month_start == 1);
  CHECK(p[0].month_end == 3);

  p = find_periods("截至3月底,芜湖市拥有有效发明专利10180件");
  REQUIRE(p.size() == 1);
  CHECK_FALSE(p[0].month_start);
  CHECK(p[0].month_end == 3);
  CHECK(p[0].as_of);

  p = find_periods("8月当月");
  REQUIRE(p.size() == 1);
  CHECK(p[0].month_start == 8);
  CHECK(p[0].month_end == 8);
}

TEST_CASE("relative years and plans", "[extract]") {
  auto p = find_periods("我市去年专利授权1939件");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::relative);
  CHECK(p[0].year == -1);

  p = find_periods("到“十四五”末,全市每万人口发明专利拥有量达到4.0件");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::plan_end);
  CHECK(p[0].year == 2025);

  p = find_periods("\"十三五\"期间");
  REQUIRE(p.size() == 1);
  CHECK(p[0].kind == Kind::plan_period);
  CHECK(p[0].first_year == 2016);
  CHECK(p[0].year == 2020);
}

TEST_CASE("dates and other numbers are not periods", "[extract]") {
  CHECK(find_periods("4月26日是世界知识产权日").empty());
  CHECK(find_periods("发布会在19:34:31开始,共1939件").empty());
  CHECK(find_periods("12345年").empty());
}

TEST_CASE("the world IP day gives the year", "[extract]") {
  CHECK(iprdb::detail::world_ip_day_year("今天是第二十二个世界知识产权日") == 2022);
  CHECK(iprdb::detail::world_ip_day_year("第23个世界知识产权日") == 2023);
  CHECK(iprdb::detail::world_ip_day_year("第十个世界知识产权日") == 2010);
  CHECK_FALSE(iprdb::detail::world_ip_day_year("世界知识产权日"));
}
