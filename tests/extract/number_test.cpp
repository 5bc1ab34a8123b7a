#include "extract/number.hpp"

#include <random>
#include <string>
#include <vector>

#include "testing.hpp"

using iprdb::Qualifier;
using iprdb::detail::find_numbers;
using iprdb::detail::NumberKind;
using iprdb::detail::NumberMatch;

namespace {

constexpr auto exact = Qualifier::exact;
constexpr auto approx = Qualifier::approx;
constexpr auto more_than = Qualifier::more_than;
constexpr auto at_least = Qualifier::at_least;
constexpr auto less_than = Qualifier::less_than;
constexpr auto at_most = Qualifier::at_most;
constexpr auto count = NumberKind::count;
constexpr auto money = NumberKind::money;
constexpr auto percent = NumberKind::percent;
constexpr auto points = NumberKind::percentage_points;
constexpr auto times = NumberKind::times;
constexpr auto rank = NumberKind::ordinal_rank;
constexpr auto plain = NumberKind::plain;

std::string kind_name(NumberKind kind) {
  switch (kind) {
    case NumberKind::count:
      return "count";
    case NumberKind::money:
      return "money";
    case NumberKind::percent:
      return "percent";
    case NumberKind::percentage_points:
      return "percentage_points";
    case NumberKind::times:
      return "times";
    case NumberKind::ordinal_rank:
      return "ordinal_rank";
    case NumberKind::plain:
      return "plain";
  }
  return "?";
}

// One expected figure. `match` is text[begin, end) and `figure` text[number_begin,
// number_end), which is also NumberMatch::text.
struct Figure {
  std::string_view match;
  std::string_view figure;
  std::string_view value;
  std::string_view upper;  // "" when no range
  Qualifier qualifier;
  std::string_view unit;
  NumberKind kind;
};

struct Case {
  std::string_view input;
  std::vector<Figure> figures;
};

std::string slice(std::string_view text, std::size_t begin, std::size_t end) {
  REQUIRE(begin <= end);
  REQUIRE(end <= text.size());
  return std::string(text.substr(begin, end - begin));
}

void check(const Case& c) {
  INFO("input: " << std::string(c.input));
  auto found = find_numbers(c.input);
  std::vector<std::string> seen;
  for (const auto& m : found) seen.push_back(slice(c.input, m.begin, m.end));
  INFO("matches: " << ::Catch::Detail::stringify(seen));
  REQUIRE(found.size() == c.figures.size());
  for (std::size_t k = 0; k < found.size(); ++k) {
    const NumberMatch& m = found[k];
    const Figure& e = c.figures[k];
    INFO("figure " << k);
    CHECK(slice(c.input, m.begin, m.end) == std::string(e.match));
    CHECK(slice(c.input, m.number_begin, m.number_end) == std::string(e.figure));
    CHECK(m.text == std::string(e.figure));
    CHECK(m.begin <= m.number_begin);
    CHECK(m.number_end <= m.end);
    CHECK(m.value.to_string() == std::string(e.value));
    CHECK((m.upper ? m.upper->to_string() : std::string()) == std::string(e.upper));
    CHECK(std::string(iprdb::to_string(m.qualifier)) == std::string(iprdb::to_string(e.qualifier)));
    CHECK(m.unit == std::string(e.unit));
    CHECK(kind_name(m.kind) == kind_name(e.kind));
  }
}

void check_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) check(c);
}

void check_none(const std::vector<std::string_view>& inputs) {
  for (auto input : inputs) check({input, {}});
}

}  // namespace

