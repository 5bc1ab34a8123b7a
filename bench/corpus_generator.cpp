#include "corpus_generator.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include <iprdb/error.hpp>

namespace iprdb::bench {
namespace {

// How a bulletin names an indicator, and what sort of figure it takes.
enum class Shape {
  flow,     // a count in the year: 专利授权1.2万件
  stock,    // a count at the year end: 截至2022年底,有效发明专利…
  money,    // 元, printed in 亿元 or 万元
  ratio,    // a density: 每万人口发明专利拥有量12.5件
  percent,  // a rate: 专利电子申请率99.6%
};

struct Wording {
  const char* code;
  const char* words;
  const char* unit;  // printed after the figure (money: 元)
  Shape shape;
};

// Phrasings as bulletins write them; each reads the same to a person and under the rules of
// ../shared/gold/README.md.
constexpr Wording kWordings[] = {
    {"patent.grant", "专利授权", "件", Shape::flow},
    {"patent.grant", "专利授权量", "件", Shape::flow},
    {"patent.invention.grant", "发明专利授权", "件", Shape::flow},
    {"patent.invention.grant", "发明专利授权量", "件", Shape::flow},
    {"patent.application", "专利申请", "件", Shape::flow},
    {"patent.invention.application", "发明专利申请", "件", Shape::flow},
    {"patent.utility_model.grant", "实用新型专利授权", "件", Shape::flow},
    {"patent.design.grant", "外观设计专利授权", "件", Shape::flow},
    {"patent.pct.application", "PCT国际专利申请", "件", Shape::flow},
    {"trademark.application", "商标注册申请", "件", Shape::flow},
    {"trademark.registration", "新增注册商标", "件", Shape::flow},
    {"copyright.work.registration", "作品著作权登记", "件", Shape::flow},
    {"copyright.software.registration", "计算机软件著作权登记", "件", Shape::flow},
    {"enforcement.trademark.cases", "查处商标违法案件", "件", Shape::flow},
    {"patent.transfer", "专利转让", "次", Shape::flow},
    {"patent.license", "专利许可", "次", Shape::flow},
    {"patent.invention.valid", "有效发明专利", "件", Shape::stock},
    {"patent.invention.valid", "有效发明专利拥有量", "件", Shape::stock},
    {"trademark.valid", "有效注册商标", "件", Shape::stock},
    {"trademark.valid", "有效商标注册量", "件", Shape::stock},
    {"gi.trademark", "地理标志商标", "件", Shape::stock},
    {"trademark.well_known", "驰名商标", "件", Shape::stock},
    {"agency.patent_firm", "专利代理机构", "家", Shape::stock},
    {"enterprise.ip_demonstration.national", "国家知识产权示范企业", "家", Shape::stock},
    {"patent.invention.high_value.valid", "高价值发明专利拥有量", "件", Shape::stock},
    {"patent.invention.valid_per_10k", "每万人口发明专利拥有量", "件", Shape::ratio},
    {"patent.invention.high_value.valid_per_10k", "每万人口高价值发明专利拥有量", "件",
     Shape::ratio},
    {"ipr.pledge.amount", "知识产权质押融资", "元", Shape::money},
    {"ipr.pledge.amount", "知识产权质押融资金额", "元", Shape::money},
    {"patent.pledge.amount", "专利权质押融资金额", "元", Shape::money},
    {"patent.e_filing_rate", "专利电子申请率", "%", Shape::percent},
};

// Tables of a subject's children: (code, column heading).
constexpr std::pair<const char*, const char*> kTableColumns[] = {
    {"patent.grant", "专利授权量"},
    {"patent.invention.grant", "发明专利授权量"},
    {"trademark.registration", "商标注册量"},
    {"patent.application", "专利申请量"},
};

constexpr const char* kGrowthLeads[] = {"同比", "比上年", "较上年"};

// Prose without figures.
constexpr const char* kIntros[] = {
    "近年来,{scope}深入实施知识产权强{kind}战略,全面加强知识产权创造、运用、保护、管理和服务,"
    "知识产权事业发展取得新的明显成效。",
    "按照党中央、国务院决策部署,{short}大力推进知识产权强{kind}建设,积极构建知识产权“全链条”"
    "保护体系,营商环境持续优化。",
    "下面,我就{short}知识产权发展状况作一个介绍。",
    "{scope}坚持把知识产权工作摆在突出位置,持续优化创新环境,激发全社会创新活力。",
};
constexpr const char* kProse[] = {
    "{scope}持续推进知识产权保护体系建设,严格落实知识产权保护属地责任。",
    "围绕重点产业,{scope}深入开展专利导航,推动创新链、产业链、人才链深度融合。",
    "{short}积极探索知识产权证券化,拓宽科技型中小企业融资渠道。",
    "以打造一流营商环境为目标,{scope}不断深化知识产权审查、保护、运用各环节改革。",
    "知识产权公共服务体系不断完善,信息服务网点覆盖{scope}各县(市、区)。",
    "{scope}组织开展“知识产权宣传周”系列活动,营造尊重知识、崇尚创新的良好氛围。",
    "同时,积极推动地理标志运用促进工程,助力乡村振兴。",
    "行政保护与司法保护衔接更加紧密,快速协同保护机制初步形成。",
};
constexpr const char* kMoreProse[] = {
    "{scope}建立健全知识产权纠纷多元化解机制,推动行政裁决、人民调解、仲裁、公证等多渠道解决纠纷。",
    "聚焦企业需求,{scope}组织知识产权服务机构深入园区开展“一对一”精准服务,帮助企业解决知识产权"
    "创造、运用、保护中遇到的难题。",
    "{short}把知识产权保护作为优化营商环境的重要内容,纳入高质量发展综合绩效评价。",
    "各级市场监管部门加大对商标侵权、假冒专利等违法行为的打击力度,维护公平竞争的市场秩序。",
};
constexpr const char* kClosings[] = {
    "下一步,{scope}将继续深化知识产权领域改革,加快建设知识产权强{kind}。",
    "感谢新闻媒体朋友们长期以来对{short}知识产权工作的关心和支持。",
    "我们将以更大力度推进知识产权保护工作,为高质量发展提供有力支撑。",
};
constexpr const char* kNavigation[] = {
    "您当前所在的位置: 首页 » 新闻中心 » 工作动态",
    "首页 > 政务公开 > 统计数据 > 知识产权",
    "当前位置:首页 » 解读回应 » 新闻发布会",
};
// Figures that are not intellectual property: a correct reading finds nothing in them.
constexpr const char* kOtherNews[] = {
    "{scope}接待游客{a}亿人次,实现旅游总收入{b}亿元。",
    "{scope}新建改建农村公路{c}公里,新增高标准农田{c}万亩。",
    "{scope}城镇新增就业{c}人,城镇调查失业率控制在5.5%以内。",
    "{scope}粮食总产量{a}万吨,连续多年保持稳定。",
};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The key the acceptance test compares facts by; the value is compared apart.
auto key_of(const Fact& f) {
  return std::make_tuple(f.region.str(), f.period.year.value, f.period.month_start.value_or(0),
                         f.period.month_end.value_or(0), f.period.period_start.value_or(0),
                         f.period.cumulative, f.indicator, static_cast<int>(f.measure),
                         f.rank_of.value_or(""), f.rank_scope.value_or(""),
                         f.share_of.value_or(""), f.base_year.value_or(0),
                         static_cast<int>(f.status));
}

bool same_value(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

}  // namespace

// The region a bulletin is about, and the words it uses for itself.
struct CorpusGenerator::Subject {
  const Region* region = nullptr;
  std::string scope;  // 全省, 全区, 全市, 全州
  std::string kind;   // 省, 区, 市: 知识产权强省
  std::vector<const Region*> children;
};

// Builds one document: its text and the facts it states.
class CorpusGenerator::Writer {
 public:
  Writer(std::mt19937_64& rng, const Subject& subject, int year, const Catalog& catalog)
      : rng_(rng), subject_(subject), year_(year), catalog_(catalog) {}

