#include "common/csv.hpp"

#include <fmt/format.h>

#include <iprdb/error.hpp>

namespace iprdb::detail {
namespace {

[[noreturn]] void fail(std::string_view origin, int line, std::string message) {
  throw Error(ErrorCode::malformed_record, std::move(message), std::string(origin), line);
}

std::vector<CsvTable::Row> split_records(std::string_view text, std::string_view origin) {
  std::vector<CsvTable::Row> rows;
  CsvTable::Row row{1, {}};
  std::string field;
  int line = 1;
  bool in_quotes = false;
  bool field_was_quoted = false;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  std::size_t columns = 0;  // of the first record, so that later ones allocate once
  auto end_record = [&] {
    end_field();
    bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (columns == 0) columns = row.fields.size();
    if (!blank) rows.push_back(std::move(row));
    row = CsvTable::Row{line, {}};
    row.fields.reserve(columns);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field.empty() || field_was_quoted) fail(origin, line, "a quote inside an unquoted field");
        in_quotes = field_was_quoted = true;
        break;
      case ',':
        end_field();
        break;
      case '\r':
        break;
      case '\n':
        ++line;
        end_record();
        break;
      default: {
        if (field_was_quoted) fail(origin, line, "text after the closing quote of a field");
        // The rest of an unquoted field in one piece: the gazetteer is ten thousand rows, read
        // at the start of every tool.
        // A plain loop: string_view::find_first_of calls memchr on the four delimiters for
        // every byte, which was half the time of reading the gazetteer.
        std::size_t end = i;
        while (end < text.size() && text[end] != ',' && text[end] != '\n' &&
               text[end] != '\r' && text[end] != '"') {
          ++end;
        }
        field.append(text, i, end - i);
        i = end - 1;
      }
    }
  }
  if (in_quotes) fail(origin, row.line, "a quoted field is never closed");
  end_record();
  return rows;
}

}  // namespace

CsvTable CsvTable::parse(std::string_view text, std::string_view origin,
                         const std::vector<std::string_view>& required) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  table.origin_ = std::string(origin);
  auto records = split_records(text, origin);
  if (records.empty()) fail(origin, 1, "no header row");
  const auto& header = records.front().fields;
  for (std::size_t i = 0; i < header.size(); ++i) table.columns_.emplace(header[i], i);
  for (auto name : required) {
    if (!table.columns_.count(std::string(name))) {
      fail(origin, 1, fmt::format("the header has no column \"{}\"", name));
    }
  }
  table.rows_.reserve(records.size() - 1);
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].fields.size() != header.size()) {
      fail(origin, records[r].line,
           fmt::format("{} fields where the header has {}", records[r].fields.size(),
                       header.size()));
    }
    table.rows_.push_back(std::move(records[r]));
  }
  return table;
}

std::size_t CsvTable::column(std::string_view name) const {
  auto it = columns_.find(std::string(name));
  if (it == columns_.end()) {
    throw Error(ErrorCode::internal, fmt::format("no column \"{}\"", name), origin_);
  }
  return it->second;
}

}  // namespace iprdb::detail
