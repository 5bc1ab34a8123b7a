#include "text/decode.hpp"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <iprdb/error.hpp>

#include "text/utf8_fast.hpp"

namespace iprdb::detail {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kNone = std::string_view::npos;
// The binary and <meta> checks look only at the head: both are settled there in real files,
// and a 64 MiB file should not be lower-cased to find a tag in its first lines.
constexpr std::size_t kHeadBytes = 8192;

[[noreturn]] void fail(ErrorCode code, std::string message, const std::filesystem::path& origin) {
  throw Error(code, std::move(message), origin);
}

std::string hex_byte(char c) { return fmt::format("0x{:02x}", static_cast<unsigned char>(c)); }

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Offset of the first byte of the first ill-formed UTF-8 sequence (surrogates and overlong
// forms included), or kNone.
std::size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    if (plain_three_byte(p, i, n) >= 0) {
      i += 3;
      continue;
    }
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return kNone;
}

bool is_blank(std::string_view utf8) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    bool zero_width = c == 0xFEFF || (c >= 0x200B && c <= 0x200D);
    if (!zero_width && !u_isUWhiteSpace(c)) return false;
  }
  return true;
}

void check_not_binary(std::string_view bytes, const std::filesystem::path& origin) {
  if (auto nul = bytes.find('\0'); nul != kNone) {
    fail(ErrorCode::binary_input, fmt::format("binary file, not text (NUL byte at offset {})", nul),
         origin);
  }
  auto head = bytes.substr(0, kHeadBytes);
  // Control bytes are 00-08, 0E-1F and 7F (tab to carriage return are text). Summed without a
  // branch per byte: a branch on every byte of the head was a tenth of decoding.
  static constexpr auto kControl = [] {
    std::array<std::uint8_t, 256> table{};
    for (int u = 0; u < 0x20; ++u) table[static_cast<std::size_t>(u)] = u < '\t' || u > '\r';
    table[0x7F] = 1;
    return table;
  }();
  std::size_t controls = 0;
  std::size_t at = 0;
  // Eight bytes at a time, looked at one by one only when one of them is below 0x20 or is 7F
  // (the usual tests for a zero byte, on the word minus 0x20 and on the word xor 7F).
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  for (; at + 8 <= head.size(); at += 8) {
    std::uint64_t word;
    std::memcpy(&word, head.data() + at, 8);
    const std::uint64_t del = word ^ (0x7F * kOnes);
    if ((((word - 0x20 * kOnes) & ~word) | ((del - kOnes) & ~del)) & kHigh) {
      for (std::size_t k = at; k < at + 8; ++k) {
        controls += kControl[static_cast<unsigned char>(head[k])];
      }
    }
  }
  for (; at < head.size(); ++at) controls += kControl[static_cast<unsigned char>(head[at])];
  // A stray form feed or Ctrl-Z is text; one byte in ten is something else.
  if (static_cast<std::size_t>(controls) * 10 > head.size()) {
    fail(ErrorCode::binary_input,
         fmt::format("binary file, not text ({} of the first {} bytes are control bytes)", controls,
                     head.size()),
         origin);
  }
}

// The charset label an HTML page declares in a <meta> tag near its start, lower-cased ("gbk"),
// or empty. Both <meta charset="gbk"> and <meta http-equiv content="text/html; charset=gbk">.
std::string declared_charset(std::string_view bytes) {
  std::string head(bytes.substr(0, kHeadBytes));
  std::transform(head.begin(), head.end(), head.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  std::string_view view = head;
  for (auto at = view.find("<meta"); at != kNone; at = view.find("<meta", at + 1)) {
    auto tag = view.substr(at, view.find('>', at) - at);
    auto pos = tag.find("charset");
    if (pos == kNone) continue;
    pos += 7;
    auto skip = [&](std::string_view chars) {
      while (pos < tag.size() && chars.find(tag[pos]) != kNone) ++pos;
    };
    skip(" \t\r\n");
    if (pos >= tag.size() || tag[pos] != '=') continue;
    ++pos;
    skip(" \t\r\n\"'");
    auto end = pos;
    while (end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[end])) ||
                                std::string_view("-_.:").find(tag[end]) != kNone)) {
      ++end;
    }
    if (end > pos) return std::string(tag.substr(pos, end - pos));
  }
  return {};
}

