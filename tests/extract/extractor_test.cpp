// The extractor end to end, one phrasing per case: bulletin text in, facts out. The texts are
// written for these tests; each names a real region so that 全省/全市 have a subject.
#include <cmath>
#include <sstream>

#include <unicode/ucnv.h>

#include <iprdb/extract.hpp>

#include "extract/assembler.hpp"
#include "testing.hpp"

namespace {

using iprdb::Fact;
using iprdb::Measure;
using iprdb::Qualifier;
using iprdb::Status;

// What a case expects of one fact; unset fields are not checked.
struct Expect {
  std::string indicator;
  double value = 0;
  Measure measure = Measure::level;
  int year = 0;
  std::string region;  // six-digit code; empty = not checked
  std::optional<int> month_start, month_end, period_start;
  bool cumulative = false;
  Status status = Status::actual;
  Qualifier qualifier = Qualifier::exact;
  std::optional<std::string> rank_scope, rank_of, share_of;
  std::optional<int> base_year;
};

std::string describe(const Fact& f) {
  std::ostringstream out;
  out << f.region.str() << ' ' << f.period.year.value << ' '
      << (f.period.month_start ? std::to_string(*f.period.month_start) : "-") << '/'
      << (f.period.month_end ? std::to_string(*f.period.month_end) : "-") << " start="
      << (f.period.period_start ? std::to_string(*f.period.period_start) : "-")
      << " cum=" << f.period.cumulative << ' ' << f.indicator << ' ' << iprdb::to_string(f.measure)
      << ' ' << f.value << ' ' << iprdb::to_string(f.status) << ' '
      << iprdb::to_string(f.qualifier) << " scope=" << f.rank_scope.value_or("-")
      << " of=" << f.rank_of.value_or("-") << " share=" << f.share_of.value_or("-") << " «"
      << f.quote << "»";
  return out.str();
}

bool matches(const Fact& f, const Expect& e) {
  return f.indicator == e.indicator && f.measure == e.measure &&
         std::fabs(f.value - e.value) <= 1e-9 * std::max(1.0, std::fabs(e.value)) &&
         (e.year == 0 || f.period.year.value == e.year) &&
         (e.region.empty() || f.region.str() == e.region) &&
         f.period.month_start == e.month_start && f.period.month_end == e.month_end &&
         f.period.period_start == e.period_start && f.period.cumulative == e.cumulative &&
         f.status == e.status && f.qualifier == e.qualifier && f.rank_scope == e.rank_scope &&
         f.rank_of == e.rank_of && f.share_of == e.share_of && f.base_year == e.base_year;
}

std::vector<Fact> extract(const std::string& text, const std::string& published = "2023-04-26") {
  iprdb::ExtractOptions options;
  options.published_on = published;
  return iprdb::extract_bytes(text, "case.txt", options).facts;
}

void check_contains(const std::string& text, const std::vector<Expect>& expected,
                    const std::string& published = "2023-04-26") {
  const auto facts = extract(text, published);
  std::string got;
  for (const auto& f : facts) got += "  " + describe(f) + "\n";
  INFO("text: " << text << "\nfacts:\n" << got);
  for (const auto& e : expected) {
    INFO("expected " << e.indicator << ' ' << iprdb::to_string(e.measure) << ' ' << e.value);
    CHECK(std::any_of(facts.begin(), facts.end(), [&](const Fact& f) { return matches(f, e); }));
  }
}

void check_nothing(const std::string& text) {
  const auto facts = extract(text);
  std::string got;
  for (const auto& f : facts) got += "  " + describe(f) + "\n";
  INFO("text: " << text << "\nfacts:\n" << got);
  CHECK(facts.empty());
}

Expect level(std::string indicator, double value, int year) {
  Expect e;
  e.indicator = std::move(indicator);
  e.value = value;
  e.year = year;
  return e;
}

Expect with(Expect e, Measure measure) {
  e.measure = measure;
  return e;
}

Expect at(Expect e, std::string region) {
  e.region = std::move(region);
  return e;
}

const std::string kGuizhou = "贵州省2022年知识产权发展状况\n";
const std::string kSuizhou = "随州市2022年知识产权工作新闻发布会\n";

}  // namespace

