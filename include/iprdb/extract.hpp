#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/fact.hpp>
#include <iprdb/types.hpp>

namespace iprdb {

/// The version of the extraction rules. Stored with every document, so that a newer iprdb
/// knows which stored documents to extract again.
inline constexpr const char* kExtractorVersion = "2026.11.1";

/// What the caller knows about a bulletin that the text may not say.
struct ExtractOptions {
  /// The publication date, YYYY-MM-DD (or YYYY-MM, or YYYY); it wins over a date found in the
  /// text. Relative words (去年, 今年) are read against it.
  std::optional<std::string> published_on;
};

/// A bulletin read and understood: its normalized text, what it is about, and its facts.
struct Bulletin {
  std::filesystem::path origin;
  /// The normalized text that every fact's span points into.
  std::string text;
  std::string encoding;
  /// "text" or "html".
  std::string format;
  std::string title;
  /// YYYY-MM-DD, YYYY-MM or YYYY: as precise as the caller or the text made it.
  std::optional<std::string> published_on;
  /// The region 全省/我市 refer to.
  std::optional<RegionCode> subject_region;
  /// The year most figures refer to.
  std::optional<int> reporting_year;
  /// Every one storable: a year in 1949—2100, months in 1—12, a finite value.
  std::vector<Fact> facts;
};

/// Reads a bulletin file (.txt or .html; UTF-8, GB18030/GBK or Big5) and extracts its facts.
/// Throws Error naming the file: file_not_found, io, binary_input, encoding, empty_input.
Bulletin extract_file(const std::filesystem::path& path, const ExtractOptions& options = {});

/// The same for bytes already in memory; `origin` names them in errors.
Bulletin extract_bytes(std::string_view bytes, const std::filesystem::path& origin,
                       const ExtractOptions& options = {});

/// The same for text that is already normalized, as a stored document keeps it: re-extraction
/// without the original file. The text is not decoded or normalized again, so the facts' spans
/// point into `normalized_text` as given. `title_hint` is a title the markup gave (HTML
/// <title>); empty to read the title from the text. The Bulletin's encoding is "UTF-8" and its
/// format "text". Throws Error(empty_input) naming `origin` for blank text.
Bulletin extract_text(std::string_view normalized_text, const std::filesystem::path& origin,
                      const ExtractOptions& options = {}, std::string_view title_hint = {});

}  // namespace iprdb
