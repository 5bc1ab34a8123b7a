#include "text/normalize.hpp"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <memory>

#include <iprdb/error.hpp>

#include "reference/embedded.hpp"

namespace iprdb::detail {
namespace {

constexpr UChar32 kRadicalsFirst = 0x2E80;
constexpr UChar32 kRadicalsLast = 0x2EFF;
constexpr const char* kRadicalsFile = "schema/lexicon/radical_variants.tsv";

using RadicalTable = std::array<UChar32, kRadicalsLast - kRadicalsFirst + 1>;  // 0: unmapped

[[noreturn]] void icu_failed(const char* what, UErrorCode status) {
  throw Error(ErrorCode::internal, fmt::format("ICU cannot {} ({}); is libicu's data installed?",
                                               what, u_errorName(status)));
}

// The one code point a TSV field holds, or -1.
UChar32 single_code_point(std::string_view field) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(field.data());
  const auto n = static_cast<std::int32_t>(field.size());
  std::int32_t i = 0;
  UChar32 c = -1;
  if (n > 0) U8_NEXT(p, i, n, c);
  return i == n ? c : -1;
}

const RadicalTable& radical_table() {
  static const RadicalTable table = [] {
    RadicalTable result{};
    std::string_view text = embedded::radical_variants;
    int line_number = 0;
    while (!text.empty()) {
      ++line_number;
      auto end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      if (line.empty() || line[0] == '#') continue;
      auto tab = line.find('\t');
      auto rest = tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1);
      UChar32 variant = single_code_point(line.substr(0, tab));
      UChar32 standard = single_code_point(rest.substr(0, rest.find('\t')));
      if (variant < kRadicalsFirst || variant > kRadicalsLast || standard < 0) {
        throw Error(ErrorCode::internal,
                    "expected a CJK Radicals Supplement character, a tab and one character",
                    kRadicalsFile, line_number);
      }
      result[static_cast<std::size_t>(variant - kRadicalsFirst)] = standard;
    }
    return result;
  }();
  return table;
}

// Characters ICU's Hant-Hans rewrites although Simplified Chinese writes them too (all are in
// GB2312): 显著 would become 显着, 俱乐部 具乐部, 摔跤 摔交, 乾隆 干隆. 苎 苧 薴 are left alone
// because ICU maps 苎 → 苧 → 苎, which would make normalization not idempotent.
constexpr const char* kToSimplifiedId = "[^乾俱吒夥姊摺箝苎苧薴菸著藉跤阪] Hant-Hans";

// One per thread: a transliterator keeps no state between calls, but ICU does not promise
// that two threads may share one.
const icu::Transliterator& to_simplified();

// The characters Hant-Hans rewrites on their own: Traditional forms. Its source set also
// holds characters both scripts share, so it cannot tell a Simplified text from a Traditional
// one; this set can.
const icu::UnicodeSet& to_simplified_source() {
  static const icu::UnicodeSet traditional = [] {
    icu::UnicodeSet source, changed;
    to_simplified().getSourceSet(source);
    for (int32_t i = 0; i < source.getRangeCount(); ++i) {
      for (UChar32 c = source.getRangeStart(i); c <= source.getRangeEnd(i); ++c) {
        icu::UnicodeString one(c);
        to_simplified().transliterate(one);
        if (one != icu::UnicodeString(c)) changed.add(c);
      }
    }
    changed.freeze();
    return changed;
  }();
  return traditional;
}

const icu::Transliterator& to_simplified() {
  thread_local const std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kToSimplifiedId), UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status) || !created) icu_failed("create the Hant-Hans transliterator", status);
    return created;
  }();
  return *instance;
}

bool is_invisible(UChar32 c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
         (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

// Step 1, while reading the UTF-8.
icu::UnicodeString clean(std::string_view utf8) {
  icu::UnicodeString out(static_cast<std::int32_t>(utf8.size()), 0, 0);  // capacity only
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c == '\r') {
      if (i < n && p[i] == '\n') ++i;
      c = '\n';
    } else if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
      c = '\n';
    } else if (c == 0xA0 || c == 0x3000) {
      c = ' ';
    } else if (is_invisible(c)) {
      continue;
    }
    out.append(c);
  }
  return out;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

// Where a ruby annotation "(fā)" that starts at `open` ends (one past ')'), or -1: one to six
// lowercase pinyin letters of which at least one carries a tone mark.
std::int32_t ruby_end(const UChar* s, std::int32_t open, std::int32_t n) {
  static constexpr std::u16string_view kToned = u"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
  bool toned = false;
  for (std::int32_t i = open + 1, letters = 0; i < n && letters <= 6; ++i, ++letters) {
    char16_t c = s[i];
    if (c == ')') return letters > 0 && toned ? i + 1 : -1;
    if (kToned.find(c) != std::u16string_view::npos) {
      toned = true;
    } else if (!((c >= 'a' && c <= 'z') || c == u'ü')) {
      return -1;
    }
  }
  return -1;
}

// Steps 3 and 4.
icu::UnicodeString map_radicals_and_drop_ruby(const icu::UnicodeString& text) {
  const RadicalTable& radicals = radical_table();
  const UChar* s = text.getBuffer();
  const std::int32_t n = text.length();
  icu::UnicodeString out(n, 0, 0);
  UChar32 last = 0;  // the last code point written, so that a second pass sees what this did
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(s, i, n, c);
    if (c >= kRadicalsFirst && c <= kRadicalsLast) {
      if (UChar32 standard = radicals[static_cast<std::size_t>(c - kRadicalsFirst)]) c = standard;
    } else if (c == '(' && is_han(last)) {
      if (std::int32_t end = ruby_end(s, i - 1, n); end > 0) {
        i = end;
        continue;
      }
    }
    out.append(c);
    last = c;
  }
  return out;
}

// Step 6, on the UTF-8 result.
std::string tidy_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool started = false;
  std::size_t empty_lines = 0;
  auto emit = [&](std::string_view line) {
    if (started) out += '\n';
    out += line;
    started = true;
  };
  auto emit_empty_lines = [&] {
    for (std::size_t k = empty_lines > 2 ? 1 : empty_lines; k > 0; --k) emit({});
    empty_lines = 0;
  };
  for (std::size_t pos = 0;;) {
    auto end = text.find('\n', pos);
    auto line =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    line = line.substr(0, line.find_last_not_of(" \t") + 1);  // npos + 1 == 0
    if (line.empty()) {
      ++empty_lines;
    } else {
      emit_empty_lines();
      emit(line);
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  emit_empty_lines();
  return out;
}

}  // namespace

std::string normalize_text(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) icu_failed("load NFKC", status);
  icu::UnicodeString text = nfkc->normalize(clean(utf8), status);
  if (U_FAILURE(status)) icu_failed("apply NFKC", status);
  text = map_radicals_and_drop_ruby(text);
  // Most bulletins are Simplified already; running the transliterator over them costs more
  // than everything else together, so it runs only when a character it would change is there.
  if (to_simplified_source().containsSome(text)) to_simplified().transliterate(text);
  std::string result;
  text.toUTF8String(result);
  return tidy_lines(result);
}

}  // namespace iprdb::detail
