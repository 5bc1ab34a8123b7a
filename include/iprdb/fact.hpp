#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <iprdb/types.hpp>

namespace iprdb {

/// What a figure measures about its indicator.
enum class Measure {
  level,       ///< the quantity itself (专利授权1939件)
  growth_pct,  ///< percent change (同比增长13.3% → 13.3; 增长2倍 → 200; 下降 → negative)
  change_pp,   ///< change of a rate in percentage points (提高2.5个百分点 → 2.5)
  rank,        ///< a position (位居全省第十位 → 10), with a rank scope
  share_pct,   ///< share of the parent region's or the nation's total, in percent
  change_abs,  ///< absolute change in the indicator's unit (比上年增加5.2万家 → 52000)
};

/// Whether a figure happened or is aimed at.
enum class Status { actual, target };

/// How exactly the bulletin states a figure.
enum class Qualifier {
  exact,
  approx,     ///< 约, 近, 左右
  more_than,  ///< 余, 多, 超, 逾
  at_least,   ///< 以上, 不低于
  less_than,  ///< 不到, 不足
  at_most,    ///< 以内, 不超过
};

std::string_view to_string(Measure) noexcept;
std::string_view to_string(Status) noexcept;
std::string_view to_string(Qualifier) noexcept;
std::optional<Measure> parse_measure(std::string_view) noexcept;
std::optional<Status> parse_status(std::string_view) noexcept;
std::optional<Qualifier> parse_qualifier(std::string_view) noexcept;

/// The time a figure refers to.
struct Period {
  /// The year the figure refers to: for a stock 截至2024年底 → 2024; for a target, the target
  /// year; for a multi-year total, its last year.
  Year year{0};
  /// Both empty: the whole year (flow) or the year end (stock). 1—9月 → 1 and 9;
  /// 一季度 → 1 and 3; 截至3月底 → empty and 3.
  std::optional<int> month_start;
  std::optional<int> month_end;
  /// The first year of a multi-year total (2020-2024年累计 → 2020).
  std::optional<int> period_start;
  /// A running total whose start is not stated (累计发放…): never the year's flow.
  bool cumulative = false;
};

/// One statistic read from a bulletin (or a curated record), with where it came from.
struct Fact {
  RegionCode region{"000000"};
  std::string region_name;
  Period period;
  /// A catalog code ("patent.grant").
  std::string indicator;
  Measure measure = Measure::level;
  /// In the indicator's base unit for level and change_abs; % for growth_pct and share_pct;
  /// 位 for rank; 百分点 for change_pp. Exact decimal arithmetic, rounded to double once.
  double value = 0;
  std::string unit;
  /// The figure as printed ("1.78万").
  std::string value_text;
  Qualifier qualifier = Qualifier::exact;
  Status status = Status::actual;
  /// Set only when the base of a growth rate or change is not the previous year.
  std::optional<int> base_year;
  /// For a rank: province, country, or a named group; `rank_of` is "growth_pct" when the
  /// growth rate is what ranks.
  std::optional<std::string> rank_scope;
  std::optional<std::string> rank_of;
  /// For a share: province or country.
  std::optional<std::string> share_of;
  /// The shortest span of the text that holds the figure and the words naming it, and its
  /// code-point offsets into the document's normalized text.
  std::string quote;
  std::size_t span_start = 0;
  std::size_t span_end = 0;
  /// The reading chosen where the text is ambiguous.
  std::string note;
};

/// One line of JSON in the format of hand-checked gold files (region, region_name, year,
/// month_start, month_end, period_start, cumulative, indicator, measure, value, unit, status,
/// qualifier, base_year, rank_scope, rank_of, share_of, quote, span_start, span_end), plus
/// `document` when given. No trailing newline.
std::string to_json(const Fact& fact, const std::filesystem::path& document = {});

}  // namespace iprdb
