#include "reference/lookup_key.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace iprdb::detail {

namespace {

// Whether `text` is well-formed UTF-8 that trimming cannot shorten: its first and last
// characters are ASCII letters or digits, or at U+3400 and above, where no white space is.
bool untrimmable_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  auto solid = [](UChar32 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c >= 0x3400;
  };
  UChar32 first = -1, c = -1;
  for (std::int32_t i = 0; i < n;) {
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (first < 0) first = c;
  }
  return first >= 0 && solid(first) && solid(c);
}

}  // namespace

bool is_plain_han_or_ascii(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c = -1;
    U8_NEXT(p, i, n, c);
    const bool plain = (c >= 0x20 && c < 0x7F) || (c >= 0x3400 && c <= 0x4DBF) ||
                       (c >= 0x4E00 && c <= 0x9FFF);
    if (!plain) return false;
  }
  return true;
}

std::string lookup_key(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string out;
  // Most names (every gazetteer alias) are NFKC already and have nothing to trim: they are
  // their own key but for ASCII case, without a trip through UTF-16. Plain text (printable
  // ASCII and the two main blocks of unified ideographs) is NFKC already, as a test checks
  // against ICU for every such character, so only a space at either end could change it;
  // asking ICU about every name was most of the time of reading the gazetteer at the start of
  // every tool, and walking the name a second time is not needed either.
  const bool plain_and_trimmed = !text.empty() && text.front() != ' ' && text.back() != ' ' &&
                                 is_plain_han_or_ascii(text);
  UErrorCode quick_status = U_ZERO_ERROR;
  const bool own_key =
      U_SUCCESS(status) &&
      (plain_and_trimmed ||
       (untrimmable_utf8(text) &&
        nfkc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                               quick_status) &&
        U_SUCCESS(quick_status)));
  if (own_key) {
    out.assign(text);
  } else if (U_SUCCESS(status)) {
    auto normalized = nfkc->normalize(
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
        status);
    if (U_SUCCESS(status)) normalized.trim().toUTF8String(out);
  }
  if (U_FAILURE(status)) out.assign(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string pinyin_key(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c >= 'a' && c <= 'z') {
      out += c;
    } else if (c != ' ' && c != '\'' && c != '-') {
      return {};
    }
  }
  return out;
}

}  // namespace iprdb::detail