  std::string take_text() { return std::move(text_); }
  std::size_t size() const { return text_.size(); }
  std::vector<Fact> take_facts() { return std::move(facts_); }

  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[static_cast<std::size_t>(uniform(0, static_cast<int>(N) - 1))];
  }

  void line(std::string_view text) {
    text_ += text;
    text_ += '\n';
  }

  std::string fill(std::string pattern) {
    pattern = replace_all(std::move(pattern), "{scope}", subject_.scope);
    pattern = replace_all(std::move(pattern), "{kind}", subject_.kind);
    pattern = replace_all(std::move(pattern), "{short}", subject_.region->short_name);
    pattern = replace_all(std::move(pattern), "{a}", tenths(11, 999).first);
    pattern = replace_all(std::move(pattern), "{b}", tenths(1001, 99999).first);
    return replace_all(std::move(pattern), "{c}", std::to_string(uniform(100, 9000)));
  }

  // The head of a web page: navigation, title, date, source.
  void head(const std::string& published) {
    if (chance(0.7)) line(pick(kNavigation));
    const auto& r = *subject_.region;
    switch (uniform(0, 2)) {
      case 0: line(fmt::format("{}{}年知识产权发展状况", r.name, year_)); break;
      case 1: line(fmt::format("{}召开{}年知识产权工作新闻发布会", r.name, year_ + 1)); break;
      default: line(fmt::format("{}{}年知识产权统计数据发布", r.short_name, year_)); break;
    }
    line(fmt::format("发布时间:{} {:02}:{:02}", published, uniform(8, 18), uniform(0, 59)));
    if (chance(0.5)) line(fmt::format("来源:{}市场监督管理局  【字体: 大 中 小】 打印", r.name));
    line("");
  }

