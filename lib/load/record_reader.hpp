#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/fact.hpp>

namespace iprdb::detail {

/// A JSON Lines file of facts in the gold format, checked line by line.
struct RecordFile {
  /// The file as UTF-8: the text of its document row.
  std::string text;
  std::string encoding;
  std::vector<Fact> facts;
};

/// Reads and validates every line of a records file against the built-in gazetteer and
/// catalog: known region (and a region_name that fits it), known indicator, a whole year in
/// 1949..2100, known measure, status and qualifier, the unit the measure needs, rank_scope
/// exactly for ranks, share_of exactly for shares, no unknown fields. Blank lines are skipped.
/// The file is accepted whole or not at all: throws Error naming `origin` and the first bad
/// line (unknown_region, unknown_indicator, malformed_record; binary_input, encoding and
/// empty_input as decoding gives them), saying how many other lines are bad too.
RecordFile read_records(std::string_view bytes, const std::filesystem::path& origin);

}  // namespace iprdb::detail
