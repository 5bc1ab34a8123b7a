// Each question's rows laid out as a ResultTable (for people and programs) and as a Chart.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include <iprdb/reference.hpp>
#include <iprdb/render.hpp>

#include "query/present.hpp"
#include "query/query_impl.hpp"

namespace iprdb {

namespace detail {

std::string period_words(const Period& period) {
  const int year = period.year.value;
  std::string out;
  if (period.period_start) out = fmt::format("{}—", *period.period_start);
  if (!period.month_end || (*period.month_end == 12 && period.month_start.value_or(1) == 1)) {
    out += fmt::format("{}年", year);
  } else if (!period.month_start) {
    out += fmt::format("{}年{}月底", year, *period.month_end);
  } else if (*period.month_start == *period.month_end) {
    out += fmt::format("{}年{}月", year, *period.month_end);
  } else {
    out += fmt::format("{}年{}—{}月", year, *period.month_start, *period.month_end);
  }
  if (period.cumulative) out += "（累计）";
  return out;
}

std::string period_words(Year year, const std::optional<Months>& months) {
  Period period;
  period.year = year;
  if (months) {
    period.month_start = months->first;
    period.month_end = months->last;
  }
  return period_words(period);
}

std::string_view qualifier_words(Qualifier qualifier) {
  switch (qualifier) {
    case Qualifier::exact: return "";
    case Qualifier::approx: return "约";
    case Qualifier::more_than: return "超过";
    case Qualifier::at_least: return "不少于";
    case Qualifier::less_than: return "不到";
    case Qualifier::at_most: return "不超过";
  }
  return "";
}

std::string remark(const Observation& observation) {
  std::string out(qualifier_words(observation.qualifier));
  if (observation.status == Status::target) out += out.empty() ? "目标" : "；目标";
  return out;
}

std::string shorten(std::string_view text, int width) {
  if (display_width(text) <= width) return std::string(text);
  std::string out;
  int used = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0xf0) length = 4;
    else if (byte >= 0xe0) length = 3;
    else if (byte >= 0xc0) length = 2;
    const std::string piece(text.substr(i, length));
    const int w = display_width(piece);
    if (used + w > width - 1) break;
    out += piece;
    used += w;
    i += length;
  }
  return out + "…";
}

}  // namespace detail

