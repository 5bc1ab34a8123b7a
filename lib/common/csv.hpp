#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace iprdb::detail {

/// A CSV table (RFC 4180: quoted fields, doubled quotes, LF or CRLF) whose first row names
/// the columns. Used for the catalog and gazetteer files under schema/.
class CsvTable {
 public:
  struct Row {
    int line;  // 1-based line where the record starts
    std::vector<std::string> fields;
  };

  /// Throws Error(malformed_record) naming `origin` and the line on an unterminated quote,
  /// a record with the wrong number of fields, or a missing `required` column.
  static CsvTable parse(std::string_view text, std::string_view origin,
                        const std::vector<std::string_view>& required);

  /// The index of `column` in each row's fields.
  std::size_t column(std::string_view name) const;
  const std::vector<Row>& rows() const noexcept { return rows_; }
  const std::string& origin() const noexcept { return origin_; }

 private:
  std::string origin_;
  std::unordered_map<std::string, std::size_t> columns_;
  std::vector<Row> rows_;
};

}  // namespace iprdb::detail