TEST_CASE("Figures of the reference cases read as the research notes say", "[extract][number]") {
  // indicator-db-anchors.md §3.6; the row number leads each line.
  check_all({
      {"有效发明专利累计达到1.78万件", {{"1.78万件", "1.78万", "17800", "", exact, "件", count}}},
      {"每万人口高价值发明专利拥有量为2.47件",
       {{"2.47件", "2.47", "2.47", "", exact, "件", count}}},  // 2: 万 is no multiplier
      {"新增质押专利668件", {{"668件", "668", "668", "", exact, "件", count}}},
      {"金额6.37亿元", {{"6.37亿元", "6.37亿", "637000000", "", exact, "元", money}}},
      {"新增质押专利668件,金额6.37亿元,同比增长13.3%",  // 5
       {{"668件", "668", "668", "", exact, "件", count},
        {"6.37亿元", "6.37亿", "637000000", "", exact, "元", money},
        {"13.3%", "13.3", "13.3", "", exact, "%", percent}}},
      {"二十二件", {{"二十二件", "二十二", "22", "", exact, "件", count}}},     // 16
      {"1.78万件", {{"1.78万件", "1.78万", "17800", "", exact, "件", count}}},  // 17, after NFKC
      {"15.3%", {{"15.3%", "15.3", "15.3", "", exact, "%", percent}}},          // 18
      {"1,100万", {{"1,100万", "1,100万", "11000000", "", exact, "", plain}}},  // 19
      {"3万4000", {{"3万4000", "3万4000", "34000", "", exact, "", plain}}},     // 20
      {"25万6千", {{"25万6千", "25万6千", "256000", "", exact, "", plain}}},
      {"一万五千亿", {{"一万五千亿", "一万五千亿", "1500000000000", "", exact, "", plain}}},  // 21
      {"二十万亿", {{"二十万亿", "二十万亿", "20000000000000", "", exact, "", plain}}},       // 22
      {"一万零十二", {{"一万零十二", "一万零十二", "10012", "", exact, "", plain}}},          // 23
      {"一万零一十二", {{"一万零一十二", "一万零一十二", "10012", "", exact, "", plain}}},
      {"16.4亿", {{"16.4亿", "16.4亿", "1640000000", "", exact, "", plain}}},  // 24
      {"百分之一点五七",                                                       // 25
       {{"百分之一点五七", "百分之一点五七", "1.57", "", exact, "%", percent}}},
      {"提高2.5个百分点",  // 26
       {{"2.5个百分点", "2.5", "2.5", "", exact, "百分点", points}}},
      {"下降0.3%", {{"0.3%", "0.3", "0.3", "", exact, "%", percent}}},   // 27: the verb's sign
      {"减少300件", {{"300件", "300", "300", "", exact, "件", count}}},  // is the caller's
      {"增长2倍", {{"2倍", "2", "2", "", exact, "倍", times}}},          // 28
      {"增长到2倍", {{"2倍", "2", "2", "", exact, "倍", times}}},        // 29
      {"是全国平均的1.5倍", {{"1.5倍", "1.5", "1.5", "", exact, "倍", times}}},
      {"翻一番", {{"翻一番", "翻一番", "2", "", exact, "倍", times}}},  // 30
      {"翻两番", {{"翻两番", "翻两番", "4", "", exact, "倍", times}}},
      {"三成", {{"三成", "三", "30", "", exact, "%", percent}}},                             // 31
      {"3万余件", {{"3万余件", "3万", "30000", "", more_than, "件", count}}},                // 32
      {"1000多万元", {{"1000多万元", "1000多万", "10000000", "", more_than, "元", money}}},  // 33
      {"两千多件", {{"两千多件", "两千", "2000", "", more_than, "件", count}}},              // 34
      {"近千万元", {{"近千万元", "千万", "10000000", "", approx, "元", money}}},             // 35
      {"近千件", {{"近千件", "千", "1000", "", approx, "件", count}}},
      {"超1亿元", {{"超1亿元", "1亿", "100000000", "", more_than, "元", money}}},  // 36
      {"逾百亿元", {{"逾百亿元", "百亿", "10000000000", "", more_than, "元", money}}},
      {"突破1万件", {{"突破1万件", "1万", "10000", "", more_than, "件", count}}},
      {"约3.5亿元", {{"约3.5亿元", "3.5亿", "350000000", "", approx, "元", money}}},  // 37
      {"1.2万-1.5万件",                                                               // 38
       {{"1.2万-1.5万件", "1.2万-1.5万", "12000", "15000", exact, "件", count}}},
      {"1.2~1.5万件",  // 39: 万 distributes
       {{"1.2~1.5万件", "1.2~1.5万", "12000", "15000", exact, "件", count}}},
      {"八到九百亿元",  // 40: and 百 too
       {{"八到九百亿元", "八到九百亿", "80000000000", "90000000000", exact, "元", money}}},
      {"百余家", {{"百余家", "百", "100", "", more_than, "家", count}}},  // 42
      {"居全国第5位", {{"第5位", "第5", "5", "", exact, "位", rank}}},    // 44
  });
  // 41 十几件, 42 数十家 / 上千家, 43 一两个: vague; 44 前十 is no rank; 15 is a year.
  check_none({"十几件", "数十家", "上千家", "一两个", "位居前十", "二〇二四年"});
}