// ICU's converter for a charset label, whose name is also the encoding reported; nullptr for
// labels iprdb does not take from a page. GBK and GB2312 are subsets of GB18030, and pages that
// say gb2312 routinely hold GBK characters, so all of them are read as GB18030.
const char* charset_for_label(std::string_view label) {
  static constexpr std::pair<std::string_view, const char*> kLabels[] = {
      {"gbk", "GB18030"},    {"gb2312", "GB18030"},        {"gb18030", "GB18030"},
      {"x-gbk", "GB18030"},  {"cp936", "GB18030"},         {"windows-936", "GB18030"},
      {"euc-cn", "GB18030"}, {"x-euc-cn", "GB18030"},      {"csgb2312", "GB18030"},
      {"big5", "Big5"},      {"x-x-big5", "Big5"},         {"cn-big5", "Big5"},
      {"csbig5", "Big5"},    {"big5-hkscs", "Big5-HKSCS"},
  };
  for (const auto& [name, charset] : kLabels) {
    if (label == name) return charset;
  }
  return nullptr;
}

// The Chinese charsets ICU's detector finds plausible, most likely first. Other guesses
// (EUC-KR, Shift_JIS, Latin-1 …) would turn a Chinese file into nonsense, so they are ignored,
// and GB18030 — what mainland sites use — is tried last when the detector does not name it.
std::vector<const char*> detected_charsets(std::string_view bytes) {
  std::vector<std::pair<std::int32_t, const char*>> found;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status),
                                                                      &ucsdet_close);
  if (U_SUCCESS(status)) {
    ucsdet_enableInputFilter(detector.get(), true);  // skip <tags> when weighing bytes
    ucsdet_setText(detector.get(), bytes.data(),
                   static_cast<std::int32_t>(std::min(bytes.size(), kHeadBytes * 8)), &status);
    std::int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    for (std::int32_t i = 0; U_SUCCESS(status) && i < count; ++i) {
      const char* name = ucsdet_getName(matches[i], &status);
      std::int32_t confidence = ucsdet_getConfidence(matches[i], &status);
      if (U_FAILURE(status) || !name) break;
      // Our own literals: ICU's strings die with the detector.
      if (std::string_view(name) == "GB18030") found.emplace_back(confidence, "GB18030");
      if (std::string_view(name) == "Big5") found.emplace_back(confidence, "Big5");
    }
  }
  // On a tie GB18030 goes first: every Big5 byte sequence is also valid GB18030, so only the
  // detector's statistics can prefer Big5, and a tie is no preference.
  auto is_gb = [](const char* name) { return std::string_view(name) == "GB18030"; };
  std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return is_gb(a.second) && !is_gb(b.second);
  });
  std::vector<const char*> result;
  for (const auto& entry : found) result.push_back(entry.second);
  if (std::none_of(result.begin(), result.end(), is_gb)) result.push_back("GB18030");
  return result;
}

struct Conversion {
  std::string utf8;
  std::size_t bad_offset = kNone;  // where the first illegal or truncated sequence starts
};

