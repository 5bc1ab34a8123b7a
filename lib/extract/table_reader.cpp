#include "extract/table_reader.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "extract/decimal.hpp"
#include "extract/period.hpp"
#include "extract/utf8.hpp"

namespace iprdb::detail {
namespace {

// A cell of a flattened table is a short line; anything longer is prose.
constexpr std::size_t kMaxCellCodePoints = 16;
// A run of lines is a table only with this many figures in it.
constexpr std::size_t kMinFigures = 6;
// How far above a table its title and unit may stand.
constexpr std::size_t kTitleWindowBytes = 900;
// How many header cells may be joined into one column name (实用 + 新型).
constexpr std::size_t kMaxJoinedCells = 3;
// Bulletins print tables a few columns wide. A figure's quote runs from its row's label to it,
// so a table of thousands of columns would cost memory in the square of its width: such a
// table is data of another kind, and is not read.
constexpr std::size_t kMaxColumns = 64;

struct Cell {
  std::string_view text;
  std::size_t begin = 0;  // byte offsets into the document
  std::size_t end = 0;
};

struct Row {
  std::vector<Cell> labels;
  std::vector<Cell> figures;
};

struct Table {
  std::vector<Cell> header;
  std::vector<Row> rows;
  std::size_t begin = 0;
  bool ends_document = false;  // the last cell may be cut off
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_figure(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = s.front() == '-' ? 1 : 0;
  bool digit = false, point = false;
  for (; i < s.size(); ++i) {
    if (is_ascii_digit(s[i])) {
      digit = true;
    } else if (s[i] == ',' && digit && !point) {
      continue;
    } else if (s[i] == '.' && digit && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

double figure_value(std::string_view s) {
  auto value = Decimal::parse(s);
  return value ? value->to_double() : 0;
}

// A total row or column: 合计, 合计授权量, 总计, 全市 … — the word opens a short cell.
bool is_total(std::string_view s) {
  if (count_code_points(s) > 6) return false;
  for (std::string_view word :
       {"合计", "总计", "总量", "总数", "小计", "全市", "全省", "全区", "全国"}) {
    if (s.substr(0, word.size()) == word) return true;
  }
  return false;
}

std::vector<Cell> split_cells(std::string_view line, std::size_t offset, char separator) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  while (start <= line.size()) {
    auto stop = line.find(separator, start);
    if (stop == std::string_view::npos) stop = line.size();
    auto raw = line.substr(start, stop - start);
    auto text = trim(raw);
    const std::size_t lead = static_cast<std::size_t>(text.data() - raw.data());
    cells.push_back({text, offset + start + lead, offset + start + lead + text.size()});
    start = stop + 1;
  }
  return cells;
}

// Rows of labels followed by figures, read from a sequence of cells after the header.
std::vector<Row> read_rows(const std::vector<Cell>& cells, std::size_t from) {
  std::vector<Row> rows;
  std::size_t i = from;
  while (i < cells.size()) {
    Row row;
    while (i < cells.size() && !is_figure(cells[i].text)) {
      if (!cells[i].text.empty()) row.labels.push_back(cells[i]);
      ++i;
    }
    while (i < cells.size() && is_figure(cells[i].text)) row.figures.push_back(cells[i++]);
    if (row.labels.empty() || row.labels.size() > 2 || row.figures.empty()) break;
    rows.push_back(std::move(row));
  }
  return rows;
}

// Tables flattened to one cell per line: a long enough run of short lines with figures.
std::vector<Table> flattened_tables(std::string_view text) {
  std::vector<Table> tables;
  std::vector<Cell> run;
  auto finish = [&](bool at_end) {
    std::size_t figures = 0;
    for (const auto& c : run) figures += is_figure(c.text);
    if (figures >= kMinFigures) {
      // The header ends where the first row begins: the label just before the first figure, or
      // two labels when the second only qualifies the first (杭州 / 市本级).
      std::size_t first = 0;
      while (first < run.size() && !is_figure(run[first].text)) ++first;
      if (first >= 1 && first < run.size()) {
        std::size_t start = first - 1;
        const auto label = run[start].text;
        if (start >= 1 && (label.find("本级") != std::string_view::npos ||
                           label.find("小计") != std::string_view::npos)) {
          --start;
        }
        Table table;
        table.header.assign(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(start));
        table.rows = read_rows(run, start);
        table.begin = run.front().begin;
        table.ends_document = at_end;
        if (!table.rows.empty()) tables.push_back(std::move(table));
      }
    }
    run.clear();
  };
  std::size_t start = 0;
  while (start < text.size()) {
    auto stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    const auto line = text.substr(start, stop - start);
    const auto cell = trim(line);
    const std::size_t lead = static_cast<std::size_t>(cell.data() - line.data());
    if (!cell.empty()) {
      // A code point is at most four bytes: a long paragraph is not counted.
      const bool short_line = cell.size() <= 4 * kMaxCellCodePoints &&
                              count_code_points(cell) <= kMaxCellCodePoints &&
                              cell.find("。") == std::string_view::npos &&
                              cell.find("，") == std::string_view::npos &&
                              cell.find('\t') == std::string_view::npos &&
                              (cell.find(',') == std::string_view::npos || is_figure(cell));
      if (short_line) {
        run.push_back({cell, start + lead, start + lead + cell.size()});
      } else {
        finish(false);
      }
    }
    start = stop + 1;
  }
  finish(true);
  return tables;
}

// Tables whose rows are lines of cells separated by tabs (from HTML) or '|'.
std::vector<Table> delimited_tables(std::string_view text) {
  std::vector<Table> tables;
  Table current;
  auto finish = [&] {
    if (current.rows.size() >= 1 && !current.header.empty()) tables.push_back(std::move(current));
    current = Table{};
  };
  std::size_t start = 0;
  while (start < text.size()) {
    auto stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    const auto line = text.substr(start, stop - start);
    // Two '|' found with memchr: counting them in every line was a byte loop over the text.
    const auto bar = line.find('|');
    const bool bars =
        bar != std::string_view::npos && line.find('|', bar + 1) != std::string_view::npos;
    const char separator = line.find('\t') != std::string_view::npos ? '\t' : bars ? '|' : '\0';
    if (separator) {
      auto cells = split_cells(line, start, separator);
      cells.erase(
          std::remove_if(cells.begin(), cells.end(), [](const Cell& c) { return c.text.empty(); }),
          cells.end());
      const auto figures = static_cast<std::size_t>(std::count_if(
          cells.begin(), cells.end(), [](const Cell& c) { return is_figure(c.text); }));
      if (figures == 0 && cells.size() >= 2) {
        if (!current.rows.empty()) finish();
        if (current.header.empty()) current.begin = start;
        current.header.insert(current.header.end(), cells.begin(), cells.end());
      } else if (figures > 0 && !current.header.empty()) {
        auto rows = read_rows(cells, 0);
        current.rows.insert(current.rows.end(), rows.begin(), rows.end());
      }
    } else if (!trim(line).empty()) {
      finish();
    }
    start = stop + 1;
  }
  finish();
  return tables;
}

class TableInterpreter {
 public:
  TableInterpreter(std::string_view text, const DocumentContext& context, const Lexicon& lexicon)
      : text_(text), context_(context), lexicon_(lexicon) {}

  void interpret(const Table& table, std::vector<Fact>& out) const {
    // The title and unit stand above the first row: before the table, or among the short lines
    // of its header.
    const std::size_t rows_begin = table.rows.front().labels.front().begin;
    const std::size_t zone_begin =
        rows_begin > kTitleWindowBytes ? rows_begin - kTitleWindowBytes : 0;
    const auto above = text_.substr(zone_begin, rows_begin - zone_begin);
    const auto topic = find_topic(above);
    if (!topic) return;
    const int multiplier_exp = unit_exponent(above, table.header);
    const int year = find_year(above);

    // Columns: header words joined with the topic (发明 + 专利授权量), or a total (合计授权量).
    std::vector<int> columns;
    std::optional<std::size_t> total_column;
    for (std::size_t i = 0; i < table.header.size();) {
      std::size_t used = 0;
      int index = -1;
      for (std::size_t n = std::min(kMaxJoinedCells, table.header.size() - i); n >= 1; --n) {
        std::string joined;
        for (std::size_t j = i; j < i + n; ++j) joined += table.header[j].text;
        if (is_total(joined) && n == 1) {
          index = topic->index;
          total_column = columns.size();
        } else {
          index = resolve(joined + topic->words);
          if (index < 0) index = resolve(joined);
        }
        if (index >= 0) {
          used = n;
          break;
        }
      }
      if (index >= 0) {
        columns.push_back(index);
        i += used;
      } else {
        ++i;
      }
    }
    if (columns.empty()) return;
    const std::size_t width = most_common_width(table);
    if (columns.size() != width) return;  // the header does not explain the figures
    if (width > kMaxColumns) return;
    if (total_column) columns = place_total(columns, *total_column, table);

    const auto regions = row_regions(table);
    const auto table_region = covering_region(regions);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      std::optional<std::size_t> region = regions[r];
      if (!region && is_total(row.labels.back().text) && row.labels.size() == 1)
        region = table_region;
      if (!region) continue;
      std::size_t cells = std::min(row.figures.size(), columns.size());
      // A table cut off by the end of the page: its last cell may be cut off too.
      if (table.ends_document && r + 1 == table.rows.size() && cells == row.figures.size() &&
          cells < columns.size()) {
        --cells;
      }
      for (std::size_t c = 0; c < cells; ++c) {
        const auto& indicator =
            lexicon_.catalog().indicators()[static_cast<std::size_t>(columns[c])];
        if (indicator.unit == "%" || indicator.unit.find('/') != std::string::npos) continue;
        auto value = Decimal::parse(row.figures[c].text);
        if (!value) continue;
        Fact fact;
        const auto& where = lexicon_.gazetteer().regions()[*region];
        fact.region = where.code;
        fact.region_name = where.name;
        fact.period.year = Year(year);
        fact.indicator = indicator.code;
        fact.value = value->times_pow10(multiplier_exp).to_double();
        fact.unit = indicator.unit;
        fact.value_text = std::string(row.figures[c].text);
        const std::size_t begin = row.labels.back().begin, end = row.figures[c].end;
        fact.quote = std::string(text_.substr(begin, end - begin));
        fact.span_start = code_points_before(begin);
        fact.span_end = fact.span_start + count_code_points(fact.quote);
        out.push_back(std::move(fact));
      }
    }
  }

 private:
  struct Topic {
    int index;
    std::string words;  // as the title writes it: 专利授权量
  };

  // The indicator the table is about: the last one named in the lines above it.
  std::optional<Topic> find_topic(std::string_view above) const {
    std::optional<Topic> topic;
    std::string lowered(above);
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (const auto& m : lexicon_.indicators().find_longest(lowered)) {
      topic = Topic{static_cast<int>(m.id), std::string(above.substr(m.begin, m.end - m.begin))};
    }
    return topic;
  }

  int find_year(std::string_view above) const {
    int year = context_.reporting_year.value_or(0);
    for (const auto& p : find_periods(above)) {
      if (p.kind == PeriodMention::Kind::year && !p.is_base) year = p.year;
    }
    return year;
  }

  // 单位:件 / 单位：万件 / 单位:亿元 above the table or in its header.
  static int unit_exponent(std::string_view above, const std::vector<Cell>& header) {
    std::string unit_line;
    auto at = above.rfind("单位");
    if (at != std::string_view::npos) unit_line = std::string(above.substr(at, 24));
    for (const auto& cell : header) {
      if (cell.text.find("单位") != std::string_view::npos) unit_line = std::string(cell.text);
    }
    if (unit_line.find("亿") != std::string::npos) return 8;
    if (unit_line.find("万") != std::string::npos) return 4;
    if (unit_line.find("千") != std::string::npos) return 3;
    return 0;
  }

  int resolve(const std::string& name) const {
    std::string lowered = name;
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (const auto& m : lexicon_.indicators().find_longest(lowered)) {
      if (m.begin == 0 && m.end == lowered.size()) return static_cast<int>(m.id);
    }
    return -1;
  }

  static std::size_t most_common_width(const Table& table) {
    std::map<std::size_t, std::size_t> counts;
    for (const auto& row : table.rows) ++counts[row.figures.size()];
    std::size_t best = 0, best_count = 0;
    for (auto [width, count] : counts) {
      if (count > best_count) {
        best = width;
        best_count = count;
      }
    }
    return best;
  }

  // A total column spanning two header rows comes first in the flattened header but may stand
  // anywhere in the rows. The figures decide: the total is the sum of the kinds of patent.
  std::vector<int> place_total(const std::vector<int>& columns, std::size_t total,
                               const Table& table) const {
    const auto& indicators = lexicon_.catalog().indicators();
    auto is_kind = [&](int index) {
      const auto& code = indicators[static_cast<std::size_t>(index)].code;
      return code.rfind("patent.invention.", 0) == 0 ||
             code.rfind("patent.utility_model.", 0) == 0 || code.rfind("patent.design.", 0) == 0;
    };
    std::vector<std::vector<int>> arrangements;
    for (std::size_t place : {total, std::size_t{0}, columns.size() - 1}) {
      std::vector<int> arranged = columns;
      const int moved = arranged[total];
      arranged.erase(arranged.begin() + static_cast<std::ptrdiff_t>(total));
      arranged.insert(arranged.begin() + static_cast<std::ptrdiff_t>(place), moved);
      arrangements.push_back(arranged);
    }
    std::size_t best = 0, best_score = 0;
    for (std::size_t a = 0; a < arrangements.size(); ++a) {
      const auto& arranged = arrangements[a];
      const auto total_at = static_cast<std::size_t>(
          std::find(arranged.begin(), arranged.end(), columns[total]) - arranged.begin());
      std::size_t score = 0;
      for (const auto& row : table.rows) {
        if (row.figures.size() != arranged.size()) continue;
        double sum = 0;
        bool any = false;
        for (std::size_t c = 0; c < arranged.size(); ++c) {
          if (c != total_at && is_kind(arranged[c])) {
            sum += figure_value(row.figures[c].text);
            any = true;
          }
        }
        if (any && sum == figure_value(row.figures[total_at].text)) ++score;
      }
      if (score > best_score) {
        best = a;
        best_score = score;
      }
    }
    return arrangements[best];
  }

  std::vector<std::optional<std::size_t>> row_regions(const Table& table) const {
    std::vector<std::optional<std::size_t>> out;
    for (const auto& row : table.rows) {
      std::optional<std::size_t> found;
      const auto label = row.labels.back().text;
      if (row.labels.size() == 1 && !is_total(label)) {
        for (const auto& region : lexicon_.gazetteer().find(label)) {
          const int index = lexicon_.region_index(region.code.to_int());
          if (index < 0 || region.is_historical() ||
              !inside_subject(static_cast<std::size_t>(index)))
            continue;
          if (found) {
            found.reset();
            break;
          }
          found = static_cast<std::size_t>(index);
        }
      }
      out.push_back(found);
    }
    return out;
  }

  bool inside_subject(std::size_t index) const {
    return !context_.subject_region || lexicon_.is_within(index, *context_.subject_region);
  }

  // The region a total row stands for: the parent all listed regions share, else the subject.
  std::optional<std::size_t> covering_region(
      const std::vector<std::optional<std::size_t>>& rows) const {
    std::optional<RegionCode> parent;
    std::size_t listed = 0;
    for (const auto& r : rows) {
      if (!r) continue;
      const auto& region = lexicon_.gazetteer().regions()[*r];
      if (!region.parent) return context_.subject_region;
      if (parent && *parent != *region.parent) return context_.subject_region;
      parent = region.parent;
      ++listed;
    }
    if (!parent || listed < 2) return context_.subject_region;
    const int index = lexicon_.region_index(parent->to_int());
    if (index < 0) return context_.subject_region;
    return static_cast<std::size_t>(index);
  }

  // Cells are visited in order, so counting on from the last position keeps this linear.
  std::size_t code_points_before(std::size_t at) const {
    if (at < counted_to_) counted_to_ = counted_ = 0;
    counted_ += count_code_points(text_.substr(counted_to_, at - counted_to_));
    counted_to_ = at;
    return counted_;
  }

  std::string_view text_;
  const DocumentContext& context_;
  const Lexicon& lexicon_;
  mutable std::size_t counted_to_ = 0;
  mutable std::size_t counted_ = 0;
};

}  // namespace

std::vector<Fact> read_tables(std::string_view text, const DocumentContext& context,
                              const Lexicon& lexicon) {
  std::vector<Fact> out;
  TableInterpreter interpreter(text, context, lexicon);
  for (const auto& table : flattened_tables(text)) interpreter.interpret(table, out);
  for (const auto& table : delimited_tables(text)) interpreter.interpret(table, out);
  return out;
}

}  // namespace iprdb::detail