TEST_CASE("Arabic figures with decimals and thousands separators but no clause commas",
          "[extract][number]") {
  check_all({
      {"12,345.6万件", {{"12,345.6万件", "12,345.6万", "123456000", "", exact, "件", count}}},
      {"商标注册量7,953件", {{"7,953件", "7,953", "7953", "", exact, "件", count}}},
      {"1,234,567.89元",
       {{"1,234,567.89元", "1,234,567.89", "1234567.89", "", exact, "元", money}}},
      // A comma that is the clause comma NFKC made of "，" never joins two figures.
      {"2022年,发明专利89件", {{"89件", "89", "89", "", exact, "件", count}}},
      {"增长12%,345家企业",
       {{"12%", "12", "12", "", exact, "%", percent},
        {"345家", "345", "345", "", exact, "家", count}}},
      {"授权12,34件",
       {{"12", "12", "12", "", exact, "", plain}, {"34件", "34", "34", "", exact, "件", count}}},
      {"2022,890件",
       {{"2022", "2022", "2022", "", exact, "", plain},
        {"890件", "890", "890", "", exact, "件", count}}},
      {"有量达到 13.0 件。", {{"13.0 件", "13.0", "13", "", exact, "件", count}}},
      {"有效量为 260.8 万件", {{"260.8 万件", "260.8 万", "2608000", "", exact, "件", count}}},
      {"| 1939 | 13.3 |",
       {{"1939", "1939", "1939", "", exact, "", plain},
        {"13.3", "13.3", "13.3", "", exact, "", plain}}},
  });
}

TEST_CASE("Magnitudes after Arabic and Chinese digits", "[extract][number]") {
  check_all({
      {"1千零1件", {{"1千零1件", "1千零1", "1001", "", exact, "件", count}}},
      {"5百万元", {{"5百万元", "5百万", "5000000", "", exact, "元", money}}},
      {"1千万元", {{"1千万元", "1千万", "10000000", "", exact, "元", money}}},
      {"3万亿元", {{"3万亿元", "3万亿", "3000000000000", "", exact, "元", money}}},
      {"一万亿元", {{"一万亿元", "一万亿", "1000000000000", "", exact, "元", money}}},
      {"三亿五千万元", {{"三亿五千万元", "三亿五千万", "350000000", "", exact, "元", money}}},
      {"一百二十件", {{"一百二十件", "一百二十", "120", "", exact, "件", count}}},
      {"三千五百二十件", {{"三千五百二十件", "三千五百二十", "3520", "", exact, "件", count}}},
      {"一百零二件", {{"一百零二件", "一百零二", "102", "", exact, "件", count}}},
      {"一千五百件", {{"一千五百件", "一千五百", "1500", "", exact, "件", count}}},
      {"一千五件", {{"一千五件", "一千五", "1500", "", exact, "件", count}}},  // spoken short form
      {"三万四", {{"三万四", "三万四", "34000", "", exact, "", plain}}},
      {"十二件", {{"十二件", "十二", "12", "", exact, "件", count}}},
      {"完成十项工作", {{"十项", "十", "10", "", exact, "项", count}}},
      {"两万大关", {{"两万", "两万", "20000", "", exact, "", plain}}},
      {"一点七八万件", {{"一点七八万件", "一点七八万", "17800", "", exact, "件", count}}},
      {"零点五个百分点", {{"零点五个百分点", "零点五", "0.5", "", exact, "百分点", points}}},
      {"十二点五亿元", {{"十二点五亿元", "十二点五亿", "1250000000", "", exact, "元", money}}},
  });
  // A Chinese numeral counts only with a unit or 万/亿.
  check_none({"一是加强保护", "统一", "一批", "同一", "党的二十大", "一千零一", "十大典型案例",
              "两岸", "三中全会"});
  // Malformed orders are no figures.
  check_none({"十百件", "二十三百件", "一万二万件", "亿万", "3万40000件", "三亿五万万元"});
}

