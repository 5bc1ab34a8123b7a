#include "text/normalize.hpp"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uniset.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <iprdb/error.hpp>

#include "reference/embedded.hpp"
#include "text/utf8_fast.hpp"

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

// Whether Hant-Hans would change something in `text` (UTF-8): to_simplified_source() asked
// through a bit per BMP character, which is several times faster than UnicodeSet::spanUTF8.
bool has_traditional(std::string_view text) {
  static const std::vector<bool> bmp = [] {
    std::vector<bool> bits(0x10000, false);
    const icu::UnicodeSet& set = to_simplified_source();
    for (int32_t i = 0; i < set.getRangeCount(); ++i) {
      for (UChar32 c = set.getRangeStart(i); c <= set.getRangeEnd(i) && c < 0x10000; ++c) {
        bits[static_cast<std::size_t>(c)] = true;
      }
    }
    return bits;
  }();
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c = plain_three_byte(p, i, n);
    if (c >= 0) {
      i += 3;
    } else {
      U8_NEXT(p, i, n, c);
    }
    if (c < 0) continue;
    if (c < 0x10000 ? bmp[static_cast<std::size_t>(c)] : to_simplified_source().contains(c)) return true;
  }
  return false;
}

// Characters that, in the text clean() returns, could leave something for Hant-Hans after
// NFKC and the radical table: Traditional characters, the radicals the table maps, and every
// character other than ASCII that NFKC changes or lets interact with a neighbour, unless it
// stands between normalization boundaries and its own NFKC form holds neither of the others.
// A text with none of them comes out of NFKC character for character (each boundary splits
// it, and ASCII interacts only with characters that have no boundary before them, which are
// in the set), so has_traditional would find nothing: clean() tells, on the way, whether it
// is worth asking.
const std::array<std::uint64_t, 0x10000 / 64>& traditional_suspects() {
  static const std::array<std::uint64_t, 0x10000 / 64> bits = [] {
    std::array<std::uint64_t, 0x10000 / 64> out{};
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) icu_failed("load NFKC", status);
    const icu::UnicodeSet& traditional = to_simplified_source();
    for (int32_t i = 0; i < traditional.getRangeCount(); ++i) {
      const UChar32 last = std::min<UChar32>(traditional.getRangeEnd(i), 0xFFFF);
      for (UChar32 c = traditional.getRangeStart(i); c <= last; ++c) {
        out[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63);
      }
    }
    const auto leaves_work = [&](UChar32 c) {
      return traditional.contains(c) || (c >= kRadicalsFirst && c <= kRadicalsLast);
    };
    for (UChar32 c = 0x80; c < 0x10000; ++c) {
      if (U_IS_SURROGATE(c) || ((out[static_cast<std::size_t>(c) >> 6] >> (c & 63)) & 1)) continue;
      bool suspect = c >= kRadicalsFirst && c <= kRadicalsLast;
      if (!suspect && !nfkc->isInert(c)) {
        suspect = !nfkc->hasBoundaryBefore(c) || !nfkc->hasBoundaryAfter(c);
        if (!suspect) {
          const icu::UnicodeString normalized = nfkc->normalize(icu::UnicodeString(c), status);
          if (U_FAILURE(status)) icu_failed("apply NFKC", status);
          for (int32_t k = 0; k < normalized.length(); k = normalized.moveIndex32(k, 1)) {
            if (leaves_work(normalized.char32At(k))) suspect = true;
          }
        }
      }
      if (suspect) out[static_cast<std::size_t>(c) >> 6] |= std::uint64_t{1} << (c & 63);
    }
    return out;
  }();
  return bits;
}

inline bool is_traditional_suspect(const std::array<std::uint64_t, 0x10000 / 64>& suspects,
                                   UChar32 c) {
  if (c >= 0x10000) return true;
  return (suspects[static_cast<std::size_t>(c) >> 6] >> (c & 63)) & 1;
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

// What clean makes of the character `c` decoded just before byte `i` (negative: malformed):
// itself when it stays, U+FFFD, '\n' (a '\n' after '\r' is taken with it, moving `i`), ' ', or
// -1 when it is removed.
UChar32 clean_replacement(UChar32 c, const std::uint8_t* p, std::int32_t& i, std::int32_t n) {
  if (c < 0) return 0xFFFD;
  if (c == '\r') {
    if (i < n && p[i] == '\n') ++i;
    return '\n';
  }
  if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) return '\n';
  if (c == 0xA0 || c == 0x3000) return ' ';
  if (is_invisible(c)) return -1;
  return c;
}

void append_utf8(std::string& out, UChar32 c) {
  char buffer[U8_MAX_LENGTH];
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(buffer, static_cast<std::size_t>(length));
}