Conversion convert_strict(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(charset, &status),
                                                               &ucnv_close);
  if (U_SUCCESS(status)) {
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
  }
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::internal,
                fmt::format("ICU cannot open its {} converter ({}); is libicu's data installed?",
                            charset, u_errorName(status)));
  }
  icu::UnicodeString text;
  UChar buffer[16384];
  const char* source = bytes.data();
  const char* limit = source + bytes.size();
  do {
    status = U_ZERO_ERROR;
    UChar* target = buffer;
    ucnv_toUnicode(converter.get(), &target, std::end(buffer), &source, limit, nullptr, true,
                   &status);
    text.append(buffer, static_cast<std::int32_t>(target - buffer));
  } while (status == U_BUFFER_OVERFLOW_ERROR);
  Conversion result;
  if (U_FAILURE(status)) {
    char invalid[32];
    std::int8_t length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.get(), invalid, &length, &ignored);
    result.bad_offset = static_cast<std::size_t>(source - bytes.data()) - std::size_t(length);
    return result;
  }
  text.toUTF8String(result.utf8);
  return result;
}

DecodedBytes decode_utf16(std::string_view bytes, const std::filesystem::path& origin) {
  DecodedBytes out;
  out.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
  auto converted = convert_strict(bytes.substr(2), out.encoding.c_str());
  if (converted.bad_offset != kNone) {
    auto offset = converted.bad_offset + 2;
    fail(ErrorCode::encoding,
         fmt::format("not valid {} after its byte order mark (invalid byte {} at offset {})",
                     out.encoding, hex_byte(bytes[offset]), offset),
         origin);
  }
  out.utf8 = std::move(converted.utf8);
  if (out.utf8.find('\0') != kNone) {
    fail(ErrorCode::binary_input,
         fmt::format("binary file, not text (a NUL character in its {} text)", out.encoding),
         origin);
  }
  return out;
}

DecodedBytes decode_legacy(std::string_view bytes, std::size_t bad_utf8,
                           const std::filesystem::path& origin) {
  auto label = declared_charset(bytes);
  if (const char* charset = charset_for_label(label)) {
    auto converted = convert_strict(bytes, charset);
    if (converted.bad_offset != kNone) {
      fail(ErrorCode::encoding,
           fmt::format("declared as {} in a <meta> tag but not valid {} (invalid byte {} at "
                       "offset {})",
                       label, charset, hex_byte(bytes[converted.bad_offset]), converted.bad_offset),
           origin);
    }
    return {std::move(converted.utf8), charset};
  }
  for (const char* charset : detected_charsets(bytes)) {
    auto converted = convert_strict(bytes, charset);
    if (converted.bad_offset == kNone) return {std::move(converted.utf8), charset};
  }
  fail(ErrorCode::encoding,
       fmt::format("neither UTF-8 nor GB18030 (invalid byte {} at offset {})",
                   hex_byte(bytes[bad_utf8]), bad_utf8),
       origin);
}

}  // namespace

DecodedBytes decode_bytes(std::string_view bytes, const std::filesystem::path& origin) {
  if (bytes.size() > kMaxSourceBytes) {
    fail(ErrorCode::invalid_argument,
         fmt::format("too large: {} MiB; the limit is {} MiB", (bytes.size() + (1 << 20) - 1) >> 20,
                     kMaxSourceBytes >> 20),
         origin);
  }
  DecodedBytes out;
  if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) {
    out = decode_utf16(bytes, origin);
  } else {
    check_not_binary(bytes, origin);
    bool bom = starts_with(bytes, kUtf8Bom);
    auto body = bom ? bytes.substr(kUtf8Bom.size()) : bytes;
    auto bad = first_invalid_utf8(body);
    if (bad == kNone) {
      out = {std::string(body), bom ? "UTF-8 with BOM" : "UTF-8"};
    } else if (bom) {
      bad += kUtf8Bom.size();
      fail(ErrorCode::encoding,
           fmt::format("not valid UTF-8 after its byte order mark (invalid byte {} at offset {})",
                       hex_byte(bytes[bad]), bad),
           origin);
    } else {
      out = decode_legacy(bytes, bad, origin);
    }
  }
  if (is_blank(out.utf8)) fail(ErrorCode::empty_input, "empty: no text", origin);
  return out;
}

}  // namespace iprdb::detail