TEST_CASE("figures with magnitudes qualifiers and decimals are read exactly", "[extract]") {
  auto e1 = level("patent.invention.valid", 17800, 2022);
  auto e2 = level("police.ip.amount_involved", 580000000, 2022);
  e2.qualifier = Qualifier::more_than;
  auto e3 = level("ipr.pledge.amount", 1640000000, 2022);
  auto e4 = level("patent.subsidized", 640, 2022);
  e4.qualifier = Qualifier::more_than;
  auto e5 = level("patent.fee_reduction.amount", 56000000, 2022);
  e5.qualifier = Qualifier::more_than;
  check_contains(kGuizhou +
                     "截至2022年底,全省有效发明专利1.78万件。公安机关立案侦办侵犯知识产权类案件,"
                     "涉案金额5.8亿余元。全年知识产权质押融资16.4亿元。资助发明专利等640余件。"
                     "为申请人减免专利申请相关费用逾5600万元。",
                 {e1, e2, e3, e4, e5});
}

TEST_CASE("Chinese numerals and thousands separators are figures", "[extract]") {
  auto e1 = level("trademark.valid", 69762, 2022);
  auto e2 = level("gi.trademark", 22, 2022);
  check_contains(kGuizhou + "全省有效商标注册量69,762件。地理标志证明商标二十二件。", {e1, e2});
}

TEST_CASE("growth multiples and percentage points take their sign and size", "[extract]") {
  auto grow = with(level("patent.grant", 161.76, 2022), Measure::growth_pct);
  auto fall = with(level("patent.invention.grant", -4.28, 2022), Measure::growth_pct);
  auto times = with(level("ipr.pledge.amount", 200, 2022), Measure::growth_pct);
  auto twice = with(level("patent.transfer", 200, 2022), Measure::growth_pct);
  auto doubled = with(level("trademark.valid", 100, 2022), Measure::growth_pct);
  auto points = with(level("patent.e_filing_rate", 2.5, 2022), Measure::change_pp);
  check_contains(kGuizhou +
                     "2022年全省专利授权2.1万件,同比增长161.76%。发明专利授权5000件,同比下降4.28%。"
                     "专利商标质押登记金额27.53亿元,比上年增长2倍。专利转让3000次,是上年的3倍。"
                     "有效注册商标30万件,实现翻一番。专利电子申请率99.6%,提高2.5个百分点。",
                 {grow, fall, times, twice, doubled, points});
  auto literal = with(level("patent.invention.grant", -4.28, 2022), Measure::growth_pct);
  check_contains(kGuizhou + "2022年发明专利授权5000件,同比增长-4.28%。", {literal});
}

TEST_CASE("stocks at a year end and flows of part of a year", "[extract]") {
  auto stock = level("patent.invention.valid", 10180, 2023);
  stock.month_end = 3;
  auto flow = level("patent.invention.application", 4429, 2023);
  flow.month_start = 1;
  flow.month_end = 3;
  check_contains("芜湖市知识产权工作\n截至2023年3月底,芜湖市拥有有效发明专利10180件。"
                 "2023年1-3月,芜湖市共申请发明专利4429件。",
                 {stock, flow}, "2023-05-02");
  auto nine = level("patent.invention.grant", 9101, 2025);
  nine.month_start = 1;
  nine.month_end = 9;
  auto nine_stock = level("patent.invention.valid", 55836, 2025);
  nine_stock.month_end = 9;
  check_contains("江西省专利数据\n2025年1—9月,江西省发明专利授权量为9101件。截至9月底,全省有效发明专利量达55836件。",
                 {nine, nine_stock}, "2025-11-07");
  auto half = level("patent.grant", 7000, 2023);
  half.month_start = 1;
  half.month_end = 6;
  auto quarter = level("patent.grant", 3000, 2023);
  quarter.month_start = 1;
  quarter.month_end = 3;
  check_contains(kSuizhou + "2023年上半年,全市专利授权7000件。", {half}, "2023-07-20");
  check_contains(kSuizhou + "2023年一季度,全市专利授权3000件。", {quarter}, "2023-04-20");
  auto eleven = level("patent.application", 59856, 2019);
  eleven.month_start = 1;
  eleven.month_end = 11;
  check_contains("重庆市知识产权\n2019年前11个月,全市申请专利59856件。", {eleven}, "2020-01-01");
}

TEST_CASE("relative years resolve against the publication date", "[extract]") {
  check_contains(kSuizhou + "我市去年专利授权1939件。", {level("patent.grant", 1939, 2022)},
                 "2023-04-27");
  check_contains(kSuizhou + "今年以来,全市专利授权800件。", {level("patent.grant", 800, 2023)},
                 "2023-06-30");
}

