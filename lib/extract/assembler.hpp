#pragma once

#include <string_view>
#include <vector>

#include <iprdb/fact.hpp>

#include "extract/document_context.hpp"
#include "extract/lexicon.hpp"

namespace iprdb::detail {

/// Reads every fact of a normalized bulletin: each figure with a unit is tied to the indicator,
/// region, period, measure and status its sentence gives it. Spans are code-point offsets
/// into `text`.
std::vector<Fact> assemble_facts(std::string_view text, const DocumentContext& context,
                                 const Lexicon& lexicon);

/// One fact per key and value: a figure repeated in a bulletin (or in its table and its text)
/// is kept once, and where a key is given both exactly and as a rounded claim (首次突破万次 …
/// 达到10257次) the exact figure stands. Order is kept.
std::vector<Fact> deduplicate_facts(std::vector<Fact> facts);

}  // namespace iprdb::detail