TEST_CASE("A 万 of 每万人口 belongs to the next word but digits take theirs", "[extract][number]") {
  check_all({
      {"每万人口发明专利拥有量2.47件", {{"2.47件", "2.47", "2.47", "", exact, "件", count}}},
      {"万人发明专利拥有量为9.3件", {{"9.3件", "9.3", "9.3", "", exact, "件", count}}},
      {"服务3万人", {{"3万人", "3万", "30000", "", exact, "人", count}}},
      {"服务3万人次", {{"3万人次", "3万", "30000", "", exact, "人次", count}}},
      {"拥有量64.49件/万人", {{"64.49件/万人", "64.49", "64.49", "", exact, "件/万人", count}}},
  });
  check_none({"每万人口", "万户", "千家万户", "百家争鸣", "万家企业"});
}

TEST_CASE("Dates and times and codes and quoted names are no figures", "[extract][number]") {
  check_none({
      "2022年",
      "2023年度",
      "2020-2024年",
      "2020至2024年",
      "1—9月",
      "1-11月",
      "4月26日",
      "二〇二二年",
      "二零二二年",
      "三年来",
      "近五年",
      "近3年",
      "3个月",
      "5个工作日",
      "2019年前11个月",
      "一季度",
      "第一季度",
      "“3.15”消费者权益日",
      "“十四五”",
      "十四五期间",
      "十三五",
      "发布时间:2023-05-09 19:34:31",
      "2023/05/09",
      "2023.05.09",
      "“4·26”",
      "京ICP备12345号-1",
      "电话0851-86812345",
      "手机13812345678",
      "1.2.3版",
      "53904.html",
      "G20峰会",
      "5G网络",
      "3D打印",
      "“6+3”",
      "“两个确立”",
      "十分重要",
      "发布于2024-01-",
      "99999999999999999999亿元",
      "123456789012345件",
  });
  // Plain figures are returned; the caller ignores them in prose.
  check_all({
      {"12315热线", {{"12315", "12315", "12315", "", exact, "", plain}}},
      {"QQ:156988883", {{"156988883", "156988883", "156988883", "", exact, "", plain}}},
      {"“剑网2022”", {{"2022", "2022", "2022", "", exact, "", plain}}},
  });
}

TEST_CASE("A literal minus is read but a verb's sign is not", "[extract][number]") {
  check_all({
      {"同比增长-4.28%", {{"-4.28%", "-4.28", "-4.28", "", exact, "%", percent}}},
      {"| -4.28 |", {{"-4.28", "-4.28", "-4.28", "", exact, "", plain}}},
      {"增长−3.5个百分点", {{"−3.5个百分点", "−3.5", "-3.5", "", exact, "百分点", points}}},
      {"同比下降4.28%", {{"4.28%", "4.28", "4.28", "", exact, "%", percent}}},
  });
  check_none({"-", "增长-", "--"});
}

TEST_CASE("Multiples and ranks and percent words", "[extract][number]") {
  check_all({
      {"是2023年的2.85倍", {{"2.85倍", "2.85", "2.85", "", exact, "倍", times}}},
      {"增长一倍", {{"一倍", "一", "1", "", exact, "倍", times}}},
      {"实现翻番", {{"翻番", "翻番", "2", "", exact, "倍", times}}},
      {"翻了两番", {{"翻了两番", "翻了两番", "4", "", exact, "倍", times}}},
      {"位居全省第十位", {{"第十位", "第十", "10", "", exact, "位", rank}}},
      {"排名第2名", {{"第2名", "第2", "2", "", exact, "位", rank}}},
      {"排名第20位,较上年", {{"第20位", "第20", "20", "", exact, "位", rank}}},
      {"位居全国首位;", {{"首位", "首位", "1", "", exact, "位", rank}}},
      {"双双位居全省第一", {{"第一", "第一", "1", "", exact, "位", rank}}},
      {"位列第五。", {{"第五", "第五", "5", "", exact, "位", rank}}},
      {"增速全国第三十,", {{"第三十", "第三十", "30", "", exact, "位", rank}}},
      {"分居全市第一、第二",
       {{"第一", "第一", "1", "", exact, "位", rank},
        {"第二", "第二", "2", "", exact, "位", rank}}},
      {"七成以上", {{"七成以上", "七", "70", "", at_least, "%", percent}}},
      {"百分之百", {{"百分之百", "百分之百", "100", "", exact, "%", percent}}},
      {"百分之6", {{"百分之6", "百分之6", "6", "", exact, "%", percent}}},
      {"千分之三", {{"千分之三", "千分之三", "0.3", "", exact, "%", percent}}},
      {"5‰", {{"5‰", "5", "0.5", "", exact, "%", percent}}},
      {"2.5百分点", {{"2.5百分点", "2.5", "2.5", "", exact, "百分点", points}}},
      {"占比过半", {{"过半", "过半", "50", "", more_than, "%", percent}}},
  });
  check_none({"位居前列", "前十", "前5位", "前10名", "第一时间", "第一批", "第四届", "第一方阵",
              "第二十三届中国专利奖", "首位度", "首次", "三分之一", "一成不变"});
}

