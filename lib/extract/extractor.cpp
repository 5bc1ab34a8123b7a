#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>

#include "extract/assembler.hpp"
#include "extract/document_context.hpp"
#include "extract/lexicon.hpp"
#include "extract/table_reader.hpp"
#include "text/source_text.hpp"

namespace iprdb {
namespace {

constexpr int kFirstYear = 1949;
constexpr int kLastYear = 2100;

// A fact the database would refuse is a misreading, and it would fail its whole file: a year
// outside 1949—2100 (a bulletin that never names its year gives 0), a multi-year total that
// starts after it ends, a month outside the year, a value that is not a number.
bool storable(const Fact& fact) {
  const Period& p = fact.period;
  const auto is_month = [](const std::optional<int>& m) { return !m || (*m >= 1 && *m <= 12); };
  return p.year.value >= kFirstYear && p.year.value <= kLastYear &&
         (!p.period_start || (*p.period_start >= kFirstYear && *p.period_start <= p.year.value)) &&
         is_month(p.month_start) && is_month(p.month_end) && std::isfinite(fact.value) &&
         fact.span_start <= fact.span_end;
}

Bulletin extract_source(detail::SourceText source, const std::filesystem::path& origin,
                        const ExtractOptions& options) {
  std::optional<detail::PublicationDate> published;
  if (options.published_on) {
    published = detail::PublicationDate::parse(*options.published_on);
    if (!published) {
      throw Error(ErrorCode::invalid_argument,
                  fmt::format("\"{}\" is not a publication date (YYYY-MM-DD, YYYY-MM or YYYY)",
                              *options.published_on));
    }
  }
  const auto& lexicon = detail::Lexicon::builtin();
  const auto context = detail::read_document_context(source.text, source.title, published, lexicon);
  Bulletin bulletin;
  bulletin.origin = origin;
  bulletin.facts = detail::assemble_facts(source.text, context, lexicon);
  for (auto& fact : detail::read_tables(source.text, context, lexicon)) {
    bulletin.facts.push_back(std::move(fact));
  }
  bulletin.facts.erase(std::remove_if(bulletin.facts.begin(), bulletin.facts.end(),
                                      [](const Fact& fact) { return !storable(fact); }),
                       bulletin.facts.end());
  bulletin.facts = detail::deduplicate_facts(std::move(bulletin.facts));
  bulletin.text = std::move(source.text);
  bulletin.encoding = std::move(source.encoding);
  bulletin.format = std::move(source.format);
  bulletin.title = context.title;
  if (context.published) bulletin.published_on = context.published->to_string();
  if (context.subject_region) {
    bulletin.subject_region = lexicon.gazetteer().regions()[*context.subject_region].code;
  }
  bulletin.reporting_year = context.reporting_year;
  return bulletin;
}

}  // namespace

Bulletin extract_file(const std::filesystem::path& path, const ExtractOptions& options) {
  return extract_source(detail::read_source_file(path), path, options);
}

Bulletin extract_bytes(std::string_view bytes, const std::filesystem::path& origin,
                       const ExtractOptions& options) {
  return extract_source(detail::read_source(bytes, origin), origin, options);
}

Bulletin extract_text(std::string_view normalized_text, const std::filesystem::path& origin,
                      const ExtractOptions& options, std::string_view title_hint) {
  if (normalized_text.find_first_not_of(" \t\n") == std::string_view::npos) {
    throw Error(ErrorCode::empty_input, "empty: no text", origin);
  }
  detail::SourceText source;
  source.text = std::string(normalized_text);
  source.encoding = "UTF-8";
  source.format = "text";
  source.title = std::string(title_hint);
  return extract_source(std::move(source), origin, options);
}

}  // namespace iprdb