// Step 1, on the UTF-8 as read. Everything stays UTF-8: a round trip through UTF-16 cost more
// than all the normalizing together. Runs of characters that stay as they are are copied
// whole.
// Also sets *may_hold_traditional when a character it returns is a traditional_suspects() one.
std::string clean(std::string_view utf8, bool* may_hold_traditional) {
  const auto& suspects = traditional_suspects();
  bool suspect = false;
  std::string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  std::int32_t kept = 0;  // bytes before this are in `out`
  for (std::int32_t i = 0; i < n;) {
    if (p[i] >= 0x20 && p[i] < 0x7F) {  // printable ASCII stays
      ++i;
      continue;
    }
    // Of the three-byte characters, only U+200B..U+2060, U+3000 and U+FEFF are rewritten.
    if (const UChar32 three = plain_three_byte(p, i, n);
        three >= 0 && (three < 0x200B || three > 0x2060) && three != 0x3000 && three != 0xFEFF) {
      suspect = suspect || is_traditional_suspect(suspects, three);
      i += 3;
      continue;
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const UChar32 replacement = clean_replacement(c, p, i, n);
    if (replacement == c) {  // a well-formed character that stays
      suspect = suspect || (c >= 0x80 && is_traditional_suspect(suspects, c));
      continue;
    }
    out.append(utf8.data() + kept, static_cast<std::size_t>(start - kept));
    if (replacement >= 0) {
      append_utf8(out, replacement);
      suspect = suspect || (replacement >= 0x80 && is_traditional_suspect(suspects, replacement));
    }
    kept = i;
  }
  out.append(utf8.data() + kept, static_cast<std::size_t>(n - kept));
  *may_hold_traditional = suspect;
  return out;
}

// How NFKC treats each character of the Basic Multilingual Plane other than ASCII. One that
// stands between normalization boundaries (ICU's hasBoundaryBefore and hasBoundaryAfter)
// splits the text: what is before it, it, and what is after it normalize on their own. Such a
// character stays (most of a bulletin) or becomes its own NFKC form (，→ , and the other
// full-width punctuation); any other character goes to ICU with its neighbours up to the
// next boundary. ASCII has a boundary before it and interacts only with characters that have
// none, which go to ICU.
class NfkcTable {
 public:
  enum Kind : std::uint8_t { stays, replaced, by_icu };

  NfkcTable() : kind_(0x10000, by_icu), slot_(0x10000, 0) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) icu_failed("load NFKC", status);
    for (UChar32 c = 0x80; c < 0x10000; ++c) {
      if (U_IS_SURROGATE(c)) continue;
      if (nfkc->isInert(c)) {
        kind_[static_cast<std::size_t>(c)] = stays;
        continue;
      }
      if (!nfkc->hasBoundaryBefore(c) || !nfkc->hasBoundaryAfter(c)) continue;
      const icu::UnicodeString one(c);
      const icu::UnicodeString normalized = nfkc->normalize(one, status);
      if (U_FAILURE(status)) icu_failed("apply NFKC", status);
      if (normalized == one) {
        kind_[static_cast<std::size_t>(c)] = stays;
        continue;
      }
      std::string utf8;
      normalized.toUTF8String(utf8);
      if (utf8.size() > 0xFF || pool_.size() > 0xFFFFFF) continue;  // left to ICU
      kind_[static_cast<std::size_t>(c)] = replaced;
      slot_[static_cast<std::size_t>(c)] =
          static_cast<std::uint32_t>(pool_.size()) << 8 | static_cast<std::uint32_t>(utf8.size());
      pool_ += utf8;
    }
  }

  Kind kind(UChar32 c) const {  // c >= 0x80
    return c < 0x10000 ? static_cast<Kind>(kind_[static_cast<std::size_t>(c)]) : by_icu;
  }
  std::string_view replacement(UChar32 c) const {
    const std::uint32_t slot = slot_[static_cast<std::size_t>(c)];
    return std::string_view(pool_).substr(slot >> 8, slot & 0xFF);
  }

 private:
  std::vector<std::uint8_t> kind_;
  std::vector<std::uint32_t> slot_;  // replaced: offset in pool_ << 8 | length
  std::string pool_;
};