TEST_CASE("Qualifier words before and inside and after a figure", "[extract][number]") {
  check_all({
      {"约20%", {{"约20%", "20", "20", "", approx, "%", percent}}},
      {"大约3家", {{"大约3家", "3", "3", "", approx, "家", count}}},
      {"近200家", {{"近200家", "200", "200", "", approx, "家", count}}},
      {"100家左右", {{"100家左右", "100", "100", "", approx, "家", count}}},
      {"5%上下", {{"5%上下", "5", "5", "", approx, "%", percent}}},
      {"640余件", {{"640余件", "640", "640", "", more_than, "件", count}}},
      {"5.8亿余元", {{"5.8亿余元", "5.8亿", "580000000", "", more_than, "元", money}}},
      {"5000余万元", {{"5000余万元", "5000余万", "50000000", "", more_than, "元", money}}},
      {"65余万元", {{"65余万元", "65余万", "650000", "", more_than, "元", money}}},
      {"1.5万多人", {{"1.5万多人", "1.5万", "15000", "", more_than, "人", count}}},
      {"十余家", {{"十余家", "十", "10", "", more_than, "家", count}}},
      {"逾万件", {{"逾万件", "万", "10000", "", more_than, "件", count}}},
      {"超过500人(次)", {{"超过500人(次)", "500", "500", "", more_than, "人", count}}},
      {"首次突破 12 万件", {{"突破 12 万件", "12 万", "120000", "", more_than, "件", count}}},
      {"三十万多亿元",
       {{"三十万多亿元", "三十万多亿", "30000000000000", "", more_than, "元", money}}},
      {"15亿元以上", {{"15亿元以上", "15亿", "1500000000", "", at_least, "元", money}}},
      {"不低于10%", {{"不低于10%", "10", "10", "", at_least, "%", percent}}},
      {"不少于5家", {{"不少于5家", "5", "5", "", at_least, "家", count}}},
      {"至少5家", {{"至少5家", "5", "5", "", at_least, "家", count}}},
      {"不到5%", {{"不到5%", "5", "5", "", less_than, "%", percent}}},
      {"不足1成", {{"不足1成", "1", "10", "", less_than, "%", percent}}},
      {"低于3%", {{"低于3%", "3", "3", "", less_than, "%", percent}}},
      {"2%以内", {{"2%以内", "2", "2", "", at_most, "%", percent}}},
      {"不超过3家", {{"不超过3家", "3", "3", "", at_most, "家", count}}},
      {"100人以下", {{"100人以下", "100", "100", "", at_most, "人", count}}},
      // 上下游 is a word of its own, not the qualifier 上下.
      {"带动100家上下游企业", {{"100家", "100", "100", "", exact, "家", count}}},
  });
  check_none({"十来家", "二十几个", "几十家", "好几百家", "数万件", "上万件", "近乎"});
}

