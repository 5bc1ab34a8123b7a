#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace iprdb::detail {

struct SourceText {
  std::string text;      // normalized (normalize_text), ready for extraction and storage
  std::string encoding;  // from decode_bytes
  std::string format;    // "html" or "text"
  std::string title;     // from HTML <title>/<h1>, normalized, on one line; empty for plain text
};

/// decode_bytes → html_to_text when looks_like_html → normalize_text. Throws as decode_bytes
/// does, and Error(empty_input) naming `origin` when nothing is left after HTML stripping and
/// normalization.
SourceText read_source(std::string_view bytes, const std::filesystem::path& origin);

/// Reads the file and calls read_source. Errors name the file: file_not_found ("no such
/// file"), io (a read error, or a directory), invalid_argument (over 64 MiB, refused before
/// reading it).
SourceText read_source_file(const std::filesystem::path& path);

}  // namespace iprdb::detail