  // The foot of a web page: related links, contacts, record numbers.
  void foot(const Region& elsewhere) {
    line("");
    if (chance(0.6)) {
      line("相关推荐");
      line(fmt::format("{}召开知识产权工作会议 {}-{:02}-{:02}", elsewhere.name, year_ + 1,
                       uniform(1, 12), uniform(1, 28)));
      line(fmt::format("{}开展知识产权宣传周活动 {}-04-{:02}", elsewhere.short_name, year_ + 1,
                       uniform(20, 26)));
    }
    line(fmt::format("版权所有:{}市场监督管理局 联系电话:0{}-{} 邮编:{}", subject_.region->name,
                     uniform(100, 999), uniform(10000000, 89999999), uniform(100000, 899999)));
    line(fmt::format("ICP备{}号-{} 访问量:{}", uniform(10000000, 99999999), uniform(1, 9),
                     uniform(10000, 9999999)));
  }

  // A press conference names who speaks before the figures.
  void speaker() {
    static constexpr const char* kTitles[] = {"市场监管局党组成员、副局长", "知识产权局局长",
                                              "市场监管局二级巡视员", "知识产权保护中心主任"};
    static constexpr const char* kNames[] = {"张明", "李华", "王建国", "刘晓文", "陈静", "杨力"};
    const std::string who = pick(kNames);
    line(fmt::format("{}{} {}:", subject_.region->short_name, pick(kTitles), who));
    line(fill("新闻媒体的记者朋友们,大家下午好!借此机会,衷心感谢新闻媒体的各位朋友多年来对{short}"
              "知识产权工作的关心、关注和支持。下面,我就{short}知识产权发展状况作一个介绍。"));
  }

  // 记者问答: questions and answers in words, without figures.
  void questions() {
    static constexpr const char* kQuestions[] = {
        "记者:请问在加强知识产权保护方面,下一步有哪些具体举措?",
        "记者:企业在知识产权质押融资中还面临哪些困难,如何解决?",
        "记者:如何进一步发挥知识产权对产业发展的支撑作用?",
        "记者:在地理标志保护和运用方面有什么新的考虑?"};
    line("记者问答");
    for (int q = uniform(2, 4); q > 0; --q) {
      line(pick(kQuestions));
      std::string answer;
      for (int k = uniform(4, 8); k > 0; --k) {
        answer += fill(chance(0.5) ? pick(kProse) : pick(kMoreProse));
      }
      line(answer);
    }
  }

  // A count as bulletins print it: 1939, 1.23万 (exactly 12300) or 12,345.
  std::pair<std::string, double> count(int low, int high) {
    const int value = uniform(low, high);
    if (value >= 20000 && chance(0.5)) {
      const int hundreds = value / 100;
      return {fmt::format("{}.{:02}万", hundreds / 100, hundreds % 100), hundreds * 100.0};
    }
    if (value >= 10000 && chance(0.2)) {
      return {fmt::format("{},{:03}", value / 1000, value % 1000), double(value)};
    }
    return {std::to_string(value), double(value)};
  }