TEST_CASE("multi-year and running totals are not the year's flow", "[extract]") {
  auto range = level("copyright.registration", 273604, 2024);
  range.period_start = 2020;
  auto recent = level("enforcement.patent_dispute.handled", 400, 2022);
  recent.period_start = 2020;
  recent.qualifier = Qualifier::more_than;
  auto running = level("ipr.pledge.amount", 8831000000, 2022);
  running.cumulative = true;
  check_contains("甘肃省版权工作\n2020-2024年,我省累计登记版权数量为273604件。", {range},
                 "2025-04-22");
  check_contains(kSuizhou + "3年来,共办理专利侵权纠纷案件400余件。", {recent}, "2023-04-27");
  check_contains(kGuizhou + "累计发放知识产权质押贷款88.31亿元。", {running}, "2023-05-09");
}

TEST_CASE("targets take the target year and at-least qualifiers", "[extract]") {
  auto plan = level("patent.invention.valid_per_10k", 4, 2025);
  plan.status = Status::target;
  auto strive = level("patent.invention.valid", 3000, 2025);
  strive.status = Status::target;
  check_contains("沧州市知识产权“十四五”规划\n到“十四五”末,全市每万人口发明专利拥有量达到4.0件,力争有效发明专利总量达到3000件。",
                 {plan, strive}, "2022-03-01");
  auto sure = with(level("patent.invention.valid_per_10k", 20, 2022), Measure::growth_pct);
  sure.status = Status::target;
  sure.qualifier = Qualifier::at_least;
  check_contains("沧州市2022年知识产权工作\n2022年,全市确保万人发明专利拥有量比去年增长20%以上。", {sure},
                 "2022-03-01");
}

TEST_CASE("ranks keep their scope and say when a growth rate ranks", "[extract]") {
  auto tenth = with(level("patent.invention.valid_per_10k", 10, 2022), Measure::rank);
  tenth.rank_scope = "province";
  auto first = with(level("patent.enterprise.iur_cooperation_rate", 1, 2024), Measure::rank);
  first.rank_scope = "country";
  auto second = with(level("patent.invention.grant", 2, 2022), Measure::rank);
  second.rank_scope = "province";
  second.rank_of = "growth_pct";
  auto western = with(level("patent.transfer", 5, 2024), Measure::rank);
  western.rank_scope = "western_12_provinces";
  check_contains("枣庄市知识产权\n每万人口有效发明专利拥有量8.43件,位居全省第十位。", {tenth}, "2023-04-20");
  check_contains("甘肃省知识产权\n2024年我省企业产学研合作创新比例71.2%,居全国首位。", {first}, "2025-04-22");
  check_contains(kSuizhou + "2022年发明专利授权89件,同比增长161.76%,增速位居全省第二。", {second},
                 "2023-04-27");
  check_contains("甘肃省知识产权\n2024年全省专利转让10257次,在西部12个省份中位列第五。", {western},
                 "2025-04-22");
}

TEST_CASE("shares of the parent region and absolute changes", "[extract]") {
  auto share = at(with(level("patent.pct.application", 50.2, 2023), Measure::share_pct), "330100");
  share.share_of = "province";
  auto pct = at(level("patent.pct.application", 2234, 2023), "330100");
  check_contains("浙江省2023年专利数据\n2023年,杭州PCT国际专利申请2234件,占全省PCT国际专利申请总量的50.2%。",
                 {share, pct}, "2024-02-27");
  auto change = with(level("patent.invention.valid.enterprises", 52000, 2023), Measure::change_abs);
  check_contains("浙江省2023年专利数据\n2023年,全省拥有有效发明专利的企业比上年增加5.2万家。", {change},
                 "2024-02-27");
  // The comparison inside one verb (比上年增长, 较上年减少) makes a counted figure a change too;
  // a percentage after the same verb stays a growth rate.
  auto level_now = at(level("patent.invention.valid_per_10k", 12.32, 2023), "371600");
  auto more =
      at(with(level("patent.invention.valid_per_10k", 2.16, 2023), Measure::change_abs), "371600");
  auto fewer = at(with(level("trademark.valid", -300, 2023), Measure::change_abs), "371600");
  auto rate = at(with(level("patent.invention.valid", 21.38, 2023), Measure::growth_pct), "371600");
  check_contains("滨州市知识产权白皮书\n截至2023年底,全市万人发明专利拥有量12.32件,比上年增长2.16件。",
                 {level_now, more}, "2024-05-28");
  check_contains("滨州市知识产权白皮书\n截至2023年底,全市有效注册商标较上年减少300件。", {fewer},
                 "2024-05-28");
  check_contains("滨州市知识产权白皮书\n截至2023年底,全市有效发明专利拥有量比上年增长21.38%。", {rate},
                 "2024-05-28");
}

