#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace iprdb::detail {

/// The largest bulletin iprdb reads; real ones are well under 1 MiB.
inline constexpr std::size_t kMaxSourceBytes = std::size_t{64} << 20;

struct DecodedBytes {
  std::string utf8;      // the text as UTF-8, BOM removed
  std::string encoding;  // "UTF-8", "UTF-8 with BOM", "GB18030" (also for GBK/GB2312), "Big5",
                         // "UTF-16LE", "UTF-16BE"
};

/// Bytes of a .txt or .html file → UTF-8. Order: a BOM (UTF-8, or UTF-16 as Windows Notepad
/// writes it); valid UTF-8; an HTML <meta charset=…> or http-equiv content charset that names
/// gbk/gb2312/gb18030/big5 (honoured); otherwise ICU's charset detector choosing between GB18030
/// and Big5, with a strict conversion (an illegal sequence is an error, never a substitute).
/// Throws Error naming `origin`: binary_input (a NUL byte, or mostly control bytes),
/// encoding (neither UTF-8 nor GB18030), empty_input (no bytes, only a BOM or white space),
/// invalid_argument (over kMaxSourceBytes).
DecodedBytes decode_bytes(std::string_view bytes, const std::filesystem::path& origin);

}  // namespace iprdb::detail
