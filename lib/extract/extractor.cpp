#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>

#include "extract/assembler.hpp"
#include "extract/document_context.hpp"
#include "extract/lexicon.hpp"
#include "extract/table_reader.hpp"
#include "text/source_text.hpp"

namespace iprdb {
namespace {

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
