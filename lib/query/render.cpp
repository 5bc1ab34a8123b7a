// ResultTable → table, CSV, JSON, Markdown; display width; numbers as people read them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <iprdb/render.hpp>

#include "query/present.hpp"

namespace iprdb {

namespace {

// Cells for people stay on one line.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

std::vector<std::size_t> visible_columns(const ResultTable& table, bool for_people) {
  std::vector<std::size_t> out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const auto& column = table.columns[c];
    if (for_people ? !column.for_people : !column.for_programs) continue;
    if (for_people && column.hide_when_empty) {
      const bool any = std::any_of(table.rows.begin(), table.rows.end(),
                                   [&](const auto& row) { return !row[c].shown.empty(); });
      if (!any) continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string pad(const std::string& text, int width, bool right) {
  const int fill = std::max(0, width - display_width(text));
  const std::string spaces(static_cast<std::size_t>(fill), ' ');
  return right ? spaces + text : text + spaces;
}

void trim_right(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

std::string render_table(const ResultTable& table) {
  const auto columns = visible_columns(table, true);
  std::vector<int> widths;
  for (auto c : columns) {
    int width = display_width(table.columns[c].label);
    for (const auto& row : table.rows) width = std::max(width, display_width(one_line(row[c].shown)));
    widths.push_back(width);
  }
  std::string out;
  if (!table.title.empty()) out += table.title + "\n";
  auto line = [&](auto&& text_of, auto&& right_of) {
    std::string text;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k) text += "  ";
      text += pad(text_of(columns[k]), widths[k], right_of(columns[k]));
    }
    trim_right(text);
    out += text + "\n";
  };
  const auto numeric = [&](std::size_t c) {
    return table.columns[c].type == ResultTable::Column::Type::number;
  };
  line([&](std::size_t c) { return table.columns[c].label; }, numeric);
  {
    std::string rule;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k) rule += "  ";
      rule += std::string(static_cast<std::size_t>(widths[k]), '-');
    }
    out += rule + "\n";
  }
  for (const auto& row : table.rows) {
    line([&](std::size_t c) { return one_line(row[c].shown); }, numeric);
  }
  for (const auto& note : table.notes) out += note + "\n";
  return out;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : one_line(text)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string render_markdown(const ResultTable& table) {
  const auto columns = visible_columns(table, true);
  std::string out;
  if (!table.title.empty()) out += "### " + markdown_cell(table.title) + "\n\n";
  std::string head = "|";
  std::string rule = "|";
  for (auto c : columns) {
    head += " " + markdown_cell(table.columns[c].label) + " |";
    rule += table.columns[c].type == ResultTable::Column::Type::number ? " ---: |" : " --- |";
  }
  out += head + "\n" + rule + "\n";
  for (const auto& row : table.rows) {
    std::string text = "|";
    for (auto c : columns) text += " " + markdown_cell(row[c].shown) + " |";
    out += text + "\n";
  }
  for (const auto& note : table.notes) out += "\n" + markdown_cell(note) + "\n";
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// RFC 4180: CRLF after every record, the heading included.
std::string render_csv(const ResultTable& table) {
  const auto columns = visible_columns(table, false);
  std::string out;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (k) out += ',';
    out += csv_field(table.columns[columns[k]].key);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (k) out += ',';
      if (row[columns[k]].raw) out += csv_field(*row[columns[k]].raw);
    }
    out += "\r\n";
  }
  return out;
}

nlohmann::ordered_json json_value(const ResultTable::Column& column,
                                  const std::optional<std::string>& raw) {
  if (!raw) return nullptr;
  using Type = ResultTable::Column::Type;
  if (column.type == Type::boolean && (*raw == "true" || *raw == "false")) return *raw == "true";
  if (column.type == Type::number && !raw->empty()) {
    const char* begin = raw->c_str();
    char* end = nullptr;
    if (raw->find_first_of(".eE") == std::string::npos) {
      const long long integer = std::strtoll(begin, &end, 10);
      if (*end == '\0') return integer;
    }
    const double real = std::strtod(begin, &end);
    if (*end == '\0' && std::isfinite(real)) return real;
  }
  return *raw;
}

std::string render_json(const ResultTable& table) {
  const auto columns = visible_columns(table, false);
  nlohmann::ordered_json doc;
  doc["title"] = table.title;
  doc["rows"] = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (auto c : columns) object[table.columns[c].key] = json_value(table.columns[c], row[c].raw);
    doc["rows"].push_back(std::move(object));
  }
  doc["notes"] = table.notes;
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string_view to_string(OutputFormat format) noexcept {
  switch (format) {
    case OutputFormat::table: return "table";
    case OutputFormat::csv: return "csv";
    case OutputFormat::json: return "json";
    case OutputFormat::markdown: return "markdown";
  }
  return "table";
}

std::optional<OutputFormat> parse_output_format(std::string_view text) noexcept {
  if (text == "md") return OutputFormat::markdown;
  for (auto format :
       {OutputFormat::table, OutputFormat::csv, OutputFormat::json, OutputFormat::markdown}) {
    if (to_string(format) == text) return format;
  }
  return std::nullopt;
}

std::string render(const ResultTable& table, OutputFormat format) {
  switch (format) {
    case OutputFormat::table: return render_table(table);
    case OutputFormat::csv: return render_csv(table);
    case OutputFormat::json: return render_json(table);
    case OutputFormat::markdown: return render_markdown(table);
  }
  return render_table(table);
}

int display_width(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  int width = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {  // a stray byte shows as one replacement character
      ++width;
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_CF_MASK)) continue;
    const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

namespace detail {

std::string format_number(double value, int max_decimals, bool group) {
  std::string text = fmt::format("{:.{}f}", value, max_decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  if (!group) return text;
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  std::size_t point = text.find('.');
  if (point == std::string::npos) point = text.size();
  if (point - sign < 4) return text;
  std::string out = text.substr(0, sign);
  for (std::size_t i = sign; i < point; ++i) {
    if (i > sign && (point - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out + text.substr(point);
}

std::string raw_number(double value) { return fmt::format("{}", value); }

}  // namespace detail

ShownValue show_value(double value, std::string_view unit) {
  if (unit == "元") {
    if (std::fabs(value) >= 1e8) return {detail::format_number(value / 1e8, 4, false), "亿元"};
    if (std::fabs(value) >= 1e4) return {detail::format_number(value / 1e4, 4, false), "万元"};
    return {detail::format_number(value, 2, false), "元"};
  }
  return {detail::format_number(value, 4, true), std::string(unit)};
}

}  // namespace iprdb
