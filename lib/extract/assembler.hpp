#pragma once

#include <string_view>
#include <vector>

#include <iprdb/fact.hpp>

#include "extract/document_context.hpp"
#include "extract/lexicon.hpp"

namespace iprdb::detail {

/// Reads every fact of a normalized bulletin: each figure with a unit is tied to the indicator,
/// region, period, measure and status its sentence gives it. Spans are code-point offsets
/// into `text`. A figure repeated in the bulletin is returned once.
std::vector<Fact> assemble_facts(std::string_view text, const DocumentContext& context,
                                 const Lexicon& lexicon);

}  // namespace iprdb::detail