namespace {

using Type = ResultTable::Column::Type;
using detail::format_number;
using detail::raw_number;

constexpr int kTitleWidth = 30;  // display columns of a source title in a table

std::string indicator_name(std::string_view text) {
  if (auto indicator = Catalog::builtin().find_unique(text)) return indicator->name_zh;
  return std::string(text);
}

std::string region_name(std::string_view text) {
  if (auto region = Gazetteer::builtin().find_unique(text)) return region->name;
  return std::string(text);
}

std::string level_words(RegionLevel level) {
  switch (level) {
    case RegionLevel::country: return "全国";
    case RegionLevel::province: return "省级";
    case RegionLevel::prefecture: return "地级";
    case RegionLevel::county: return "县级";
  }
  return "";
}

std::optional<std::string> optional_number(const std::optional<int>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

class Builder {
 public:
  std::size_t column(std::string key, std::string label, Type type = Type::text) {
    ResultTable::Column column;
    column.key = std::move(key);
    column.label = std::move(label);
    column.type = type;
    table.columns.push_back(std::move(column));
    return table.columns.size() - 1;
  }
  std::size_t for_programs(std::string key, Type type = Type::text) {
    const auto c = column(std::move(key), "", type);
    table.columns[c].for_people = false;
    return c;
  }
  std::size_t for_people(std::string label, bool hide_when_empty = false) {
    const auto c = column("", std::move(label));
    table.columns[c].for_programs = false;
    table.columns[c].hide_when_empty = hide_when_empty;
    return c;
  }
  void row() { table.rows.emplace_back(table.columns.size()); }
  void set(std::size_t c, std::string shown, std::optional<std::string> raw) {
    table.rows.back()[c] = {std::move(shown), std::move(raw)};
  }
  void set(std::size_t c, const std::string& text) { set(c, text, text); }

  ResultTable table;
};

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The columns that describe one observation, the same in every layout.
struct ObservationColumns {
  std::size_t value, unit, remark, value_text, qualifier, status, period, year, month_start,
      month_end, source, published, id, file, quote, origin;

  // `with_year`: false where the layout has its own year column (series).
  void add(Builder& b, bool period_always, bool with_year = true) {
    value = b.column("value", "数值", Type::number);
    unit = b.column("unit", "单位");
    remark = b.for_people("说明", true);
    value_text = b.for_programs("value_text");
    qualifier = b.for_programs("qualifier");
    status = b.for_programs("status");
    period = b.for_people("期间", !period_always);
    year = with_year ? b.for_programs("year", Type::number) : kNone;
    month_start = b.for_programs("month_start", Type::number);
    month_end = b.for_programs("month_end", Type::number);
    source = b.column("source_title", "来源");
    published = b.column("source_published_on", "发布日期");
    id = b.column("observation_id", "编号", Type::number);
    file = b.for_programs("source_file");
    quote = b.for_programs("quote");
    origin = b.for_programs("origin");
  }

  // `period_always`: the period is news in this layout (latest); otherwise it is shown only
  // when it is not the whole year the title names.
  void fill(Builder& b, const Observation& o, bool period_always) const {
    const auto shown = show_value(o.value, o.unit);
    b.set(value, shown.number, raw_number(o.value));
    b.set(unit, shown.unit, o.unit);
    b.set(remark, detail::remark(o), std::nullopt);
    b.set(value_text, o.value_text);
    b.set(qualifier, std::string(to_string(o.qualifier)));
    b.set(status, std::string(to_string(o.status)));
    const bool whole = detail::whole_year(o.period);
    b.set(period, period_always || !whole ? detail::period_words(o.period) : "", std::nullopt);
    if (year != kNone) b.set(year, std::to_string(o.period.year.value));
    b.set(month_start, "", optional_number(o.period.month_start));
    b.set(month_end, "", optional_number(o.period.month_end));
    b.set(source, detail::shorten(o.source.title, kTitleWidth), o.source.title);
    b.set(published, o.source.published_on.value_or(""), o.source.published_on);
    b.set(id, std::to_string(o.id));
    b.set(file, o.source.file);
    b.set(quote, o.source.quote);
    b.set(origin, o.origin);
  }

  void fill_missing(Builder& b) const { b.set(value, "—", std::nullopt); }
};

struct RegionColumns {
  std::size_t code, name;
  void add(Builder& b) {
    code = b.for_programs("region_code");
    name = b.column("region", "地区");
  }
  void fill(Builder& b, const Region& region) const {
    b.set(code, region.code.str());
    b.set(name, region.name);
  }
};

template <typename Row>
std::string coverage_note(const std::vector<Row>& rows) {
  std::set<std::string> all;
  std::set<std::string> with_data;
  for (const auto& row : rows) {
    all.insert(row.region.code.str());
    if (!row.missing()) with_data.insert(row.region.code.str());
  }
  return fmt::format("{} of {} regions in scope have data.", with_data.size(), all.size());
}

// Money is scaled once for a whole chart, so that bars compare.
struct Scale {
  double divisor = 1;
  std::string unit;
  bool group = true;
};

Scale scale_for(const std::vector<double>& values, const std::string& unit) {
  Scale scale{1, unit, unit != "元"};
  if (unit != "元") return scale;
  double largest = 0;
  for (double v : values) largest = std::max(largest, std::fabs(v));
  if (largest >= 1e8) return {1e8, "亿元", false};
  if (largest >= 1e4) return {1e4, "万元", false};
  return scale;
}

template <typename Row>
Chart bars_of(std::string title, const std::vector<Row>& rows) {
  Chart chart;
  chart.title = std::move(title);
  std::vector<const Row*> drawn;
  std::set<std::string> seen;
  std::vector<double> values;
  for (const auto& row : rows) {
    if (row.missing() || !seen.insert(row.region.code.str()).second) continue;
    drawn.push_back(&row);
    values.push_back(row.observation->value);
  }
  const auto scale = scale_for(values, drawn.empty() ? "" : drawn.front()->observation->unit);
  chart.unit = scale.unit;
  for (const auto* row : drawn) {
    const double v = row->observation->value / scale.divisor;
    chart.points.push_back({row->region.name, v, format_number(v, 2, scale.group)});
  }
  return chart;
}

std::string compare_title(const std::string& indicator, Year year,
                          const std::optional<Months>& months, const Scope& scope) {
  return fmt::format("{} · {} · {}", indicator_name(indicator),
                     detail::period_words(year, months), detail::describe_scope(scope));
}

std::string series_title(const TimeSeries& request, const std::vector<TimeSeriesRow>& rows) {
  std::string years;
  if (!rows.empty()) {
    years = fmt::format(" · {}—{}年", rows.front().year.value, rows.back().year.value);
  }
  return fmt::format("{} · {}{}", region_name(request.region), indicator_name(request.indicator),
                     years);
}

// Where each UTF-8 character of `text` starts.
std::vector<std::size_t> character_starts(std::string_view text) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) starts.push_back(i);
  }
  return starts;
}

