#pragma once

#include <string_view>
#include <vector>

#include <iprdb/fact.hpp>

#include "extract/document_context.hpp"
#include "extract/lexicon.hpp"

namespace iprdb::detail {

/// Reads statistical tables in a bulletin: rows separated by tabs (HTML tables) or '|', and
/// tables flattened to one cell per line, whose header gives the column count. Region rows ×
/// indicator columns become level facts; a total row (合计, 全市 …) belongs to the region the
/// table covers. Columns are named by their header words joined with the table's topic
/// (发明 + 专利授权量 → 发明专利授权量), so any catalog indicator can be a column.
std::vector<Fact> read_tables(std::string_view text, const DocumentContext& context,
                              const Lexicon& lexicon);

}  // namespace iprdb::detail