  // One decimal, 13.3; its value is the text read as a double, as the extractor reads it.
  std::pair<std::string, double> tenths(int low, int high) {
    const int t = uniform(low, high);
    std::string text = fmt::format("{}.{}", t / 10, t % 10);
    const double value = std::stod(text);
    return {std::move(text), value};
  }

  // A figure of `w` as printed with its unit, and its value in the indicator's base unit.
  std::pair<std::string, double> figure(const Wording& w) {
    switch (w.shape) {
      case Shape::flow:
      case Shape::stock: {
        auto [text, value] =
            std::string_view(w.unit) == "家" ? count(20, 3000) : count(100, 180000);
        return {text + w.unit, value};
      }
      case Shape::money:
        if (chance(0.6)) {
          const int cents = uniform(101, 9999);
          return {fmt::format("{}.{:02}亿元", cents / 100, cents % 100), cents * 1e6};
        } else {
          const int wan = uniform(100, 9999);
          return {fmt::format("{}万元", wan), wan * 1e4};
        }
      case Shape::ratio: {
        auto [text, value] = tenths(11, 999);
        return {text + w.unit, value};
      }
      case Shape::percent: {
        auto [text, value] = tenths(500, 999);
        return {text + "%", value};
      }
    }
    return {};
  }

  Fact fact(const Region& region, const std::string& code, double value, int year) const {
    Fact f;
    f.region = region.code;
    f.region_name = region.name;
    f.period.year = Year(year);
    f.indicator = code;
    f.value = value;
    if (auto indicator = catalog_.by_code(code)) f.unit = indicator->unit;
    return f;
  }

  // ",同比增长13.3%" after a level, recorded as its growth.
  std::string growth_after(const Fact& level) {
    const auto [text, pct] = tenths(1, 650);
    const bool down = chance(0.15);
    Fact f = level;
    f.measure = Measure::growth_pct;
    f.value = down ? -pct : pct;
    f.unit = "%";
    facts_.push_back(std::move(f));
    return fmt::format(",{}{}{}%", pick(kGrowthLeads), down ? "下降" : "增长", text);
  }

  // One sentence stating `w` for the subject in the document's year.
  std::string statement(const Wording& w, bool year_said) {
    const auto [figure_text, value] = figure(w);
    const std::string& scope = subject_.scope;
    std::string out;
    if (w.shape == Shape::stock || w.shape == Shape::ratio) {
      if (!year_said || chance(0.6)) {
        out = fmt::format("截至{}年{},{}{}{}{}", year_, chance(0.5) ? "底" : "末", scope, w.words,
                          chance(0.4) ? "达到" : "", figure_text);
      } else {
        out = fmt::format("{}{}{}{}", scope, w.words, chance(0.5) ? "达" : "", figure_text);
      }
    } else if (!year_said) {
      out = fmt::format("{}年,{}{}{}", year_, scope, w.words, figure_text);
    } else if (chance(0.5)) {
      out = fmt::format("{}全年{}{}", scope, w.words, figure_text);
    } else {
      out = fmt::format("{}{}{}", w.words, chance(0.3) ? "达到" : "", figure_text);
    }
    const Fact level = fact(*subject_.region, w.code, value, year_);
    facts_.push_back(level);
    if (w.shape != Shape::percent && w.shape != Shape::ratio && chance(0.55)) {
      out += growth_after(level);
    }
    return out + "。";
  }

  // 2023年1-9月,全省专利授权…: a flow over part of the year.
  std::string partial(const Wording& w) {
    const auto [figure_text, value] = figure(w);
    int first = 1, last = uniform(2, 11);
    std::string months;
    switch (uniform(0, 2)) {
      case 0: months = fmt::format("1-{}月", last); break;
      case 1: months = fmt::format("1—{}月", last); break;
      default:
        last = 6;
        months = "上半年";
        break;
    }
    Fact f = fact(*subject_.region, w.code, value, year_);
    f.period.month_start = first;
    f.period.month_end = last;
    facts_.push_back(f);
    return fmt::format("{}年{},{}{}{}。", year_, months, subject_.scope, w.words, figure_text);
  }

  // 力争到2025年,全省每万人口发明专利拥有量达到15件: an aim.
  std::string target(const Wording& w) {
    const auto [figure_text, value] = figure(w);
    const int year = year_ + uniform(2, 3);
    Fact f = fact(*subject_.region, w.code, value, year);
    f.status = Status::target;
    facts_.push_back(f);
    return fmt::format("力争到{}年,{}{}达到{}。", year, subject_.scope, w.words, figure_text);
  }

