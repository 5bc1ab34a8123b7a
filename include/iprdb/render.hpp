#pragma once

// Query results laid out for people and programs: aligned tables (CJK characters count two
// columns), CSV (RFC 4180), JSON, Markdown, terminal bar charts and SVG charts.
//
// Money is stored in 元. For people (table, Markdown, charts) it is shown in 万元 from 1e4 and
// in 亿元 from 1e8, as bulletins write it; for programs (CSV, JSON) it stays in 元 with the
// unit named in its own column.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/query.hpp>
#include <iprdb/types.hpp>

namespace iprdb {

enum class OutputFormat { table, csv, json, markdown };

std::string_view to_string(OutputFormat format) noexcept;
/// "table", "csv", "json" or "markdown" (also "md"); nullopt for anything else.
std::optional<OutputFormat> parse_output_format(std::string_view text) noexcept;

/// A result laid out for output: each cell as people read it and as programs read it.
struct ResultTable {
  struct Column {
    /// CSV heading and JSON key ("region_code").
    std::string key;
    /// Heading in table and Markdown output ("地区").
    std::string label;
    /// What programs get in JSON: a string, a number or true/false (when the raw text is
    /// one). Numbers are right-aligned for people.
    enum class Type { text, number, boolean };
    Type type = Type::text;
    /// Shown in table and Markdown output.
    bool for_people = true;
    /// Written in CSV and JSON output.
    bool for_programs = true;
    /// Left out of table and Markdown output when no row has anything in it.
    bool hide_when_empty = false;
  };
  struct Cell {
    /// As people read it ("8.72").
    std::string shown;
    /// As programs read it ("872000000"); nullopt is JSON null and an empty CSV field.
    std::optional<std::string> raw;
  };

  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  /// Lines under the table for people ("3 of 34 regions in scope have data"); in JSON too.
  std::vector<std::string> notes;
};

/// `table` in `format`, ending with a newline.
std::string render(const ResultTable& table, OutputFormat format);

/// How many terminal columns `text` (UTF-8) takes: East Asian Wide and Fullwidth characters
/// take two, combining marks none, everything else one.
int display_width(std::string_view text);

/// A number as people read it: money in 万元/亿元 (see above), whole numbers with thousands
/// separators, fractions with up to four decimals and no trailing zeros.
struct ShownValue {
  std::string number;  ///< "8.72", "194,000", "53.54"
  std::string unit;    ///< "亿元", "件", "件/万人"
};
ShownValue show_value(double value, std::string_view unit);

// ---- layouts of each question's rows ----------------------------------------------------
// `list_missing`: show the regions in scope without a figure as rows too (they are always
// counted in the notes; an explicit list of regions always shows them).

ResultTable to_table(const Comparison& request, const std::vector<ComparisonRow>& rows,
                     bool list_missing = false);
ResultTable to_table(const Ranking& request, const std::vector<RankingRow>& rows,
                     bool list_missing = false);
ResultTable to_table(const TimeSeries& request, const std::vector<TimeSeriesRow>& rows);
ResultTable to_table(const Growth& request, const std::vector<GrowthRow>& rows,
                     bool list_missing = false);
ResultTable to_table(const Latest& request, const std::vector<LatestRow>& rows,
                     bool list_missing = false);
ResultTable to_table(const Coverage& request, const std::vector<CoverageRow>& rows);
ResultTable to_table(const Provenance& provenance);
ResultTable to_table(const SqlResult& result);
ResultTable to_table(const std::vector<Indicator>& indicators);
ResultTable to_table(const std::vector<Region>& regions);

// ---- charts -------------------------------------------------------------------------------

/// Figures ready to draw: bars (one per region) or a line (one point per year).
struct Chart {
  enum class Kind { bars, line };
  Kind kind = Kind::bars;
  std::string title;
  /// The unit of `value` as drawn, after any scaling of money ("亿元").
  std::string unit;
  struct Point {
    std::string label;
    /// Empty: no figure (drawn as a gap, labelled as missing).
    std::optional<double> value;
    /// The value as written next to its bar or point.
    std::string value_label;
  };
  std::vector<Point> points;
};

/// Bars for a comparison or ranking (regions with figures, in the rows' order), a line for a
/// series, bars of growth in percent.
Chart to_chart(const Comparison& request, const std::vector<ComparisonRow>& rows);
Chart to_chart(const Ranking& request, const std::vector<RankingRow>& rows);
Chart to_chart(const TimeSeries& request, const std::vector<TimeSeriesRow>& rows);
Chart to_chart(const Growth& request, const std::vector<GrowthRow>& rows);
Chart to_chart(const Latest& request, const std::vector<LatestRow>& rows);

/// Horizontal bars drawn with block characters, labels aligned for CJK width; `width` is the
/// length of the longest bar in terminal columns. A line chart is drawn as bars per year.
std::string render_terminal_chart(const Chart& chart, int width = 40);

/// A standalone SVG document (UTF-8, Chinese labels, CJK font fallbacks): horizontal bars,
/// or a line with its points labelled.
std::string render_svg(const Chart& chart);

}  // namespace iprdb
