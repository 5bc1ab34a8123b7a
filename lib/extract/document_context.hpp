#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/lexicon.hpp"
#include "extract/period.hpp"
#include "extract/phrase_matcher.hpp"

namespace iprdb::detail {

/// A publication date as precise as it is known.
struct PublicationDate {
  int year = 0;
  std::optional<int> month;
  std::optional<int> day;
  std::string to_string() const;  // YYYY-MM-DD, YYYY-MM or YYYY
  static std::optional<PublicationDate> parse(std::string_view text);  // those forms, or 2023/5/9, 2023年5月9日
};

/// What a whole bulletin is about, read before its sentences.
struct DocumentContext {
  std::string title;
  std::optional<PublicationDate> published;
  /// Index into the gazetteer's regions.
  std::optional<std::size_t> subject_region;
  std::optional<int> reporting_year;

  /// What reading the whole text found on the way, in byte offsets of `scanned`: every period
  /// mention (find_periods) and every gazetteer name (Lexicon::regions().find_all). The
  /// sentence reader takes a sentence's share of them instead of searching it again.
  std::string_view scanned;
  std::vector<PeriodMention> periods;
  std::vector<PhraseMatcher::Match> region_names;
};

/// The first date (2023-05-09, 2023/5/9, 2023.5.9, 2023年5月9日; year 1980-2099) in `text`,
/// or nothing, also when that first date is impossible (2023-13-40).
std::optional<PublicationDate> first_date_in(std::string_view text);

/// Reads the title, publication date, subject region and reporting year of `text`.
/// `title_hint` (an HTML <title>) and `published` (given by the caller) win when present.
DocumentContext read_document_context(std::string_view text, std::string_view title_hint,
                                      const std::optional<PublicationDate>& published,
                                      const Lexicon& lexicon);

}  // namespace iprdb::detail