TEST_CASE("Ranges with their separators and distributed magnitudes", "[extract][number]") {
  check_all({
      {"筛选6-8个", {{"6-8个", "6-8", "6", "8", exact, "个", count}}},
      {"10%-15%", {{"10%-15%", "10%-15", "10", "15", exact, "%", percent}}},
      {"15%到20%", {{"15%到20%", "15%到20", "15", "20", exact, "%", percent}}},
      {"10—15%", {{"10—15%", "10—15", "10", "15", exact, "%", percent}}},
      {"2——3万元", {{"2——3万元", "2——3万", "20000", "30000", exact, "元", money}}},
      {"200-300万元", {{"200-300万元", "200-300万", "2000000", "3000000", exact, "元", money}}},
      {"1.5亿-2亿元", {{"1.5亿-2亿元", "1.5亿-2亿", "150000000", "200000000", exact, "元", money}}},
      {"1.2万件-1.5万件",
       {{"1.2万件-1.5万件", "1.2万件-1.5万", "12000", "15000", exact, "件", count}}},
      {"十到二十万元", {{"十到二十万元", "十到二十万", "100000", "200000", exact, "元", money}}},
      {"三到五千家", {{"三到五千家", "三到五千", "3000", "5000", exact, "家", count}}},
      {"一到两个", {{"一到两个", "一到两", "1", "2", exact, "个", count}}},
      {"5至10家", {{"5至10家", "5至10", "5", "10", exact, "家", count}}},
      {"约1.2~1.5万件", {{"约1.2~1.5万件", "1.2~1.5万", "12000", "15000", approx, "件", count}}},
      // Different units: two figures, no range.
      {"由100件增至200件",
       {{"100件", "100", "100", "", exact, "件", count},
        {"200件", "200", "200", "", exact, "件", count}}},
  });
  // A range whose lower end is not below its upper end is no range and no figure.
  check_none({"10-5个", "1万-5千件", "8-8家"});
}

TEST_CASE("Counters and units come from the lexicon", "[extract][number]") {
  check_all({
      {"批准逮捕47件72人",
       {{"47件", "47", "47", "", exact, "件", count},
        {"72人", "72", "72", "", exact, "人", count}}},
      {"刑事案件375起", {{"375起", "375", "375", "", exact, "起", count}}},
      {"相关案件7案18人",
       {{"7案", "7", "7", "", exact, "案", count}, {"18人", "18", "18", "", exact, "人", count}}},
      {"质押融资271笔", {{"271笔", "271", "271", "", exact, "笔", count}}},
      {"数字藏品15万余份", {{"15万余份", "15万", "150000", "", more_than, "份", count}}},
      {"事务手册1.5万册", {{"1.5万册", "1.5万", "15000", "", exact, "册", count}}},
      {"各有一项专利", {{"一项", "一", "1", "", exact, "项", count}}},
      {"两所中学", {{"两所", "两", "2", "", exact, "所", count}}},
      {"12个省份", {{"12个", "12", "12", "", exact, "个", count}}},
      {"抽检500批次", {{"500批次", "500", "500", "", exact, "批次", count}}},
      {"查获5吨", {{"5吨", "5", "5", "", exact, "吨", count}}},
      {"5千克", {{"5千克", "5", "5", "", exact, "千克", count}}},
          {"目前3家企业", {{"3家", "3", "3", "", exact, "家", count}}},
      {"此前10项", {{"10项", "10", "10", "", exact, "项", count}}},
      // Foreign money is not 元: a plain figure, the caller converts or drops it.
      {"5亿美元", {{"5亿", "5亿", "500000000", "", exact, "", plain}}},
      // A word that only begins with a counter leaves the figure without a unit.
      {"3人民法院", {{"3", "3", "3", "", exact, "", plain}}},
  });
  // Words and phrases that hold a counter but no figure.
  check_none({"一批企业", "一起案件", "一次办好", "上一篇", "一期建设", "最后一公里", "三部委",
              "五位一体", "三成果", "一件事一次办"});
}

