#include "reference/lookup_key.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace iprdb::detail {

std::string lookup_key(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  std::string out;
  if (U_SUCCESS(status)) {
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