TEST_CASE("an indicator named earlier carries to the figures after it", "[extract]") {
  auto pledged = level("patent.pledge.patents", 668, 2024);
  auto amount = level("patent.pledge.amount", 637000000, 2024);
  auto growth = with(level("patent.pledge.amount", 13.3, 2024), Measure::growth_pct);
  check_contains("甘肃省知识产权\n2024年,全省新增质押专利668件,金额6.37亿元,同比增长13.3%。",
                 {pledged, amount, growth}, "2025-04-22");
}

TEST_CASE("a generic verb stays with the body the text names before it", "[extract]") {
  // 立案 after an adjudication is the adjudication's; 批准逮捕 after a court's cases is still
  // the procuratorate's when 检察机关 says so.
  auto adjudication = level("enforcement.patent_adjudication.accepted", 25, 2022);
  check_contains("沧州市知识产权\n2022年,全市专利行政裁决案件实现零突破,立案达25件。",
                 {adjudication}, "2023-04-20");
  auto court = at(level("court.ip.accepted", 12151, 2022), "120000");
  auto arrests = at(level("procuratorate.ip.arrest_approved.cases", 11, 2022), "120000");
  auto persons = at(level("procuratorate.ip.arrest_approved.persons", 21, 2022), "120000");
  check_contains("天津市知识产权保护状况\n2022年,法院新收各类知识产权案件12151件;"
                 "检察机关批准逮捕侵犯知识产权犯罪11件21人。",
                 {court, arrests, persons}, "2023-04-25");
  // What the crimes were about does not part the figure from its verb.
  auto solved = at(level("police.ip.cases_solved", 760, 2022), "120000");
  check_contains("天津市知识产权保护状况\n2022年,公安机关侦破侵犯知识产权和制售假冒伪劣商品领域"
                 "犯罪案件760起,抓获犯罪嫌疑人1036人。",
                 {solved}, "2023-04-25");
}

TEST_CASE("a name given in part may share a long head", "[extract]") {
  // 国家级知识产权 (7 characters) is what 示范企业 and 优势企业 share.
  auto model = level("enterprise.ip_demonstration.national", 11, 2023);
  auto advantage = level("enterprise.ip_advantage.national", 100, 2023);
  check_contains("青岛市知识产权\n截至2023年底,全市拥有国家级知识产权示范企业11家,优势企业100家。",
                 {model, advantage}, "2024-04-20");
  // …and what was said of the name it shares: 新增 makes both additions, never the stocks.
  const std::string added = "青岛市知识产权\n2023年,全市新增国家级知识产权示范企业11家,优势企业100家。";
  check_contains(added,
                 {level("enterprise.ip_demonstration.national.new", 11, 2023),
                  level("enterprise.ip_advantage.national.new", 100, 2023)},
                 "2024-04-20");
  const auto facts = extract(added, "2024-04-20");
  CHECK(std::none_of(facts.begin(), facts.end(), [](const Fact& f) {
    return f.indicator == "enterprise.ip_demonstration.national" ||
           f.indicator == "enterprise.ip_advantage.national";
  }));
}

TEST_CASE("a name given in part shares its head with the figure before", "[extract]") {
  // 植物新品种申请量 is not in the catalog, yet it lends 植物新品种 to 授权量; the copyright
  // figure named earlier must not take the count.
  auto copyright = at(level("copyright.work.registration", 1128000, 2023), "110000");
  auto varieties = at(level("plant_variety.grant", 629, 2023), "110000");
  check_contains("北京市知识产权\n2023年,全市作品登记量112.8万件;植物新品种申请量1296件,授权量629件。",
                 {copyright, varieties}, "2024-04-25");
  const auto facts = extract("北京市知识产权\n2023年,全市作品登记量112.8万件;植物新品种申请量1296件,"
                             "授权量629件。",
                             "2024-04-25");
  CHECK(std::none_of(facts.begin(), facts.end(), [](const Fact& f) {
    return f.value == 629 && f.indicator != "plant_variety.grant";
  }));
}

TEST_CASE("a figure given twice is one fact and a lost decimal point loses", "[extract]") {
  // Scraped twice, once with its points lost: the copy with them stands, in either order.
  const std::string first = "湖北专利统计快报\n2018年,全省专利授权总量64106件,同比增长3825%。\n";
  const std::string second = "2018年,全省专利授权总量64106件,同比增长38.25%。\n";
  for (const auto& text : {first + second, "湖北专利统计快报\n" + second + first.substr(first.find('\n') + 1)}) {
    const auto facts = extract(text, "2019-01-31");
    std::vector<double> growth;
    for (const auto& f : facts) {
      if (f.indicator == "patent.grant" && f.measure == Measure::growth_pct) growth.push_back(f.value);
    }
    INFO(text);
    CHECK(growth == std::vector<double>{38.25});
    CHECK(std::count_if(facts.begin(), facts.end(), [](const Fact& f) {
            return f.indicator == "patent.grant" && f.measure == Measure::level;
          }) == 1);
  }
  // Two different figures for one key both stay: which is right is not the extractor's call.
  const auto facts = extract("湖北专利统计快报\n2018年,全省专利授权总量64106件,同比增长38.2%。\n"
                             "2018年,全省专利授权总量64106件,同比增长38.25%。\n",
                             "2019-01-31");
  CHECK(std::count_if(facts.begin(), facts.end(), [](const Fact& f) {
          return f.indicator == "patent.grant" && f.measure == Measure::growth_pct;
        }) == 2);
}

