#pragma once

// Comparative questions to an iprdb database: one request struct and one row struct per
// question. The questions themselves are members of iprdb::Database (database.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <iprdb/fact.hpp>
#include <iprdb/types.hpp>

namespace iprdb {

/// Part of a year: {1, 9} is 1—9月 (or, for a stock, the end of September); {8, 8} is
/// 8月当月. No Months at all means the whole year (a flow) or the year end (a stock).
struct Months {
  int first = 1;
  int last = 12;
};

/// Which regions a question is about. Regions are written as people write them: a six-digit
/// code, a full name, an alias or pinyin; a name that fits several regions is an error listing
/// them (Error(ambiguous_name)), a name that fits none is Error(unknown_region).
struct Scope {
  /// The level compared. Empty: the regions directly under `under`, or the provinces when
  /// `under` is empty too.
  std::optional<RegionLevel> level;
  /// Only regions inside this one (at any depth when `level` is given).
  std::optional<std::string> under;
  /// An explicit list instead, kept in the order given; `level` and `under` must then be empty.
  std::vector<std::string> regions;
};

/// What the statistician's defaults can be widened to. The defaults: actual figures (not
/// targets), full-year periods, and the best observation per key (curated over extracted,
/// exact over qualified, the newest publication).
struct QueryOptions {
  /// Status::target asks for aims (力争, "十四五"末 …) instead of what happened.
  Status status = Status::actual;
  /// When a region has no full-year figure, take its latest part of the year (1—11月); the
  /// row's period says which.
  bool partial_periods = false;
  /// Every document's figure, one row each, instead of the best one per key: for compare,
  /// series and latest. A ranking refuses it (Error(invalid_argument)); growth ignores it.
  bool all_sources = false;
};

/// Where a stored figure comes from.
struct Source {
  std::int64_t document_id = 0;
  /// The bulletin's title, and its publication date (YYYY-MM-DD) when known.
  std::string title;
  std::optional<std::string> published_on;
  /// The file it was loaded from.
  std::string file;
  /// The words that state the figure, and their code-point offsets into the document's text.
  std::string quote;
  std::optional<std::int64_t> span_start;
  std::optional<std::int64_t> span_end;
};

/// One figure as stored: a Fact with its id, origin and source.
struct Observation {
  std::int64_t id = 0;
  RegionCode region{"000000"};
  /// The catalog code ("patent.grant").
  std::string indicator;
  Period period;
  Measure measure = Measure::level;
  /// In the indicator's base unit (money in 元), % for growth and share, 位 for rank.
  double value = 0;
  std::string unit;
  /// The figure as printed ("1.78万").
  std::string value_text;
  Qualifier qualifier = Qualifier::exact;
  Status status = Status::actual;
  std::optional<int> base_year;
  std::optional<std::string> rank_scope;
  std::optional<std::string> rank_of;
  std::optional<std::string> share_of;
  /// "extracted" from a bulletin or "curated" from a record file.
  std::string origin;
  Source source;
};

/// A placeholder region (the whole country, no names) for rows before they are filled in.
inline Region no_region() {
  return Region{RegionCode("000000"), {}, {}, RegionLevel::country, std::nullopt, {},
                std::nullopt,         std::nullopt, std::nullopt};
}

// ---- compare -----------------------------------------------------------------------------

/// One indicator, one period, every region in a scope.
struct Comparison {
  /// Code, Chinese name or alias ("patent.grant", "专利授权量", "专利授权").
  std::string indicator;
  Year year{0};
  /// Empty: the whole year.
  std::optional<Months> months;
  Scope scope;
  QueryOptions options;
};

/// One region of a comparison. A region in scope without a figure is a row with no
/// observation: missing, never dropped.
struct ComparisonRow {
  Region region = no_region();
  std::optional<Observation> observation;
  bool missing() const noexcept { return !observation.has_value(); }
};

// ---- rank --------------------------------------------------------------------------------

/// The regions of a scope in order of one indicator's figure.
struct Ranking {
  std::string indicator;
  Year year{0};
  std::optional<Months> months;
  Scope scope;
  QueryOptions options;
  /// Smallest first instead of largest first.
  bool ascending = false;
  /// Only the first N places (ties at the cut included); missing regions are still listed.
  std::optional<int> top;
};

/// One place of a ranking. Equal figures share a place (1, 2, 2, 4) and are marked tied;
/// regions without a figure come last with no place.
struct RankingRow {
  std::optional<int> rank;
  bool tied = false;
  Region region = no_region();
  std::optional<Observation> observation;
  bool missing() const noexcept { return !observation.has_value(); }
};

// ---- series ------------------------------------------------------------------------------

/// One region, one indicator, year after year.
struct TimeSeries {
  std::string region;
  std::string indicator;
  /// Empty: from the first to the last year with a figure.
  std::optional<Year> from;
  std::optional<Year> to;
  /// Empty: whole years.
  std::optional<Months> months;
  QueryOptions options;
};

/// One year of a series; a year in range without a figure is a missing row.
struct TimeSeriesRow {
  Year year{0};
  std::optional<Observation> observation;
  bool missing() const noexcept { return !observation.has_value(); }
};

// ---- growth ------------------------------------------------------------------------------

/// Growth of one indicator for every region in a scope, against a base year.
struct Growth {
  std::string indicator;
  Year year{0};
  /// Empty: the previous year.
  std::optional<Year> base_year;
  std::optional<Months> months;
  Scope scope;
  QueryOptions options;
};

/// How a growth figure was obtained.
enum class GrowthMethod {
  reported,  ///< the bulletin states it (同比增长13.3%)
  computed,  ///< (level − base level) / base level × 100, from two stored levels
};

std::string_view to_string(GrowthMethod method) noexcept;

/// One region's growth. A reported figure is preferred; both levels are given whenever they
/// are stored, so a reader can check one against the other.
struct GrowthRow {
  Region region = no_region();
  /// In percent; empty when neither reported nor computable.
  std::optional<double> growth_pct;
  std::optional<GrowthMethod> method;
  Year base_year{0};
  /// The reported growth figure (measure growth_pct), when there is one.
  std::optional<Observation> reported;
  /// The level in the year asked for, and in the base year.
  std::optional<Observation> level;
  std::optional<Observation> base_level;
  bool missing() const noexcept { return !growth_pct.has_value(); }
};

// ---- latest ------------------------------------------------------------------------------

/// Each region's most recent figure of one indicator, up to a year.
struct Latest {
  std::string indicator;
  /// Empty: no limit.
  std::optional<Year> up_to;
  Scope scope;
  QueryOptions options;
};

/// One region's most recent figure; its observation's period says which year.
struct LatestRow {
  Region region = no_region();
  std::optional<Observation> observation;
  bool missing() const noexcept { return !observation.has_value(); }
};

// ---- coverage ----------------------------------------------------------------------------

/// Which regions have which indicators for which years (actual levels).
struct Coverage {
  /// Empty scope fields and no regions: every region with a figure.
  std::optional<Scope> scope;
  /// Empty: every indicator.
  std::optional<std::string> indicator;
  /// Count partial-year figures too (whole years only by default).
  bool partial_periods = false;
};

/// One region × indicator with figures.
struct CoverageRow {
  Region region = no_region();
  Indicator indicator;
  /// The distinct years with a figure, ascending.
  std::vector<int> years;
  std::int64_t observations = 0;
};

// ---- provenance --------------------------------------------------------------------------

/// Where one observation comes from, and what other documents say about the same thing.
struct Provenance {
  Observation observation;
  /// The document's format (text, html, jsonl) and original encoding.
  std::string format;
  std::string encoding;
  /// The quote with up to 60 characters of the document's text on each side.
  std::string context;
  /// Observations of the same key (region, indicator, period, measure, status) from other
  /// documents: with the same value, and with another value.
  std::vector<Observation> agreeing;
  std::vector<Observation> conflicting;
};

// ---- ad-hoc SQL --------------------------------------------------------------------------

/// The result of one read-only SQL statement.
struct SqlResult {
  enum class Type { null, integer, real, text, blob };
  struct Value {
    Type type = Type::null;
    /// The value as text (a blob as "x'…'" hex); empty for null.
    std::string text;
  };
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

}  // namespace iprdb
