#include "extract/period.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

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

namespace {

bool same_mentions(const std::vector<iprdb::detail::PeriodMention>& a,
                   const std::vector<iprdb::detail::PeriodMention>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
           return x.kind == y.kind && x.begin == y.begin && x.end == y.end && x.year == y.year &&
                  x.first_year == y.first_year && x.month_start == y.month_start &&
                  x.month_end == y.month_end && x.as_of == y.as_of && x.is_base == y.is_base;
         });
}

}  // namespace

TEST_CASE("a cut text and a scan resumed after a mention find what the whole text's scan finds",
          "[extract]") {
  // The sentence reader takes the opening's periods from the scan of the whole text
  // (kPeriodLookahead) and resumes a scan after the last of them.
  using iprdb::detail::kPeriodLookahead;
  const std::vector<std::string> pieces = {
      "2023年", "二〇二二年", "2020-2024年", "2020年至2024年", "1-9月", "1—9月", "前三季度",
      "上半年", "截至", "3月底", "年底", "去年", "上年同期", "较", "比", "近三年来", "三年来",
      "“十四五”末", "十三五期间", "第1期", "1月19日", "6月", "份", "度", "同期", "底", "末",
      "全省", "专利", "授权", "1", "12", "十", "两", "一季度", "前11个月", "至", "到", "-",
      "年", "月", ",", "。", "\n", "发明专利授权量1.2万件"};
  std::mt19937 random(11);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    while (text.size() < 1200) text += pieces[random() % pieces.size()];
    const auto whole = find_periods(text);
    const std::size_t cut = kPeriodLookahead + random() % (text.size() - kPeriodLookahead);
    const auto part = find_periods(std::string_view(text).substr(0, cut));
    INFO(text.substr(0, cut));
    std::vector<iprdb::detail::PeriodMention> whole_head, part_head;
    for (const auto& m : whole) {
      if (m.begin < cut - kPeriodLookahead) whole_head.push_back(m);
    }
    for (const auto& m : part) {
      if (m.begin < cut - kPeriodLookahead) part_head.push_back(m);
    }
    CHECK(same_mentions(whole_head, part_head));
    // Resumed at the end of a mention: the rest of the whole scan.
    if (whole.empty()) continue;
    const std::size_t k = random() % whole.size();
    const auto rest = find_periods(text, whole[k].end);
    CHECK(same_mentions(rest, {whole.begin() + static_cast<std::ptrdiff_t>(k) + 1, whole.end()}));
  }
}