TEST_CASE("a fraction of a count is the count per 10000 people", "[extract]") {
  // 0.72 high-value patents cannot be; 0.72 per 10000 people can.
  auto per_person = level("patent.invention.valid_per_10k", 2.6, 2022);
  per_person.status = Status::target;
  per_person.qualifier = Qualifier::at_least;
  auto high_value = level("patent.invention.high_value.valid_per_10k", 0.72, 2022);
  high_value.status = Status::target;
  high_value.qualifier = Qualifier::at_least;
  check_contains("沧州市知识产权工作要点\n2022年,全市万人发明专利拥有量和高价值发明专利拥有量"
                 "力争到年底达到2.6件以上和0.72件以上。",
                 {per_person, high_value}, "2022-03-01");
  // A whole count stays a count.
  check_contains("沧州市知识产权\n截至2022年底,全市高价值发明专利拥有量达到1250件。",
                 {level("patent.invention.high_value.valid", 1250, 2022)}, "2023-03-01");
}

TEST_CASE("a figure that states its denominator fits only an indicator in that unit", "[extract]") {
  auto ratio = level("patent.invention.valid_per_10k", 64.49, 2023);
  ratio.month_end = 6;
  check_contains("青岛市知识产权\n截至2023年6月,青岛市万人发明专利拥有量64.49件/万人;有效注册商标47.69万件。",
                 {ratio}, "2023-07-20");
  const auto facts = extract("青岛市知识产权\n截至2023年6月,青岛市有效发明专利拥有量64.49件/万人。", "2023-07-20");
  CHECK(std::none_of(facts.begin(), facts.end(),
                     [](const Fact& f) { return f.indicator == "patent.invention.valid"; }));
}

TEST_CASE("a stage alone names the case the figure before it named", "[extract]") {
  auto reexamination = at(level("patent.reexamination.closed", 29000, 2019), "000000");
  auto invalidation = at(level("patent.invalidation.closed", 5000, 2019), "000000");
  auto review = at(level("trademark.review.concluded", 248000, 2019), "000000");
  for (auto* e : {&reexamination, &invalidation, &review}) {
    e->month_start = 1;
    e->month_end = 9;
  }
  check_contains("2019年1-9月全国知识产权主要统计数据\n1-9月,我局受理复审请求4.0万件,结案2.9万件。"
                 "受理无效宣告请求0.5万件,结案0.5万件。\n1-9月,我局收到各类商标评审案件申请28.1万件,"
                 "结案24.8万件。",
                 {reexamination, invalidation, review}, "2019-10-20");
  // A stage after words that make no catalog name with it gives nothing.
  check_nothing("2019年全国知识产权主要统计数据\n2019年,我局受理咨询来电4.0万件,办结3.9万件。");
}

TEST_CASE("a narrower name is never read as the wider one", "[extract]") {
  // 实用新型专利有效量 holds 专利有效量; the catalog's utility-model code takes it, not patent.valid.
  const std::string text =
      "2019年1-9月全国知识产权主要统计数据\n截至2019年9月底,实用新型专利有效量为504.7万件,"
      "外观设计专利有效量为172.9万件。\n1-9月,集成电路布图设计登记申请4631件,发证3955件。";
  auto utility = level("patent.utility_model.valid", 5047000, 2019);
  auto design = level("patent.design.valid", 1729000, 2019);
  auto applied = level("layout_design.application", 4631, 2019);
  auto registered = level("layout_design.registration", 3955, 2019);
  for (auto* e : {&utility, &design}) e->month_end = 9;
  for (auto* e : {&applied, &registered}) {
    e->month_start = 1;
    e->month_end = 9;
  }
  check_contains(text, {utility, design, applied, registered}, "2019-10-20");
  const auto facts = extract(text, "2019-10-20");
  CHECK(std::none_of(facts.begin(), facts.end(), [](const Fact& f) {
    return f.indicator == "patent.valid" || (f.indicator == "layout_design.registration" && f.value == 4631);
  }));
}