// `quote` with at most `keep` characters of `context` on each side, for a table cell.
std::string around(const std::string& context, const std::string& quote, std::size_t keep) {
  const auto at = quote.empty() ? std::string::npos : context.find(quote);
  if (at == std::string::npos) return detail::shorten(context, 80);
  const std::string before = context.substr(0, at);
  const std::string after = context.substr(at + quote.size());
  const auto b = character_starts(before);
  const auto a = character_starts(after);
  std::string out;
  if (b.size() > keep) out = "…" + before.substr(b[b.size() - keep]);
  else out = before;
  out += quote;
  out += a.size() > keep ? after.substr(0, a[keep]) + "…" : after;
  return out;
}

std::string year_ranges(const std::vector<int>& years) {
  std::string out;
  for (std::size_t i = 0; i < years.size();) {
    std::size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += j == i ? std::to_string(years[i]) : fmt::format("{}—{}", years[i], years[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace

// A region and its observation per row (compare, latest); `with_period` shows which period
// each figure is for. Missing regions are listed only when asked for or named one by one.
template <typename Row>
void add_region_rows(Builder& b, const std::vector<Row>& rows, bool show_missing, bool with_period) {
  RegionColumns region;
  region.add(b);
  ObservationColumns obs;
  obs.add(b, with_period);
  for (const auto& row : rows) {
    if (row.missing() && !show_missing) continue;
    b.row();
    region.fill(b, row.region);
    if (row.missing()) obs.fill_missing(b);
    else obs.fill(b, *row.observation, with_period);
  }
  b.table.notes.push_back(coverage_note(rows));
}

ResultTable to_table(const Comparison& request, const std::vector<ComparisonRow>& rows,
                     bool list_missing) {
  Builder b;
  b.table.title = compare_title(request.indicator, request.year, request.months, request.scope);
  add_region_rows(b, rows, list_missing || !request.scope.regions.empty(), false);
  return b.table;
}

ResultTable to_table(const Ranking& request, const std::vector<RankingRow>& rows,
                     bool list_missing) {
  Builder b;
  b.table.title = compare_title(request.indicator, request.year, request.months, request.scope) +
                  (request.ascending ? "（从小到大）" : "") + "排名";
  const auto rank = b.column("rank", "名次", Type::number);
  const auto tied = b.for_programs("tied", Type::boolean);
  RegionColumns region;
  region.add(b);
  ObservationColumns obs;
  obs.add(b, false);
  const bool show_missing = list_missing || !request.scope.regions.empty();
  for (const auto& row : rows) {
    if (row.missing() && !show_missing) continue;
    b.row();
    if (row.rank) {
      b.set(rank, fmt::format("{}{}", *row.rank, row.tied ? "=" : ""), std::to_string(*row.rank));
    }
    b.set(tied, row.tied ? "true" : "false");
    region.fill(b, row.region);
    if (row.missing()) obs.fill_missing(b);
    else obs.fill(b, *row.observation, false);
  }
  b.table.notes.push_back(coverage_note(rows));
  if (std::any_of(rows.begin(), rows.end(), [](const RankingRow& r) { return r.tied; })) {
    b.table.notes.push_back("= marks a place shared by equal figures.");
  }
  return b.table;
}

ResultTable to_table(const TimeSeries& request, const std::vector<TimeSeriesRow>& rows) {
  Builder b;
  b.table.title = series_title(request, rows);
  const auto year = b.column("year", "年份", Type::number);
  ObservationColumns obs;
  obs.add(b, false, false);
  std::set<int> years;
  std::set<int> with_data;
  for (const auto& row : rows) {
    b.row();
    b.set(year, std::to_string(row.year.value));
    years.insert(row.year.value);
    if (row.missing()) {
      obs.fill_missing(b);
      continue;
    }
    with_data.insert(row.year.value);
    obs.fill(b, *row.observation, false);
  }
  b.table.notes.push_back(rows.empty() ? std::string("No figures.")
                                       : fmt::format("{} of {} years have data.",
                                                     with_data.size(), years.size()));
  return b.table;
}

ResultTable to_table(const Growth& request, const std::vector<GrowthRow>& rows,
                     bool list_missing) {
  Builder b;
  const Year base = request.base_year.value_or(Year(request.year.value - 1));
  b.table.title = fmt::format("{}增长 · {}比{} · {}", indicator_name(request.indicator),
                              detail::period_words(request.year, request.months),
                              detail::period_words(base, request.months),
                              detail::describe_scope(request.scope));
  RegionColumns region;
  region.add(b);
  const auto growth = b.column("growth_pct", "增长率%", Type::number);
  const auto method = b.column("method", "依据");
  const auto period = b.for_people("期间", true);
  const auto year = b.for_programs("year", Type::number);
  const auto base_year = b.for_programs("base_year", Type::number);
  const auto level = b.column("level", "本期", Type::number);
  const auto base_level = b.column("base_level", "基期", Type::number);
  const auto unit = b.for_programs("unit");
  const auto source = b.column("source_title", "来源");
  const auto published = b.column("source_published_on", "发布日期");
  const auto ids = b.for_people("编号");
  const auto reported_id = b.for_programs("reported_id", Type::number);
  const auto level_id = b.for_programs("level_id", Type::number);
  const auto base_id = b.for_programs("base_level_id", Type::number);
  const auto quote = b.for_programs("quote");
  for (const auto& row : rows) {
    if (row.missing() && !list_missing && request.scope.regions.empty()) continue;
    b.row();
    region.fill(b, row.region);
    b.set(year, std::to_string(request.year.value));
    b.set(base_year, std::to_string(row.base_year.value));
    if (row.growth_pct) {
      b.set(growth, format_number(*row.growth_pct, 2, false), raw_number(*row.growth_pct));
      b.set(method, *row.method == GrowthMethod::reported ? "公报" : "计算",
            std::string(to_string(*row.method)));
    } else {
      b.set(growth, "—", std::nullopt);
    }
    auto show = [&](std::size_t c, const std::optional<Observation>& o) {
      if (!o) return;
      const auto shown = show_value(o->value, o->unit);
      b.set(c, shown.number + shown.unit, raw_number(o->value));
      b.set(unit, "", o->unit);
    };
    show(level, row.level);
    show(base_level, row.base_level);
    const auto& main = row.reported ? row.reported : row.level;
    if (main) {
      if (!detail::whole_year(main->period)) {
        b.set(period, detail::period_words(main->period), std::nullopt);
      }
      b.set(source, detail::shorten(main->source.title, kTitleWidth), main->source.title);
      b.set(published, main->source.published_on.value_or(""), main->source.published_on);
      b.set(quote, "", main->source.quote);
    }
    std::vector<std::string> shown_ids;
    if (row.reported) {
      b.set(reported_id, "", std::to_string(row.reported->id));
      shown_ids.push_back(std::to_string(row.reported->id));
    }
    if (row.level) b.set(level_id, "", std::to_string(row.level->id));
    if (row.base_level) b.set(base_id, "", std::to_string(row.base_level->id));
    if (row.method == GrowthMethod::computed) {
      shown_ids.push_back(std::to_string(row.level->id));
      shown_ids.push_back(std::to_string(row.base_level->id));
    }
    std::string joined;
    for (const auto& id : shown_ids) joined += (joined.empty() ? "" : "/") + id;
    b.set(ids, joined, std::nullopt);
  }
  b.table.notes.push_back(coverage_note(rows));
  if (std::any_of(rows.begin(), rows.end(),
                  [](const GrowthRow& r) { return r.method == GrowthMethod::computed; })) {
    b.table.notes.push_back(
        "计算: (本期 − 基期) / 基期 × 100, from two stored levels; 公报: as the bulletin states it.");
  }
  return b.table;
}

ResultTable to_table(const Latest& request, const std::vector<LatestRow>& rows,
                     bool list_missing) {
  Builder b;
  b.table.title = fmt::format("{} · {} · {}", indicator_name(request.indicator),
                              request.up_to ? fmt::format("截至{}年的最新数据", request.up_to->value)
                                            : std::string("最新数据"),
                              detail::describe_scope(request.scope));
  add_region_rows(b, rows, list_missing || !request.scope.regions.empty(), true);
  return b.table;
}

ResultTable to_table(const Coverage& request, const std::vector<CoverageRow>& rows) {
  Builder b;
  b.table.title = fmt::format("数据覆盖 · {}{}",
                              request.scope ? detail::describe_scope(*request.scope) : "全部地区",
                              request.indicator ? " · " + indicator_name(*request.indicator)
                                                : std::string());
  RegionColumns region;
  region.add(b);
  const auto code = b.for_programs("indicator_code");
  const auto name = b.column("indicator", "指标");
  const auto years = b.column("years", "年份");
  const auto first = b.for_programs("first_year", Type::number);
  const auto last = b.for_programs("last_year", Type::number);
  const auto count = b.column("observations", "条数", Type::number);
  std::set<std::string> regions;
  std::set<std::string> indicators;
  for (const auto& row : rows) {
    b.row();
    region.fill(b, row.region);
    b.set(code, row.indicator.code);
    b.set(name, row.indicator.name_zh);
    std::string list;
    for (int y : row.years) list += (list.empty() ? "" : ",") + std::to_string(y);
    b.set(years, year_ranges(row.years), list);
    if (!row.years.empty()) {
      b.set(first, "", std::to_string(row.years.front()));
      b.set(last, "", std::to_string(row.years.back()));
    }
    b.set(count, std::to_string(row.observations));
    regions.insert(row.region.code.str());
    indicators.insert(row.indicator.code);
  }
  b.table.notes.push_back(fmt::format("{} regions, {} indicators.", regions.size(),
                                      indicators.size()));
  return b.table;
}

ResultTable to_table(const Provenance& p) {
  Builder b;
  const auto& o = p.observation;
  b.table.title = fmt::format("观测 #{} 的来源", o.id);
  const auto field = b.column("field", "项目");
  const auto value = b.column("value", "内容");
  auto add = [&](std::string key, std::string label, std::string shown,
                 std::optional<std::string> raw) {
    b.row();
    b.set(field, std::move(label), std::move(key));
    b.set(value, std::move(shown), std::move(raw));
  };
  auto one = [&](const char* key, const char* label, const std::string& text) {
    add(key, label, text, text);
  };
  const auto region = Gazetteer::builtin().by_code(o.region.str());
  const auto indicator = Catalog::builtin().by_code(o.indicator);
  const auto shown = show_value(o.value, o.unit);
  one("observation_id", "编号", std::to_string(o.id));
  add("region_code", "地区", fmt::format("{} {}", region ? region->name : "", o.region.str()),
      o.region.str());
  add("indicator_code", "指标", fmt::format("{} {}", indicator ? indicator->name_zh : "", o.indicator),
      o.indicator);
  add("period", "期间", detail::period_words(o.period), detail::period_words(o.period));
  one("measure", "度量", std::string(to_string(o.measure)));
  add("value", "数值", shown.number + shown.unit, raw_number(o.value));
  one("unit", "单位", o.unit);
  one("value_text", "原文数字", o.value_text);
  add("qualifier", "说明", std::string(detail::qualifier_words(o.qualifier)),
      std::string(to_string(o.qualifier)));
  add("status", "状态", o.status == Status::target ? "目标" : "实际",
      std::string(to_string(o.status)));
  one("origin", "出处类型", o.origin);
  one("source_title", "来源", o.source.title);
  add("source_published_on", "发布日期", o.source.published_on.value_or(""),
      o.source.published_on);
  one("source_file", "文件", o.source.file);
  one("document_id", "文档编号", std::to_string(o.source.document_id));
  one("format", "格式", fmt::format("{} / {}", p.format, p.encoding));
  one("quote", "原文", o.source.quote);
  if (o.source.span_start && o.source.span_end) {
    add("span", "位置", fmt::format("{}—{}", *o.source.span_start, *o.source.span_end),
        fmt::format("{}-{}", *o.source.span_start, *o.source.span_end));
  }
  add("context", "上下文", around(p.context, o.source.quote, 24), p.context);
  auto others = [&](const char* key, const char* label, const std::vector<Observation>& list) {
    for (const auto& other : list) {
      const auto s = show_value(other.value, other.unit);
      add(key, label,
          fmt::format("#{} {}{} — {}（{}）", other.id, s.number, s.unit, other.source.title,
                      other.source.published_on.value_or("")),
          std::to_string(other.id));
    }
  };
  others("agreeing_id", "一致", p.agreeing);
  others("conflicting_id", "冲突", p.conflicting);
  b.table.notes.push_back(fmt::format("{} other documents agree, {} conflict.", p.agreeing.size(),
                                      p.conflicting.size()));
  return b.table;
}

ResultTable to_table(const SqlResult& result) {
  Builder b;
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < result.columns.size(); ++c) {
    bool any = false;
    bool numbers = true;
    for (const auto& row : result.rows) {
      const auto type = row[c].type;
      if (type == SqlResult::Type::null) continue;
      any = true;
      numbers = numbers && (type == SqlResult::Type::integer || type == SqlResult::Type::real);
    }
    columns.push_back(b.column(result.columns[c], result.columns[c],
                               any && numbers ? Type::number : Type::text));
  }
  for (const auto& row : result.rows) {
    b.row();
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (row[c].type == SqlResult::Type::null) b.set(columns[c], "", std::nullopt);
      else b.set(columns[c], row[c].text);
    }
  }
  b.table.notes.push_back(fmt::format("{} row{}.", result.rows.size(),
                                      result.rows.size() == 1 ? "" : "s"));
  return b.table;
}

ResultTable to_table(const std::vector<Indicator>& indicators) {
  Builder b;
  b.table.title = "指标";
  const auto code = b.column("code", "代码");
  const auto name = b.column("name_zh", "名称");
  const auto unit = b.column("unit", "单位");
  const auto kind = b.column("kind", "类型");
  const auto category = b.column("category", "类别");
  const auto english = b.for_programs("name_en");
  const auto aliases = b.for_programs("aliases");
  for (const auto& indicator : indicators) {
    b.row();
    b.set(code, indicator.code);
    b.set(name, indicator.name_zh);
    b.set(unit, indicator.unit);
    const char* kind_words = indicator.kind == IndicatorKind::stock  ? "存量"
                             : indicator.kind == IndicatorKind::flow ? "流量"
                                                                     : "比率";
    b.set(kind, kind_words, std::string(to_string(indicator.kind)));
    b.set(category, indicator.category);
    b.set(english, indicator.name_en);
    std::string joined;
    for (const auto& alias : indicator.aliases) joined += (joined.empty() ? "" : "|") + alias;
    b.set(aliases, joined);
  }
  b.table.notes.push_back(fmt::format("{} indicator{}.", indicators.size(),
                                      indicators.size() == 1 ? "" : "s"));
  return b.table;
}

ResultTable to_table(const std::vector<Region>& regions) {
  Builder b;
  b.table.title = "地区";
  const auto code = b.column("code", "代码");
  const auto name = b.column("name", "名称");
  const auto short_name = b.column("short_name", "简称");
  const auto level = b.column("level", "级别");
  const auto parent = b.column("parent_code", "上级");
  const auto pinyin = b.column("pinyin", "拼音");
  const auto valid = b.for_people("存续", true);
  const auto valid_from = b.for_programs("valid_from", Type::number);
  const auto valid_to = b.for_programs("valid_to", Type::number);
  const auto& gazetteer = Gazetteer::builtin();
  for (const auto& region : regions) {
    b.row();
    b.set(code, region.code.str());
    b.set(name, region.name);
    b.set(short_name, region.short_name);
    b.set(level, level_words(region.level), std::string(to_string(region.level)));
    if (region.parent) {
      const auto up = gazetteer.by_code(region.parent->str());
      b.set(parent, up ? up->name : region.parent->str(), region.parent->str());
    }
    b.set(pinyin, region.pinyin);
    if (region.valid_from || region.valid_to) {
      b.set(valid,
            fmt::format("{}—{}", region.valid_from ? std::to_string(*region.valid_from) : "",
                        region.valid_to ? std::to_string(*region.valid_to) : ""),
            std::nullopt);
    }
    b.set(valid_from, "", optional_number(region.valid_from));
    b.set(valid_to, "", optional_number(region.valid_to));
  }
  b.table.notes.push_back(
      fmt::format("{} region{}.", regions.size(), regions.size() == 1 ? "" : "s"));
  return b.table;
}

Chart to_chart(const Comparison& request, const std::vector<ComparisonRow>& rows) {
  return bars_of(compare_title(request.indicator, request.year, request.months, request.scope),
                 rows);
}

Chart to_chart(const Ranking& request, const std::vector<RankingRow>& rows) {
  return bars_of(compare_title(request.indicator, request.year, request.months, request.scope) +
                     "排名",
                 rows);
}

Chart to_chart(const Latest& request, const std::vector<LatestRow>& rows) {
  return bars_of(fmt::format("{} · 最新数据 · {}", indicator_name(request.indicator),
                             detail::describe_scope(request.scope)),
                 rows);
}

Chart to_chart(const TimeSeries& request, const std::vector<TimeSeriesRow>& rows) {
  Chart chart;
  chart.kind = Chart::Kind::line;
  chart.title = series_title(request, rows);
  std::vector<double> values;
  std::string unit;
  for (const auto& row : rows) {
    if (row.missing()) continue;
    values.push_back(row.observation->value);
    unit = row.observation->unit;
  }
  const auto scale = scale_for(values, unit);
  chart.unit = scale.unit;
  std::set<int> seen;
  for (const auto& row : rows) {
    if (!seen.insert(row.year.value).second) continue;
    if (row.missing()) {
      chart.points.push_back({std::to_string(row.year.value), std::nullopt, "—"});
      continue;
    }
    const double v = row.observation->value / scale.divisor;
    chart.points.push_back({std::to_string(row.year.value), v, format_number(v, 2, scale.group)});
  }
  return chart;
}

Chart to_chart(const Growth& request, const std::vector<GrowthRow>& rows) {
  Chart chart;
  chart.title = fmt::format("{}增长 · {} · {}", indicator_name(request.indicator),
                            detail::period_words(request.year, request.months),
                            detail::describe_scope(request.scope));
  chart.unit = "%";
  for (const auto& row : rows) {
    if (!row.growth_pct) continue;
    chart.points.push_back(
        {row.region.name, *row.growth_pct, format_number(*row.growth_pct, 2, false) + "%"});
  }
  return chart;
}

}  // namespace iprdb