// Steps 1 and 2 in one pass: what NFKC makes of clean(utf8), with ICU asked only for the runs
// of characters that may interact with their neighbours. ICU over all of a bulletin cost as
// much as the rest of normalizing; the characters are decoded here anyway.
std::string clean_and_nfkc(std::string_view utf8, bool* may_hold_traditional) {
  static const NfkcTable table;
  const auto& suspects = traditional_suspects();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) icu_failed("load NFKC", status);
  bool suspect = false;
  std::string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  constexpr std::size_t kNone = std::string::npos;
  std::int32_t kept = 0;        // input bytes before this are written to `out`
  std::size_t run = kNone;      // where in `out` the run for ICU starts
  std::int32_t after_ascii = -1;  // the input offset after clean's last character, if ASCII
  std::string normalized;
  const auto flush = [&](std::int32_t to) {
    out.append(utf8.data() + kept, static_cast<std::size_t>(to - kept));
    kept = to;
  };
  const auto finish_run = [&] {
    normalized.clear();
    {
      icu::StringByteSink<std::string> sink(&normalized);
      const auto length = static_cast<std::int32_t>(out.size() - run);
      nfkc->normalizeUTF8(0, icu::StringPiece(out.data() + run, length), sink, nullptr, status);
    }
    if (U_FAILURE(status)) icu_failed("apply NFKC", status);
    out.resize(run);
    out += normalized;
    run = kNone;
  };
  // A character clean keeps, in [start, end) of the input: as NFKC leaves it, replaced, or
  // joining the run ICU is asked about.
  const auto keep_through_clean = [&](UChar32 c, std::int32_t start, std::int32_t end) {
    suspect = suspect || is_traditional_suspect(suspects, c);
    switch (table.kind(c)) {
      case NfkcTable::stays:
        if (run != kNone) {
          flush(start);
          finish_run();
        }
        break;
      case NfkcTable::replaced:
        flush(start);
        if (run != kNone) finish_run();
        out += table.replacement(c);
        kept = end;
        break;
      case NfkcTable::by_icu:
        if (run == kNone) {
          flush(start);
          run = out.size();
          if (after_ascii == start) --run;
        }
        break;
    }
  };
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    if (p[i] >= 0x20 && p[i] < 0x7F) {  // printable ASCII stays, and ends a run
      if (run != kNone) {
        flush(start);
        finish_run();
      }
      after_ascii = ++i;
      continue;
    }
    if (const UChar32 three = plain_three_byte(p, i, n);
        three >= 0 && (three < 0x200B || three > 0x2060) && three != 0x3000 && three != 0xFEFF) {
      i += 3;
      keep_through_clean(three, start, i);
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const UChar32 replacement = clean_replacement(c, p, i, n);
    if (replacement == c && c < 0x80) {  // '\t' and '\n' stay
      if (run != kNone) {
        flush(start);
        finish_run();
      }
      after_ascii = i;
      continue;
    }
    if (replacement == c) {  // a well-formed character that stays through clean
      keep_through_clean(c, start, i);
      continue;
    }
    // clean rewrites or removes the character.
    flush(start);
    kept = i;
    if (replacement < 0) {  // removed: what was before it now stands before what follows
      if (after_ascii == start) after_ascii = i;
      continue;
    }
    if (replacement < 0x80) {  // ' ' or '\n'
      if (run != kNone) finish_run();
      out += static_cast<char>(replacement);
      after_ascii = i;
      continue;
    }
    // U+FFFD
    suspect = suspect || is_traditional_suspect(suspects, replacement);
    switch (table.kind(replacement)) {
      case NfkcTable::stays:
        if (run != kNone) finish_run();
        append_utf8(out, replacement);
        break;
      case NfkcTable::replaced:
        if (run != kNone) finish_run();
        out += table.replacement(replacement);
        break;
      case NfkcTable::by_icu:
        if (run == kNone) {
          run = out.size();
          if (after_ascii == start) --run;
        }
        append_utf8(out, replacement);
        break;
    }
  }
  flush(n);
  if (run != kNone) finish_run();
  *may_hold_traditional = suspect;
  return out;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

// Where a ruby annotation "(fā)" that starts at byte `open` ends (one past ')'), or -1: one to
// six lowercase pinyin letters of which at least one carries a tone mark.
std::int32_t ruby_end(const std::uint8_t* s, std::int32_t open, std::int32_t n) {
  static constexpr std::u16string_view kToned = u"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
  bool toned = false;
  std::int32_t i = open + 1;
  for (std::int32_t letters = 0; i < n && letters <= 6; ++letters) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == ')') return letters > 0 && toned ? i : -1;
    if (c >= 0 && c <= 0xFFFF && kToned.find(static_cast<char16_t>(c)) != std::u16string_view::npos) {
      toned = true;
    } else if (!((c >= 'a' && c <= 'z') || c == u'ü')) {
      return -1;
    }
  }
  return -1;
}