TEST_CASE("a generic name said of another domain takes that domain's code", "[extract]") {
  // 质押金额 after 专利商标质押登记 is the amount of patent and trademark pledges together.
  auto count = level("ipr.pledge.count", 248, 2019);
  auto amount = level("ipr.pledge.amount", 872000000, 2019);
  check_contains("重庆市知识产权\n2019年,我市完成专利商标质押登记248件,质押金额8.72亿元。", {count, amount},
                 "2020-01-10");
  const auto facts = extract("重庆市知识产权\n2019年,我市完成专利商标质押登记248件,质押金额8.72亿元。",
                             "2020-01-10");
  CHECK(std::none_of(facts.begin(), facts.end(),
                     [](const Fact& f) { return f.indicator.rfind("patent.", 0) == 0; }));
  // Said of patents, it stays the patents' amount.
  check_contains("甘肃省知识产权\n2024年,全省新增质押专利668件,质押金额6.37亿元。",
                 {level("patent.pledge.amount", 637000000, 2024)}, "2025-04-22");
}

TEST_CASE("a zone the gazetteer does not know keeps its figures to itself", "[extract]") {
  // 红谷滩新区 is a former name of 红谷滩区 (360113); the city's 高新区 has no code, and its
  // figure is neither the district's nor the city's.
  auto district = at(level("patent.invention.valid_per_10k", 45.23, 2018), "360113");
  const std::string text = "南昌市知识产权\n2018年,红谷滩新区每万人有效发明专利拥有量45.23件,"
                           "高新区每万人有效发明专利拥有量42.23件。";
  check_contains(text, {district}, "2019-04-20");
  const auto facts = extract(text, "2019-04-20");
  CHECK(std::none_of(facts.begin(), facts.end(), [](const Fact& f) { return f.value == 42.23; }));
  check_nothing("南昌市知识产权\n2018年,南昌高新区专利授权量达5000件。");
}

TEST_CASE("a figure given for the year and again for a stated month is the month's", "[extract]") {
  // A headline has no date and takes the reporting year; the body says 截至2023年11月.
  Fact year_end;
  year_end.region = iprdb::RegionCode("441900");
  year_end.indicator = "trademark.valid";
  year_end.period.year = iprdb::Year(2023);
  year_end.value = 601000;
  Fact november = year_end;
  november.period.month_end = 11;
  auto kept = iprdb::detail::deduplicate_facts({year_end, november});
  REQUIRE(kept.size() == 1);
  CHECK(kept.front().period.month_end == 11);
  // Different values at the year's end and at a month's end are two figures.
  Fact later = year_end;
  later.value = 612000;
  CHECK(iprdb::detail::deduplicate_facts({later, november}).size() == 2);
}

TEST_CASE("分别 spreads figures over the facts they follow", "[extract]") {
  auto accepted = level("enforcement.patent_dispute.accepted", 93, 2021);
  auto closed = level("enforcement.patent_dispute.closed", 83, 2021);
  auto g1 = with(level("enforcement.patent_dispute.accepted", 33, 2021), Measure::growth_pct);
  auto g2 = with(level("enforcement.patent_dispute.closed", 24, 2021), Measure::growth_pct);
  check_contains("沧州市2021年知识产权发展状况\n2021年,调处专利侵权纠纷案件立案93件,结案83件,较2020年度分别增长33%和24%。",
                 {accepted, closed, g1, g2}, "2022-04-26");
  auto applications = level("patent.application", 173600, 2019);
  auto grants = level("patent.grant", 100600, 2019);
  check_contains("上海市知识产权\n2019年,上海专利申请量和授权量分别为17.36万件和10.06万件。",
                 {applications, grants}, "2020-04-28");
}

TEST_CASE("each listed sub-region gets a figure of its own", "[extract]") {
  auto a = at(level("patent.pct.application", 1, 2021), "130983");
  auto b = at(level("patent.pct.application", 1, 2021), "130921");
  auto c = at(level("patent.pct.application", 1, 2021), "130973");
  check_contains("沧州市2021年知识产权发展状况\n2021年,渤海新区、黄骅市、沧县各新增PCT国际专利1件。", {a, b, c},
                 "2022-04-26");
}

TEST_CASE("a name shared by two districts resolves inside the subject region", "[extract]") {
  auto chaoyang = at(level("patent.grant", 12000, 2023), "110105");
  check_contains("北京市2023年知识产权状况\n2023年,朝阳区专利授权1.2万件。", {chaoyang}, "2024-04-23");
}