  // 其中,南明区专利授权…: a child of the subject named in full.
  std::string child_statement(const Wording& w, const Region& child) {
    const auto [figure_text, value] = figure(w);
    facts_.push_back(fact(child, w.code, value, year_));
    return fmt::format("其中,{}{}{}。", child.name, w.words, figure_text);
  }

  // A tab-separated table of the subject's children: region × indicator.
  void table() {
    if (subject_.children.size() < 3) return;
    const std::size_t columns = static_cast<std::size_t>(uniform(2, 3));
    std::vector<std::pair<const char*, const char*>> chosen(std::begin(kTableColumns),
                                                            std::end(kTableColumns));
    std::shuffle(chosen.begin(), chosen.end(), rng_);
    chosen.resize(columns);
    const bool province = subject_.region->level == RegionLevel::province;
    std::string title = fmt::format("{}年{}各{}", year_, subject_.region->name,
                                    province ? "市(州)" : "县(市、区)");
    for (std::size_t c = 0; c < columns; ++c) title += (c ? "和" : "") + std::string(chosen[c].second);
    line(title);
    std::string heading = "地区";
    for (const auto& column : chosen) heading += fmt::format("\t{}", column.second);
    line(heading);
    const std::size_t rows = std::min<std::size_t>(subject_.children.size(),
                                                   static_cast<std::size_t>(uniform(3, 12)));
    for (std::size_t r = 0; r < rows; ++r) {
      const Region& child = *subject_.children[r];
      std::string row = child.name;
      for (const auto& column : chosen) {
        const int value = uniform(100, 60000);
        row += fmt::format("\t{}", value);
        facts_.push_back(fact(child, column.first, value, year_));
      }
      line(row);
    }
    line("");
  }

 private:
  std::mt19937_64& rng_;
  const Subject& subject_;
  int year_;
  const Catalog& catalog_;
  std::string text_;
  std::vector<Fact> facts_;
};

CorpusGenerator::CorpusGenerator(std::uint64_t seed, const Gazetteer& gazetteer,
                                 const Catalog& catalog)
    : rng_(seed), gazetteer_(gazetteer), catalog_(catalog) {
  const auto& regions = gazetteer_.regions();
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    if (r.is_historical()) continue;
    if (r.level == RegionLevel::province) provinces_.push_back(i);
    // Cities only: 地区 and 盟 call themselves otherwise (全区, 全盟).
    if (r.level == RegionLevel::prefecture && ends_with(r.name, "市")) prefectures_.push_back(i);
  }
  for (const auto& w : kWordings) {
    if (!catalog_.by_code(w.code)) {
      throw Error(ErrorCode::internal, fmt::format("the benchmark's wording names {}, which the "
                                                   "catalog does not have",
                                                   w.code));
    }
  }
}