// Whether step 3 or 4 could change `text`: a CJK Radicals Supplement character (E2 BA xx or
// E2 BB xx in UTF-8) or a '(' that could open ruby.
bool may_hold_radicals_or_ruby(std::string_view text) {
  if (text.find('(') != std::string_view::npos) return true;
  for (auto at = text.find('\xE2'); at != std::string_view::npos; at = text.find('\xE2', at + 1)) {
    if (at + 1 < text.size() && (text[at + 1] == '\xBA' || text[at + 1] == '\xBB')) return true;
  }
  return false;
}

// Steps 3 and 4, on well-formed UTF-8 (NFKC's output). Only a '(' and a CJK Radicals
// Supplement character (E2 BA xx, E2 BB xx) can change anything, so only they are visited,
// found with find(); decoding every character to get to them was a pass over the whole text.
// `last` is what a reading of every character would hold there: the code point written last.
std::string map_radicals_and_drop_ruby(std::string text) {
  if (!may_hold_radicals_or_ruby(text)) return text;
  const RadicalTable& radicals = radical_table();
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  std::int32_t kept = 0;  // bytes before this are in `out`; characters that stay are copied in runs
  // The code point written last as of byte `last_at`; before any other byte, 0.
  UChar32 last = 0;
  std::int32_t last_at = 0;
  const auto written_before = [&](std::int32_t at) -> UChar32 {
    if (at == last_at) return last;
    std::int32_t begin = at - 1;
    while (begin > 0 && at - begin < 4 && (s[begin] & 0xC0) == 0x80) --begin;
    std::int32_t i = begin;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    return c;
  };
  std::size_t paren = text.find('(');
  std::size_t lead = text.find('\xE2');
  while (paren != std::string::npos || lead != std::string::npos) {
    const auto start = static_cast<std::int32_t>(std::min(paren, lead));
    if (static_cast<std::size_t>(start) == lead) {
      lead = text.find('\xE2', lead + 1);
      std::int32_t i = start;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c < kRadicalsFirst || c > kRadicalsLast) continue;
      if (UChar32 standard = radicals[static_cast<std::size_t>(c - kRadicalsFirst)]) {
        out.append(text, static_cast<std::size_t>(kept), static_cast<std::size_t>(start - kept));
        append_utf8(out, standard);
        kept = i;
        c = standard;
      }
      last = c;
      last_at = i;
      continue;
    }
    paren = text.find('(', paren + 1);
    const UChar32 before = written_before(start);
    if (is_han(before)) {
      if (std::int32_t end = ruby_end(s, start, n); end > 0) {
        out.append(text, static_cast<std::size_t>(kept), static_cast<std::size_t>(start - kept));
        kept = end;
        last = before;
        last_at = end;
        // Nothing inside the ruby is visited: it holds pinyin letters alone.
        const auto after = static_cast<std::size_t>(end);
        if (paren != std::string::npos && paren < after) paren = text.find('(', after);
        if (lead != std::string::npos && lead < after) lead = text.find('\xE2', after);
        continue;
      }
    }
    last = '(';
    last_at = start + 1;
  }
  out.append(text, static_cast<std::size_t>(kept), static_cast<std::size_t>(n - kept));
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

namespace normalize_steps {
std::string clean(std::string_view utf8, bool* may_hold_traditional) {
  bool ignored = false;
  return detail::clean(utf8, may_hold_traditional ? may_hold_traditional : &ignored);
}
std::string map_radicals_and_drop_ruby(std::string text) {
  return detail::map_radicals_and_drop_ruby(std::move(text));
}
bool has_traditional(std::string_view text) { return detail::has_traditional(text); }
std::string clean_and_nfkc(std::string_view utf8, bool* may_hold_traditional) {
  bool ignored = false;
  return detail::clean_and_nfkc(utf8, may_hold_traditional ? may_hold_traditional : &ignored);
}
}  // namespace normalize_steps

std::string normalize_text(std::string_view utf8) {
  // NFKC straight on UTF-8 gives what normalizing UTF-16 gives, for well-formed text (clean
  // leaves no ill-formed sequence), without converting either way.
  bool may_hold_traditional = false;
  std::string text = map_radicals_and_drop_ruby(clean_and_nfkc(utf8, &may_hold_traditional));
  // Most bulletins are Simplified already; running the transliterator over them costs more
  // than everything else together, so it runs only when a character it would change is there.
  if (may_hold_traditional && has_traditional(text)) {
    icu::UnicodeString wide = icu::UnicodeString::fromUTF8(text);
    to_simplified().transliterate(wide);
    text.clear();
    wide.toUTF8String(text);
  }
  return tidy_lines(text);
}

}  // namespace iprdb::detail