TEST_CASE("an amount of money never lands on a count indicator", "[extract]") {
  const auto facts = extract(kGuizhou + "全省专利授权4.1万件,投入资金500万元。");
  for (const auto& f : facts) {
    INFO(describe(f));
    CHECK(!(f.indicator == "patent.grant" && f.unit == "件" && f.value == 5000000));
  }
  CHECK(std::any_of(facts.begin(), facts.end(), [](const Fact& f) { return f.value == 41000; }));
}

TEST_CASE("government money and activity counts are left out", "[extract]") {
  check_nothing(kGuizhou + "对首次贯标的企业资助117万元。为企业知识产权质押融资提供担保支持3018万元。");
  check_nothing(kGuizhou + "开展培训活动120场次,发放宣传手册1.5万册。");
}

TEST_CASE("page junk yields nothing", "[extract]") {
  check_nothing(kGuizhou +
                "首页 » 新闻中心 » 工作动态\n分享到:微信 微博 QQ空间\n相关推荐\n"
                "贵州某县召开会议 2023-05-09 10:20\n联系电话:0851-86812345\n黔ICP备12345678号\n"
                "版权所有 © 2023 贵州省市场监督管理局 访问量: 1234567\n");
}

TEST_CASE("a one-cell-per-line table gives region by indicator facts", "[extract]") {
  const std::string table =
      "浙江省2023年专利数据\n2023年全省各地区专利授权量\n单位:件\n地区\n发明\n实用\n新型\n外观\n设计\n"
      "上城区\n1478\n3524\n1401\n拱墅区\n2570\n4080\n1124\n合计\n4048\n7604\n2525\n结束\n";
  auto a = at(level("patent.invention.grant", 1478, 2023), "330102");
  auto b = at(level("patent.design.grant", 1124, 2023), "330105");
  auto total = at(level("patent.utility_model.grant", 7604, 2023), "330100");
  check_contains(table, {a, b, total}, "2024-02-27");
}

TEST_CASE("tab and pipe separated tables give region by indicator facts", "[extract]") {
  auto a = at(level("patent.grant", 85987, 2023), "330100");
  auto b = at(level("trademark.registration", 40210, 2023), "330200");
  check_contains("浙江省2023年知识产权统计\n2023年各市专利授权量和商标注册量\n地区\t专利授权量\t商标注册量\n"
                 "杭州市\t85987\t120300\n宁波市\t50123\t40210\n",
                 {a, b}, "2024-02-27");
  check_contains("浙江省2023年知识产权统计\n2023年各市专利授权量和商标注册量\n| 地区 | 专利授权量 | 商标注册量 |\n"
                 "| 杭州市 | 85987 | 120300 |\n| 宁波市 | 50123 | 40210 |\n",
                 {a, b}, "2024-02-27");
}

TEST_CASE("the publication date is found in its usual forms", "[extract]") {
  for (const char* line : {"发布时间:2023-05-09 19:34", "发布日期：2023年5月9日", "日期: 2023/5/9"}) {
    INFO(line);
    const auto bulletin = iprdb::extract_bytes(kGuizhou + line + "\n全省专利授权4.1万件。", "d.txt");
    CHECK(bulletin.published_on == "2023-05-09");
  }
  const auto inferred = iprdb::extract_bytes(
      kSuizhou + "今天是第二十三个世界知识产权日。我市去年专利授权1939件。", "d.txt");
  REQUIRE(inferred.published_on);
  CHECK(inferred.published_on->substr(0, 4) == "2023");
  CHECK(inferred.reporting_year == 2022);
}

TEST_CASE("the subject region may be named only in the body", "[extract]") {
  const auto bulletin = iprdb::extract_bytes(
      "全市知识产权工作取得新成效\n2022年,我市发明专利授权量685件。枣庄市将继续加强知识产权保护。"
      "全市有效发明专利3252件。",
      "d.txt", iprdb::ExtractOptions{"2023-04-20"});
  REQUIRE(bulletin.subject_region);
  CHECK(bulletin.subject_region->str() == "370400");
  CHECK(bulletin.reporting_year == 2022);
  CHECK(std::any_of(bulletin.facts.begin(), bulletin.facts.end(),
                    [](const Fact& f) { return f.region.str() == "370400" && f.value == 3252; }));
}