TEST_CASE("Offsets are bytes into the scanned text", "[extract][number]") {
  const std::string text = "质押融资超5600万元,同比增长13.3%。";
  auto found = find_numbers(text);
  REQUIRE(found.size() == 2);
  const auto& money_figure = found[0];
  CHECK(money_figure.begin == text.find("超"));
  CHECK(money_figure.number_begin == text.find("5600"));
  CHECK(money_figure.number_end == text.find("元"));
  CHECK(money_figure.end == text.find(","));
  CHECK(money_figure.text == "5600万");
  CHECK(money_figure.unit == "元");
  CHECK(money_figure.unit_text == "元");
  CHECK(money_figure.value.to_double() == 56000000.0);
  const auto& growth = found[1];
  CHECK(growth.begin == text.find("13.3"));
  CHECK(growth.number_end == text.find("%"));
  CHECK(growth.end == text.find("。"));

  auto points_figure = find_numbers("提高2.5个百分点")[0];
  CHECK(points_figure.unit == "百分点");
  CHECK(points_figure.unit_text == "个百分点");
  auto persons = find_numbers("500人(次)")[0];
  CHECK(persons.unit == "人");
  CHECK(persons.unit_text == "人(次)");
  auto ranked = find_numbers("第2名")[0];
  CHECK(ranked.unit == "位");
  CHECK(ranked.unit_text == "名");
}

TEST_CASE("A real bulletin paragraph", "[extract][number]") {
  check(
      {"2022年,全省专利授权1.78万件,同比增长13.3%;每万人口发明专利拥有量2.47件,"
       "位居全国第十位。查处案件375起,涉案金额5.8亿余元。",
       {{"1.78万件", "1.78万", "17800", "", exact, "件", count},
        {"13.3%", "13.3", "13.3", "", exact, "%", percent},
        {"2.47件", "2.47", "2.47", "", exact, "件", count},
        {"第十位", "第十", "10", "", exact, "位", rank},
        {"375起", "375", "375", "", exact, "起", count},
        {"5.8亿余元", "5.8亿", "580000000", "", more_than, "元", money}}});
}

TEST_CASE("Hostile input returns without crashing", "[extract][number][robustness]") {
  // No timing assertion: the point is that these finish (the scan is linear) and do not crash.
  CHECK(find_numbers(std::string(100000, '7')).empty());
  std::string wan;
  for (int k = 0; k < 50000; ++k) wan += "万";
  CHECK(find_numbers(wan).empty());
  std::string chain;
  for (int k = 0; k < 50000; ++k) chain += "1~";
  CHECK(find_numbers(chain).size() <= 1);
  std::string points;
  for (int k = 0; k < 50000; ++k) points += "一点";
  CHECK(find_numbers(points).empty());

  // 1 MB of random valid UTF-8, weighted towards the characters figures are made of.
  std::mt19937 random(20240501);
  const char32_t figure_chars[] = {
      U'0',  U'1',  U'5',  U'.',  U',',  U'-',  U'~',  U'%',  U' ',  U'万', U'亿', U'千',
      U'百', U'十', U'一', U'两', U'零', U'〇', U'点', U'第', U'位', U'件', U'元', U'余',
      U'多', U'约', U'超', U'年', U'到', U'之', U'分', U'“',  U'前', U'数', U'几', U'成',
      U'倍', U'以', U'上', U'个', U'翻', U'番', U':',  U'/',  U'G',  U'−'};
  auto append = [](std::string& s, char32_t c) {
    if (c < 0x80) {
      s += static_cast<char>(c);
    } else if (c < 0x800) {
      s += static_cast<char>(0xC0 | (c >> 6));
      s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      s += static_cast<char>(0xE0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (c >> 18));
      s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
    }
  };
  std::string text;
  while (text.size() < 1000000) {
    if (random() % 2 == 0) {
      append(text, figure_chars[random() % std::size(figure_chars)]);
    } else {
      auto c = static_cast<char32_t>(random() % 0x110000);
      if (c >= 0xD800 && c < 0xE000) continue;
      append(text, c);
    }
  }
  auto found = find_numbers(text);
  std::size_t last_end = 0;
  for (const auto& m : found) {
    REQUIRE(m.begin >= last_end);
    REQUIRE(m.begin <= m.number_begin);
    REQUIRE(m.number_begin < m.number_end);
    REQUIRE(m.number_end <= m.end);
    REQUIRE(m.end <= text.size());
    last_end = m.end;
  }

  // Arbitrary bytes, not UTF-8 at all.
  std::string bytes;
  while (bytes.size() < 200000) bytes += static_cast<char>(random() % 256);
  CHECK_NOTHROW(find_numbers(bytes));
}