SyntheticDocument CorpusGenerator::next() {
  const auto& regions = gazetteer_.regions();
  auto uniform = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  };
  Subject subject;
  const bool province = std::bernoulli_distribution(0.4)(rng_);
  subject.region = &regions[province ? provinces_[uniform(provinces_.size())]
                                     : prefectures_[uniform(prefectures_.size())]];
  const std::string& name = subject.region->name;
  if (!province || ends_with(name, "市")) {
    subject.scope = "全市";
    subject.kind = "市";
  } else if (ends_with(name, "自治区")) {
    subject.scope = "全区";
    subject.kind = "区";
  } else {
    subject.scope = "全省";
    subject.kind = "省";
  }
  for (const auto& child : gazetteer_.children(subject.region->code)) {
    // Children named in full and unambiguously: cities under a province, districts and counties
    // under a city.
    if (child.is_historical()) continue;
    if (province && !(child.level == RegionLevel::prefecture && ends_with(child.name, "市"))) continue;
    if (!province && child.level != RegionLevel::county) continue;
    if (gazetteer_.find(child.name).size() != 1) continue;
    for (const auto& region : regions) {
      if (region.code == child.code) subject.children.push_back(&region);
    }
  }
  std::shuffle(subject.children.begin(), subject.children.end(), rng_);

  const int year = std::uniform_int_distribution<int>(2015, 2024)(rng_);
  Writer w(rng_, subject, year, catalog_);
  const std::string published =
      fmt::format("{}-{:02}-{:02}", year + 1, w.uniform(1, 5), w.uniform(1, 28));
  w.head(published);
  w.line(w.fill(w.pick(kIntros)));
  if (w.chance(0.5)) w.speaker();

  // Indicators are stated once each: a bulletin does not give two figures for one key.
  std::vector<const Wording*> wordings;
  std::set<std::string> used;
  for (const auto& wording : kWordings) wordings.push_back(&wording);
  std::shuffle(wordings.begin(), wordings.end(), rng_);
  auto take = [&](auto accept) -> const Wording* {
    for (const Wording* wording : wordings) {
      if (!used.count(wording->code) && accept(*wording)) {
        used.insert(wording->code);
        return wording;
      }
    }
    return nullptr;
  };
  auto any = [](const Wording&) { return true; };
  auto flow = [](const Wording& x) { return x.shape == Shape::flow; };
  auto countable = [](const Wording& x) {
    return (x.shape == Shape::flow || x.shape == Shape::stock) && std::string_view(x.unit) == "件";
  };

  const int paragraphs = w.uniform(3, 8);
  for (int p = 0; p < paragraphs; ++p) {
    std::string paragraph;
    const int sentences = w.uniform(2, 5);
    for (int s = 0; s < sentences; ++s) {
      if (const Wording* wording = take(any)) paragraph += w.statement(*wording, s > 0);
    }
    // Bulletins are mostly words: about three facts per kilobyte, as in ../shared/seeds.
    for (int k = w.uniform(3, 9); k > 0; --k) {
      paragraph += w.fill(w.chance(0.6) ? w.pick(kProse) : w.pick(kMoreProse));
    }
    w.line(paragraph);
    // After the paragraph, whose year it shares; before any partial year, whose months a
    // 其中 would inherit.
    if (w.chance(0.3) && !subject.children.empty()) {
      const Region& child = *subject.children[static_cast<std::size_t>(p) % subject.children.size()];
      if (const Wording* wording = take(countable)) w.line(w.child_statement(*wording, child));
    }
    // Not in the opening, where months would name the whole bulletin's period.
    if (w.chance(0.25) && w.size() > 1200) {
      if (const Wording* wording = take(flow)) w.line(w.partial(*wording));
    }
    if (w.chance(0.2)) w.line(w.fill(w.pick(kOtherNews)));
  }
  if (w.chance(0.5)) w.table();
  if (w.chance(0.5)) {
    if (const Wording* wording = take(any)) w.line(w.target(*wording));
  }
  if (w.chance(0.7)) w.questions();
  w.line(w.fill(w.pick(kClosings)));
  w.foot(regions[provinces_[uniform(provinces_.size())]]);

  ++count_;
  SyntheticDocument doc;
  doc.file_name = fmt::format("{:06}-{}.txt", count_, subject.region->pinyin);
  doc.text = w.take_text();
  doc.published_on = published;
  doc.expected = w.take_facts();
  return doc;
}

std::size_t CorpusGenerator::write(const std::filesystem::path& directory,
                                   std::size_t target_bytes,
                                   const std::function<void(const SyntheticDocument&)>& on_document) {
  std::filesystem::create_directories(directory);
  std::size_t written = 0;
  while (written < target_bytes) {
    const SyntheticDocument doc = next();
    {
      std::ofstream out(directory / doc.file_name, std::ios::binary);
      out << doc.text;
      if (!out) throw Error(ErrorCode::io, "cannot write", directory / doc.file_name);
    }
    written += doc.text.size();
    if (on_document) on_document(doc);
  }
  return written;
}

void Accuracy::add(const std::vector<Fact>& expected_facts,
                   const std::vector<Fact>& extracted_facts) {
  expected += static_cast<std::int64_t>(expected_facts.size());
  extracted += static_cast<std::int64_t>(extracted_facts.size());
  std::multimap<decltype(key_of(expected_facts.front())), const Fact*> open;
  for (const auto& f : expected_facts) open.emplace(key_of(f), &f);
  for (const auto& f : extracted_facts) {
    auto [first, last] = open.equal_range(key_of(f));
    for (auto it = first; it != last; ++it) {
      if (same_value(it->second->value, f.value)) {
        ++correct;
        open.erase(it);
        break;
      }
    }
  }
}

}  // namespace iprdb::bench