TEST_CASE("GB18030 HTML and Traditional input give the facts of UTF-8 text", "[extract]") {
  const std::string text = kGuizhou + "2022年全省专利授权4.1万件,同比增长12.5%。";
  const auto plain = extract(text);
  REQUIRE(plain.size() == 2);

  UErrorCode status = U_ZERO_ERROR;
  std::string gb(text.size() * 2, '\0');
  const auto length = ucnv_convert("GB18030", "UTF-8", gb.data(), static_cast<int32_t>(gb.size()),
                                   text.data(), static_cast<int32_t>(text.size()), &status);
  REQUIRE(U_SUCCESS(status));
  gb.resize(static_cast<std::size_t>(length));
  const auto from_gb = iprdb::extract_bytes(gb, "gb.txt", iprdb::ExtractOptions{"2023-04-26"});
  CHECK(from_gb.encoding == "GB18030");
  REQUIRE(from_gb.facts.size() == plain.size());
  for (std::size_t i = 0; i < plain.size(); ++i) CHECK(describe(from_gb.facts[i]) == describe(plain[i]));

  const auto html = iprdb::extract_bytes(
      "<!DOCTYPE html><html><head><title>贵州省2022年知识产权发展状况</title>"
      "<script>var x = '专利授权9999件';</script></head><body><nav>首页 | 新闻</nav>"
      "<p>2022年全省专利授权4.1万件,同比增长12.5%。</p></body></html>",
      "page.html", iprdb::ExtractOptions{"2023-04-26"});
  CHECK(html.format == "html");
  CHECK(html.title == "贵州省2022年知识产权发展状况");
  REQUIRE(html.facts.size() == 2);
  CHECK(html.facts[0].value == 41000);

  const auto traditional =
      extract("貴州省知識產權發展狀況\n2022年全省專利授權4.1萬件,同比增長12.5%。");
  REQUIRE(traditional.size() == 2);
  CHECK(traditional[0].indicator == "patent.grant");
  CHECK(traditional[0].value == 41000);
}

TEST_CASE("every quote is the span of the normalized text it points to", "[extract]") {
  const auto bulletin = iprdb::extract_bytes(
      kGuizhou + "全年受理专利(电子)申请 54236件,审批专利费减备案14612 件。\n"
                 "2022年全省专利授权4.1万件,同比增长12.5%;有效发明专利2.3万件。",
      "q.txt", iprdb::ExtractOptions{"2023-04-26"});
  REQUIRE(bulletin.facts.size() >= 4);
  std::u32string text;
  for (std::size_t i = 0; i < bulletin.text.size();) {
    std::size_t n = 1;
    const auto c = static_cast<unsigned char>(bulletin.text[i]);
    n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    text.push_back(static_cast<char32_t>(i));  // the byte offset stands for the code point
    i += n;
  }
  for (const auto& f : bulletin.facts) {
    INFO(describe(f));
    REQUIRE(f.span_end <= text.size());
    const auto begin = static_cast<std::size_t>(text[f.span_start]);
    const auto end = f.span_end == text.size() ? bulletin.text.size()
                                                : static_cast<std::size_t>(text[f.span_end]);
    CHECK(bulletin.text.substr(begin, end - begin) == f.quote);
  }
}

TEST_CASE("place names are read as a whole and never guessed", "[extract]") {
  // 五大连池市 is a county of 黑河, not 大连; 青海西宁 is 西宁 in 青海, not 海西州.
  auto wudalianchi = at(level("patent.grant", 120, 2022), "231182");
  check_contains("黑河市知识产权工作\n2022年,五大连池市专利授权120件。", {wudalianchi}, "2023-04-20");
  auto xining = at(level("patent.grant", 3000, 2022), "630100");
  check_contains("青海西宁2022年知识产权工作\n2022年,全市专利授权3000件。", {xining}, "2023-04-20");
  // A historical unit in an old bulletin keeps its own code.
  auto laiwu = at(level("patent.grant", 2100, 2017), "371200");
  check_contains("莱芜市2017年知识产权工作\n2017年,全市专利授权2100件。", {laiwu}, "2018-04-20");
  // ⻄ (U+2EC4) is 西.
  auto xian = at(level("patent.grant", 64131, 2021), "610100");
  check_contains("⻄安市2021年知识产权白皮书\n2021年,⻄安市专利授权总量64131件。", {xian}, "2022-04-27");
}

TEST_CASE("an unchanged figure is growth of zero", "[extract]") {
  auto flat = with(level("trademark.valid", 0, 2022), Measure::growth_pct);
  check_contains(kGuizhou + "2022年全省有效注册商标30万件,与上年持平。", {flat});
}

TEST_CASE("a release that goes through the provinces is about each of them", "[extract]") {
  auto beijing = at(level("patent.pct.application", 11438, 2023), "110000");
  auto tianjin = at(level("patent.pct.application", 597, 2023), "120000");
  auto shanghai = at(level("patent.pct.application", 6218, 2023), "310000");
  check_contains("2023年各地区PCT国际专利申请情况\n2023年,北京市PCT国际专利申请11438件,天津市为597件,上海市6218件。",
                 {beijing, tianjin, shanghai}, "2024-01-20");
}
