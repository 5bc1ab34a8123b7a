#include "extract/number.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <charconv>
#include <cstdint>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include <iprdb/error.hpp>

#include "reference/embedded.hpp"

namespace iprdb::detail {
namespace {

// ---------------------------------------------------------------------------------------------
// Bytes and code points. The text should be UTF-8, but any byte string must scan safely.

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

// 1 for ASCII and for a byte that starts no well-formed sequence, so a scan always advances.
inline std::size_t cp_length(std::string_view text, std::size_t at) {
  auto c = static_cast<unsigned char>(text[at]);
  std::size_t n = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
  if (at + n > text.size()) return 1;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

char32_t cp_at(std::string_view text, std::size_t at) {
  std::size_t n = cp_length(text, at);
  auto c = static_cast<unsigned char>(text[at]);
  if (n == 1) return c;
  char32_t cp = c & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3Fu);
  }
  return cp;
}

// The start of the code point that ends at `at` (> 0). Looks back at most three bytes, so
// a run of stray continuation bytes cannot make scanning quadratic.
std::size_t cp_before(std::string_view text, std::size_t at) {
  std::size_t b = at - 1;
  for (int back = 0; back < 3 && b > 0 && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80;
       ++back) {
    --b;
  }
  return cp_length(text, b) == at - b ? b : at - 1;
}

bool is_ideograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

// The code point of the unit that cp_length gives at `at`; nothing for a byte that starts no
// well-formed sequence, where no lexicon word (valid UTF-8) can start either. One pass over
// the bytes: this is asked at every character of every sentence, and cp_length followed by
// cp_at (which measures again) was a tenth of extraction.
inline std::optional<char32_t> unit_code_point(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (c < 0x80) return c;
  const std::size_t n = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
  if (n == 1 || at + n > text.size()) return std::nullopt;
  if (n == 3) {  // nearly every character of a bulletin
    const auto b1 = static_cast<unsigned char>(text[at + 1]);
    const auto b2 = static_cast<unsigned char>(text[at + 2]);
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return std::nullopt;
    return (c & 0x0Fu) << 12 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu);
  }
  char32_t cp = c & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  return cp;
}

// Code points that open (or close) some lexicon word. Most characters of a bulletin do
// neither, and a bit answers that without hashing substrings; a "yes" is checked in full.
class CodePointSet {
 public:
  void insert(char32_t c) {
    if (c < kPlane) {
      plane_.set(c);
    } else if (std::find(others_.begin(), others_.end(), c) == others_.end()) {
      others_.push_back(c);
    }
  }
  bool contains(std::optional<char32_t> c) const {
    if (!c) return false;
    if (*c < kPlane) return plane_[*c];
    return contains_other(*c);
  }
  bool contains_bmp(char32_t c) const { return plane_[c]; }  // c < 0x10000

 private:
  bool contains_other(char32_t c) const {
    return std::find(others_.begin(), others_.end(), c) != others_.end();
  }
  static constexpr char32_t kPlane = 0x10000;
  std::bitset<kPlane> plane_;
  std::vector<char32_t> others_;
};

// Lexicon words by their bytes, so that every word starting at a place (or, with reversed
// keys, ending there) is found in one walk instead of by hashing each candidate length. A
// word that matches is well-formed UTF-8, so it ends where cp_length and cp_before put
// character boundaries: the walk finds exactly the words that hashing those candidates did.
template <typename Value>
class WordTrie {
 public:
  void insert(std::string_view key, const Value* value, bool reversed) {
    std::size_t node = 0;
    for (std::size_t k = 0; k < key.size(); ++k) {
      const auto byte = static_cast<unsigned char>(reversed ? key[key.size() - 1 - k] : key[k]);
      std::int32_t next = child(node, byte);
      if (next < 0) {
        next = static_cast<std::int32_t>(nodes_.size());
        nodes_[node].next.emplace_back(byte, next);
        nodes_.emplace_back();
      }
      node = static_cast<std::size_t>(next);
    }
    nodes_[node].value = value;
  }
  // Calls found(length, value) for each key text[at, at + length), shortest first.
  template <typename Found>
  void prefixes(std::string_view text, std::size_t at, Found&& found) const {
    std::size_t node = 0;
    for (std::size_t k = at; k < text.size(); ++k) {
      const std::int32_t next = child(node, static_cast<unsigned char>(text[k]));
      if (next < 0) return;
      node = static_cast<std::size_t>(next);
      if (nodes_[node].value) found(k + 1 - at, nodes_[node].value);
    }
  }
  // The same for keys inserted reversed that end at `at`: text[at - length, at).
  template <typename Found>
  void suffixes(std::string_view text, std::size_t at, Found&& found) const {
    std::size_t node = 0;
    for (std::size_t k = at; k > 0; --k) {
      const std::int32_t next = child(node, static_cast<unsigned char>(text[k - 1]));
      if (next < 0) return;
      node = static_cast<std::size_t>(next);
      if (nodes_[node].value) found(at - (k - 1), nodes_[node].value);
    }
  }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> next;
    const Value* value = nullptr;
  };
  std::int32_t child(std::size_t node, unsigned char byte) const {
    for (const auto& [b, next] : nodes_[node].next) {
      if (b == byte) return next;
    }
    return -1;
  }
  std::vector<Node> nodes_{1};
};

// Scraped bulletins put spaces inside figures ("260.8 万件", "突破 12 万件"); a few are
// allowed, never a line break.
std::size_t skip_spaces(std::string_view text, std::size_t at) {
  for (int k = 0; k < 3 && at < text.size() && (text[at] == ' ' || text[at] == '\t'); ++k) ++at;
  return at;
}

// ---------------------------------------------------------------------------------------------
// The lexicons under schema/lexicon/.

enum class Role : std::uint8_t {
  digit,
  power,
  magnitude,
  point,
  percent_prefix,
  qualifier_before,
  qualifier_middle,
  qualifier_after,
  minus,
  range,
  vague_before,
  vague_after,
  reject_before,
  allow_before,
  ordinal,
  rank_counter,
  rank,
  phrase,
  not_number,
};

constexpr std::pair<std::string_view, Role> kRoleNames[] = {
    {"digit", Role::digit},
    {"power", Role::power},
    {"magnitude", Role::magnitude},
    {"point", Role::point},
    {"percent_prefix", Role::percent_prefix},
    {"qualifier_before", Role::qualifier_before},
    {"qualifier_middle", Role::qualifier_middle},
    {"qualifier_after", Role::qualifier_after},
    {"minus", Role::minus},
    {"range", Role::range},
    {"vague_before", Role::vague_before},
    {"vague_after", Role::vague_after},
    {"reject_before", Role::reject_before},
    {"allow_before", Role::allow_before},
    {"ordinal", Role::ordinal},
    {"rank_counter", Role::rank_counter},
    {"rank", Role::rank},
    {"phrase", Role::phrase},
    {"not_number", Role::not_number},
};

using Roles = std::uint32_t;
constexpr Roles bit(Role role) { return Roles{1} << static_cast<unsigned>(role); }

struct Word {
  Role role = Role::digit;
  int value = 0;
  std::string_view unit;  // phrase rows: a word of units.tsv
  Qualifier qualifier = Qualifier::exact;
};

// date and none are the lexicon's own: a figure before a date word is no statistic, and a
// none word only looks like a counter ("成果", "人民").
enum class UnitKind { count, money, percent, percentage_points, times, date, none };

constexpr std::pair<std::string_view, UnitKind> kUnitKindNames[] = {
    {"count", UnitKind::count},     {"money", UnitKind::money},
    {"percent", UnitKind::percent}, {"percentage_points", UnitKind::percentage_points},
    {"times", UnitKind::times},     {"date", UnitKind::date},
    {"none", UnitKind::none},
};

struct Unit {
  std::string_view word;
  UnitKind kind = UnitKind::none;
  std::string_view base;
  int exponent = 0;
};

// Words are compared in code points and no lexicon word is longer than this.
constexpr std::size_t kMaxWordCodePoints = 8;

[[noreturn]] void bad_lexicon(std::string_view origin, int line, const std::string& message) {
  throw Error(ErrorCode::internal, "built-in lexicon: " + message, std::string(origin), line);
}

struct TsvRow {
  int line;
  std::vector<std::string_view> fields;
};

// '#' lines and blank lines are comments; the first other line must be `header`. Missing
// trailing fields read as empty.
std::vector<TsvRow> read_tsv(std::string_view text, std::string_view origin,
                             std::string_view header) {
  auto split = [](std::string_view line) {
    std::vector<std::string_view> fields;
    for (;;) {
      auto tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) return fields;
      line.remove_prefix(tab + 1);
    }
  };
  const std::size_t columns = split(header).size();
  std::vector<TsvRow> rows;
  bool header_seen = false;
  int number = 0;
  while (!text.empty()) {
    ++number;
    auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      if (line != header)
        bad_lexicon(origin, number, fmt::format("the header must be \"{}\"", header));
      header_seen = true;
      continue;
    }
    auto fields = split(line);
    if (fields.size() > columns) {
      bad_lexicon(origin, number, fmt::format("{} fields, at most {}", fields.size(), columns));
    }
    fields.resize(columns);
    if (fields[0].empty()) bad_lexicon(origin, number, "an empty word");
    rows.push_back({number, std::move(fields)});
  }
  if (!header_seen) bad_lexicon(origin, 1, "no header");
  return rows;
}

int read_int(std::string_view field, std::string_view origin, int line) {
  int value = 0;
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || end != field.data() + field.size()) {
    bad_lexicon(origin, line, fmt::format("\"{}\" is not an integer", field));
  }
  return value;
}

std::size_t code_points(std::string_view word) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < word.size(); at += cp_length(word, at)) ++count;
  return count;
}

struct Hit {
  std::size_t length = 0;
  const std::vector<Word>* words = nullptr;

  explicit operator bool() const { return words != nullptr; }
  const Word* with(Role role) const {
    if (!words) return nullptr;
    for (const auto& w : *words) {
      if (w.role == role) return &w;
    }
    return nullptr;
  }
};

class Lexicon {
 public:
  static const Lexicon& builtin() {
    static const Lexicon lexicon(embedded::units_tsv, embedded::number_words_tsv);
    return lexicon;
  }

  /// The longest word at `at` that has one of `roles`.
  Hit word_at(std::string_view text, std::size_t at, Roles roles = ~Roles{0}) const {
    if (at >= text.size() || !opens_word(text, at)) return {};
    return longest_word_at(text, at, roles);
  }
  /// Whether some word starts with the character at `at` (< text.size()). Most characters of
  /// a bulletin answer no, and the scan asks it at every one: kept small enough to inline.
  bool opens_word(std::string_view text, std::size_t at) const {
    return word_first_.contains(unit_code_point(text, at));
  }
  /// opens_word for a character of the Basic Multilingual Plane already decoded.
  bool bmp_opens_word(char32_t c) const { return word_first_.contains_bmp(c); }
  /// word_at once opens_word has said yes.
  Hit longest_word_at(std::string_view text, std::size_t at, Roles roles) const {
    Hit longest;
    words_forward_.prefixes(text, at, [&](std::size_t length, const std::vector<Word>* words) {
      if (has_role(*words, roles)) longest = {length, words};
    });
    return longest;
  }

  /// The longest word with one of `roles` that ends at `at`.
  Hit word_before(std::string_view text, std::size_t at, Roles roles) const {
    if (at == 0 || !word_last_.contains(unit_code_point(text, cp_before(text, at)))) return {};
    Hit longest;
    words_backward_.suffixes(text, at, [&](std::size_t length, const std::vector<Word>* words) {
      if (has_role(*words, roles)) longest = {length, words};
    });
    return longest;
  }

  /// The longest unit at `at`, and its length in bytes.
  const Unit* unit_at(std::string_view text, std::size_t at, std::size_t* length) const {
    if (at >= text.size() || !unit_first_.contains(unit_code_point(text, at))) return nullptr;
    const Unit* longest = nullptr;
    units_forward_.prefixes(text, at, [&](std::size_t found_length, const Unit* unit) {
      longest = unit;
      *length = found_length;
    });
    return longest;
  }

  const Unit* unit(std::string_view word) const {
    auto it = units_.find(word);
    return it == units_.end() ? nullptr : &it->second;
  }

 private:
  Lexicon(std::string_view units_tsv, std::string_view words_tsv) {
    constexpr std::string_view units_origin = "schema/lexicon/units.tsv";
    for (const auto& row :
         read_tsv(units_tsv, units_origin, "word\tkind\tbase_unit\tmagnitude_exp")) {
      Unit unit{row.fields[0], UnitKind::none, row.fields[2], 0};
      auto kind = std::find_if(std::begin(kUnitKindNames), std::end(kUnitKindNames),
                               [&](const auto& k) { return k.first == row.fields[1]; });
      if (kind == std::end(kUnitKindNames)) {
        bad_lexicon(units_origin, row.line, fmt::format("unknown kind \"{}\"", row.fields[1]));
      }
      unit.kind = kind->second;
      if (!row.fields[3].empty()) unit.exponent = read_int(row.fields[3], units_origin, row.line);
      unit_code_points_ =
          std::max(unit_code_points_, checked_length(unit.word, units_origin, row.line));
      unit_first_.insert(cp_at(unit.word, 0));
      if (!units_.emplace(unit.word, unit).second) {
        bad_lexicon(units_origin, row.line, fmt::format("\"{}\" is listed twice", unit.word));
      }
    }

    constexpr std::string_view words_origin = "schema/lexicon/number_words.tsv";
    for (const auto& row :
         read_tsv(words_tsv, words_origin, "word\trole\tvalue\tunit\tqualifier")) {
      Word word;
      auto role = std::find_if(std::begin(kRoleNames), std::end(kRoleNames),
                               [&](const auto& r) { return r.first == row.fields[1]; });
      if (role == std::end(kRoleNames)) {
        bad_lexicon(words_origin, row.line, fmt::format("unknown role \"{}\"", row.fields[1]));
      }
      word.role = role->second;
      if (!row.fields[2].empty()) word.value = read_int(row.fields[2], words_origin, row.line);
      word.unit = row.fields[3];
      if (!word.unit.empty() && !unit(word.unit)) {
        bad_lexicon(words_origin, row.line,
                    fmt::format("unit \"{}\" is not in units.tsv", word.unit));
      }
      if (!row.fields[4].empty()) {
        auto qualifier = parse_qualifier(row.fields[4]);
        if (!qualifier) {
          bad_lexicon(words_origin, row.line,
                      fmt::format("unknown qualifier \"{}\"", row.fields[4]));
        }
        word.qualifier = *qualifier;
      }
      if (word.role == Role::phrase && word.unit.empty()) {
        bad_lexicon(words_origin, row.line, "a phrase needs a unit");
      }
      word_code_points_ =
          std::max(word_code_points_, checked_length(row.fields[0], words_origin, row.line));
      word_first_.insert(cp_at(row.fields[0], 0));
      word_last_.insert(cp_at(row.fields[0], cp_before(row.fields[0], row.fields[0].size())));
      words_[row.fields[0]].push_back(word);
    }
    // The maps are complete: their elements keep their addresses from here on.
    for (const auto& [key, words] : words_) {
      words_forward_.insert(key, &words, false);
      words_backward_.insert(key, &words, true);
    }
    for (const auto& [key, unit] : units_) units_forward_.insert(key, &unit, false);
  }

  static bool has_role(const std::vector<Word>& words, Roles roles) {
    return std::any_of(words.begin(), words.end(),
                       [&](const Word& w) { return roles & bit(w.role); });
  }

  static std::size_t checked_length(std::string_view word, std::string_view origin, int line) {
    std::size_t length = code_points(word);
    if (length > kMaxWordCodePoints) {
      bad_lexicon(origin, line,
                  fmt::format("\"{}\" is longer than {} characters", word, kMaxWordCodePoints));
    }
    return length;
  }

  // Keys view the embedded lexicon text, which lives as long as the program.
  std::unordered_map<std::string_view, std::vector<Word>> words_;
  std::unordered_map<std::string_view, Unit> units_;
  WordTrie<std::vector<Word>> words_forward_, words_backward_;
  WordTrie<Unit> units_forward_;
  // Most positions hold no lexicon word; their first (or last) character says so.
  CodePointSet word_first_, word_last_, unit_first_;
  std::size_t word_code_points_ = 0;
  std::size_t unit_code_points_ = 0;
};

NumberKind kind_of(UnitKind kind) {
  switch (kind) {
    case UnitKind::count:
      return NumberKind::count;
    case UnitKind::money:
      return NumberKind::money;
    case UnitKind::percent:
      return NumberKind::percent;
    case UnitKind::percentage_points:
      return NumberKind::percentage_points;
    case UnitKind::times:
      return NumberKind::times;
    case UnitKind::date:
    case UnitKind::none:
      break;
  }
  return NumberKind::plain;
}

// ---------------------------------------------------------------------------------------------
// The scanner.

enum class Outcome { match, none, reject };

// An Arabic number: digits, thousands separators, a decimal part.
struct Literal {
  Outcome outcome = Outcome::none;
  std::size_t end = 0;  // for a reject, the end of the run to skip
  Decimal value;
  std::size_t digits = 0;  // before the decimal point
  bool fraction = false;
};

// A figure without its unit: Arabic or Chinese digits with 十百千万亿 ("3万4000", "一万零十二").
struct Core {
  std::size_t end = 0;
  Decimal value;
  bool chinese = false;          // has a Chinese digit or begins with 十/百/千/万/亿
  bool bare_start = false;       // begins with 十/百/千/万/亿, no digit before it
  bool starts_with_ten = false;  // 十二件 is ordinary; a bare 千 or 万 needs a qualifier
  bool magnitude = false;        // holds 万 or 亿
  bool single_digit = false;     // one digit and nothing else (the lower end of 八到九百亿)
  int trailing_magnitude = 0;  // the power of the 万/亿 that end it (1.5万 → 4, 二十万亿 → 12)
  std::optional<int> lead_power;  // a digit and one 十/百/千, then only 万/亿 (九百亿 → 2)
};

struct CoreResult {
  Outcome outcome = Outcome::none;
  std::size_t end = 0;  // for a reject or none, where scanning may resume
  Core core;
};

struct Figure {
  Outcome outcome = Outcome::none;
  std::size_t resume = 0;
  NumberMatch match;
};

class Scanner {
 public:
  Scanner(const Lexicon& lexicon, std::string_view text) : lex_(lexicon), text_(text) {}

  std::vector<NumberMatch> run() const;

 private:
  Literal arabic(std::size_t at) const;
  CoreResult core(std::size_t at) const;
  std::size_t numeral_run_end(std::size_t at) const;
  Figure figure(std::size_t begin, std::size_t at, Qualifier before) const;
  Figure percent(std::size_t begin, std::size_t at, Qualifier before, const Hit& prefix) const;
  Figure ordinal(std::size_t begin, std::size_t at) const;
  NumberMatch fixed(std::size_t begin, const Hit& hit) const;
  const Unit* unit_at(std::size_t at, std::size_t* length) const;
  bool longer_unit_at(std::size_t at, std::size_t length) const;
  std::pair<Qualifier, std::size_t> qualifier_after(std::size_t at) const;

  const Lexicon& lex_;
  std::string_view text_;
};

Literal Scanner::arabic(std::size_t at) const {
  const std::size_t n = text_.size();
  auto digit_at = [&](std::size_t k) { return k < n && is_digit(text_[k]); };
  // Dates, times, versions, codes and links are skipped whole, so no piece of them turns up
  // as a figure of its own.
  auto skip = [&](std::string_view separators, bool letters) {
    std::size_t k = at;
    while (k < n && (is_digit(text_[k]) || (letters && is_alpha(text_[k])) ||
                     separators.find(text_[k]) != std::string_view::npos)) {
      ++k;
    }
    return Literal{Outcome::reject, k, Decimal(), 0, false};
  };

  std::size_t i = at;
  while (digit_at(i)) ++i;
  std::size_t digits = i - at;
  const bool leading_zero = text_[at] == '0' && digits > 1;
  // A comma is a thousands separator only in the exact pattern 1-3 digits, then ",ddd" groups;
  // elsewhere it is the clause comma NFKC made of "，" (2022年,发明专利89件).
  if (digits <= 3 && text_[at] != '0') {
    while (i < n && text_[i] == ',' && digit_at(i + 1) && digit_at(i + 2) && digit_at(i + 3) &&
           !digit_at(i + 4)) {
      i += 4;
      digits += 3;
    }
  }
  bool fraction = false;
  if (i < n && text_[i] == '.' && digit_at(i + 1)) {
    for (++i; digit_at(i);) ++i;
    fraction = true;
  }

  if (at > 0) {
    char before = text_[at - 1];
    if (is_alpha(before) || std::string_view("/_=&#?@\\").find(before) != std::string_view::npos) {
      return skip("._-", true);  // G20, ICP12345, a link's /53904
    }
  }
  if (i < n) {
    char next = text_[i];
    if (is_alpha(next) || next == '_') return skip("._-", true);                       // 5G, 3D
    if (next == '.' && i + 1 < n && is_alpha(text_[i + 1])) return skip("._-", true);  // 123.html
    if (next == ':' && digit_at(i + 1)) return skip(":.", false);                      // 19:34:31
    if (next == '/' && digit_at(i + 1)) return skip("/", false);                       // 2023/5/9
    if (next == '+') return skip("+", false);                                          // “6+3”
    if (next == '.' && fraction && digit_at(i + 1)) return skip(".", false);           // 1.2.3
    if ((next == '-' || next == '.') && digit_at(i + 1)) {  // 2023-05-09, 1.2.3
      std::size_t k = i + 1;
      while (digit_at(k)) ++k;
      if (k < n && text_[k] == next && digit_at(k + 1)) return skip(next == '-' ? "-" : ".", false);
    }
    if (text_.substr(i, 2) == "\xC2\xB7" && digit_at(i + 2)) {  // 4·26
      std::size_t k = at;
      while (k < n && (is_digit(text_[k]) || text_.substr(k, 2) == "\xC2\xB7")) {
        k += is_digit(text_[k]) ? 1 : 2;
      }
      return Literal{Outcome::reject, k, Decimal(), 0, false};
    }
  }
  if (leading_zero) return skip("-:/.", false);  // 0851-…, 05
  if (digits > 12) return skip(",.", false);
  if (i - at == 11 && text_[at] == '1') return skip("", false);  // a mobile phone number
  auto value = Decimal::parse(text_.substr(at, i - at));
  if (!value) return skip(",.", false);
  return Literal{Outcome::match, i, *value, digits, fraction};
}

std::size_t Scanner::numeral_run_end(std::size_t at) const {
  constexpr Roles numeral =
      bit(Role::digit) | bit(Role::power) | bit(Role::magnitude) | bit(Role::point);
  std::size_t k = at;
  while (k < text_.size()) {
    if (is_digit(text_[k]) || text_[k] == '.') {
      ++k;
    } else if (Hit hit = lex_.word_at(text_, k, numeral)) {
      k += hit.length;
    } else {
      break;
    }
  }
  return std::max(k, at + 1);
}

bool Scanner::longer_unit_at(std::size_t at, std::size_t length) const {
  std::size_t unit_length = 0;
  return lex_.unit_at(text_, at, &unit_length) && unit_length > length;  // 百分点, 千克
}

CoreResult Scanner::core(std::size_t at) const {
  constexpr Roles numeral =
      bit(Role::digit) | bit(Role::power) | bit(Role::magnitude) | bit(Role::point);
  const std::size_t n = text_.size();
  auto reject = [&] { return CoreResult{Outcome::reject, numeral_run_end(at), {}}; };

  // Each 万 or 亿 closes a group; a larger one multiplies the smaller groups before it, so
  // 一万五千亿 is (1万 + 5千) × 亿 and 三亿五千万 is 3亿 + 5千万.
  struct Group {
    Decimal value;
    int exponent;
  };
  std::array<Group, 4> groups{};
  std::size_t group_count = 0;

  enum class Prev { start, digit, zero, power, magnitude };
  Core c;
  Decimal section;                 // since the last 万/亿
  std::optional<Decimal> pending;  // a digit or Arabic number not yet multiplied
  bool pending_arabic = false;
  bool pending_single = false;  // a single integer digit
  Prev before_pending = Prev::start;
  Prev prev = Prev::start;
  int last_power = 99;  // powers within a group must fall: 三千五百二十
  int last_scale = 0;   // the power or magnitude just before `pending`
  bool fraction = false;
  std::string shape;  // d, p (十百千), m (万亿): 九百亿 is "dpm"
  int first_power = 0;
  std::size_t i = at;
  std::size_t end = at;

  while (i < n) {
    if (is_digit(text_[i])) {
      if (prev == Prev::digit || prev == Prev::power) break;  // 1千5: 5 or 500?
      Literal lit = arabic(i);
      if (lit.outcome != Outcome::match) {
        if (prev == Prev::start) return {lit.outcome, lit.end, {}};
        return {Outcome::reject, std::max(lit.end, numeral_run_end(at)), {}};
      }
      if (prev == Prev::magnitude && lit.fraction) return reject();
      pending = lit.value;
      pending_arabic = true;
      pending_single = lit.digits == 1 && !lit.fraction;
      before_pending = prev;
      prev = Prev::digit;
      shape += 'd';
      i = end = lit.end;
      std::size_t after_spaces = skip_spaces(text_, i);
      if (after_spaces != i &&
          lex_.word_at(text_, after_spaces, bit(Role::power) | bit(Role::magnitude))) {
        i = after_spaces;
      }
      continue;
    }
    Hit hit = lex_.word_at(text_, i, numeral);
    if (!hit) break;
    if (const Word* digit = hit.with(Role::digit)) {
      if (digit->value == 0) {
        if (prev == Prev::start) {
          // 零 alone is no figure (零的突破), but 零点五 is 0.5.
          Hit point = lex_.word_at(text_, i + hit.length, bit(Role::point));
          if (!point || !lex_.word_at(text_, i + hit.length + point.length, bit(Role::digit)))
            break;
        } else {
          if (prev == Prev::digit || prev == Prev::zero) return reject();  // 二〇二二
          prev = Prev::zero;
          i += hit.length;
          continue;
        }
      } else if (prev == Prev::digit) {
        if (pending_arabic) break;
        return reject();  // 一两个, 十四五, 七八十: vague or not a figure
      }
      pending = Decimal::from_int(digit->value);
      pending_arabic = false;
      pending_single = true;
      before_pending = prev;
      prev = Prev::digit;
      c.chinese = true;
      shape += 'd';
      i = end = i + hit.length;
      continue;
    }
    if (hit.with(Role::point)) {
      if (prev != Prev::digit || pending_arabic || fraction) break;
      std::string digits = "0.";
      std::size_t k = i + hit.length;
      while (k < n) {
        Hit d = lex_.word_at(text_, k, bit(Role::digit));
        if (!d) break;
        digits += static_cast<char>('0' + d.with(Role::digit)->value);
        k += d.length;
      }
      if (digits.size() == 2) break;
      // 一百二 is 120, so 一百二点五 has no reading worth guessing.
      if (before_pending == Prev::magnitude || (before_pending == Prev::power && last_scale >= 2)) {
        return reject();
      }
      auto value = Decimal::parse(digits);
      if (!value) return reject();
      pending = pending->plus(*value);
      if (!pending) return reject();
      pending_single = false;
      fraction = true;
      i = end = k;
      continue;
    }
    if (const Word* power = hit.with(Role::power)) {
      if (longer_unit_at(i, hit.length)) break;
      if (fraction && !pending_arabic) break;
      if (power->value >= last_power) return reject();  // 十百, 二十三百
      Decimal multiplier = Decimal::from_int(1);
      if (pending) {
        multiplier = *pending;
      } else if (prev == Prev::start) {
        c.bare_start = c.chinese = true;
        c.starts_with_ten = power->value == 1;
      } else if (prev != Prev::zero && prev != Prev::magnitude) {
        return reject();
      }
      auto sum = section.plus(multiplier.times_pow10(power->value));
      if (!sum) return reject();
      section = *sum;
      if (shape == "d") first_power = power->value;
      pending.reset();
      prev = Prev::power;
      last_power = last_scale = power->value;
      shape += 'p';
      i = end = i + hit.length;
      continue;
    }
    const Word* magnitude = hit.with(Role::magnitude);
    if (longer_unit_at(i, hit.length)) break;
    if (prev == Prev::zero) return reject();
    if (prev == Prev::start) c.bare_start = c.chinese = true;
    std::optional<Decimal> sum = section;
    if (pending) {
      sum = sum->plus(*pending);
    } else if (prev == Prev::start) {
      sum = Decimal::from_int(1);
    }
    for (; sum && group_count > 0 && groups[group_count - 1].exponent < magnitude->value;
         --group_count) {
      sum = sum->plus(groups[group_count - 1].value);
    }
    if (!sum || sum->is_zero()) return reject();  // 亿万: vague
    if (group_count > 0 && groups[group_count - 1].exponent == magnitude->value) return reject();
    if (group_count == groups.size()) return reject();
    Decimal scaled = sum->times_pow10(magnitude->value);
    if (group_count > 0 &&
        scaled >= Decimal::from_int(1).times_pow10(groups[group_count - 1].exponent)) {
      return reject();  // 三亿五万万
    }
    groups[group_count++] = {scaled, magnitude->value};
    c.trailing_magnitude =
        (!shape.empty() && shape.back() == 'm' ? c.trailing_magnitude : 0) + magnitude->value;
    c.magnitude = true;
    section = Decimal();
    pending.reset();
    prev = Prev::magnitude;
    last_power = 99;
    last_scale = magnitude->value;
    shape += 'm';
    i = end = i + hit.length;
  }

  if (prev == Prev::start) return {Outcome::none, at, {}};
  if (pending) {
    Decimal tail = *pending;
    // The spoken short form: 一百二 = 120, 三万四 = 34000 (a 零 would make it 一百零二).
    if (pending_single && last_scale >= 2 &&
        (before_pending == Prev::power || before_pending == Prev::magnitude)) {
      tail = tail.times_pow10(last_scale - 1);
    }
    auto sum = section.plus(tail);
    if (!sum) return reject();
    section = *sum;
  }
  if (shape.back() != 'm') c.trailing_magnitude = 0;
  if (group_count > 0 &&
      section >= Decimal::from_int(1).times_pow10(groups[group_count - 1].exponent)) {
    return reject();  // 3万40000
  }
  std::optional<Decimal> total = section;
  for (std::size_t g = 0; total && g < group_count; ++g) total = total->plus(groups[g].value);
  if (!total) return reject();
  c.value = *total;
  c.end = end;
  c.single_digit = shape == "d" && pending_single;
  if (shape.size() >= 2 && shape.compare(0, 2, "dp") == 0 &&
      shape.find_first_not_of('m', 2) == std::string::npos) {
    c.lead_power = first_power;
  }
  return {Outcome::match, end, c};
}

const Unit* Scanner::unit_at(std::size_t at, std::size_t* length) const {
  const Unit* unit = lex_.unit_at(text_, at, length);
  return unit && unit->kind != UnitKind::none ? unit : nullptr;
}

std::pair<Qualifier, std::size_t> Scanner::qualifier_after(std::size_t at) const {
  std::size_t k = skip_spaces(text_, at);
  // The longest word wins, so 上下游 and 以上率下 are no qualifiers.
  Hit hit = lex_.word_at(text_, k);
  if (const Word* w = hit.with(Role::qualifier_after)) return {w->qualifier, k + hit.length};
  return {Qualifier::exact, at};
}

Figure Scanner::figure(std::size_t begin, std::size_t at, Qualifier before) const {
  const std::size_t n = text_.size();
  auto stop = [](Outcome outcome, std::size_t resume) { return Figure{outcome, resume, {}}; };

  if (begin > 0) {
    Hit word = lex_.word_before(text_, begin, bit(Role::reject_before) | bit(Role::allow_before));
    if (word.with(Role::reject_before)) {
      CoreResult skipped = core(at);
      return stop(Outcome::reject,
                  skipped.outcome == Outcome::match ? skipped.core.end : skipped.end);
    }
  }
  if (Hit prefix = lex_.word_at(text_, at); prefix.with(Role::percent_prefix)) {
    return percent(begin, at, before, prefix);
  }

  bool negative = false;
  std::size_t start = at;
  if (Hit minus = lex_.word_at(text_, at, bit(Role::minus))) {
    if (at + minus.length >= n || !is_digit(text_[at + minus.length]))
      return stop(Outcome::none, at);
    if (at > 0 && (is_alnum(text_[at - 1]) ||
                   std::string_view(".-%)").find(text_[at - 1]) != std::string_view::npos)) {
      return stop(Outcome::none, at + minus.length);
    }
    negative = true;
    start = at + minus.length;
  }

  CoreResult first = core(start);
  if (first.outcome != Outcome::match) return stop(first.outcome, std::max(first.end, start));
  const Core& lower = first.core;
  if (negative && lower.chinese) return stop(Outcome::none, lower.end);
  if (lower.bare_start && lex_.word_before(text_, start, bit(Role::vague_before))) {
    return stop(Outcome::reject, lower.end);  // 数十家, 上千家, 几百
  }

  Decimal value = lower.value;
  std::size_t number_end = lower.end;
  std::size_t tail = lower.end;  // the end of what is read so far
  bool magnitude = lower.magnitude;
  std::optional<Qualifier> middle;
  std::size_t j = skip_spaces(text_, lower.end);
  if (Hit h = lex_.word_at(text_, j); const Word* w = h.with(Role::qualifier_middle)) {
    middle = w->qualifier;
    tail = j = j + h.length;
    // 5000余万元, 三十万多亿: a magnitude after 余 scales the whole figure.
    int top = lower.trailing_magnitude;
    while (Hit m = lex_.word_at(text_, j, bit(Role::magnitude))) {
      int power = m.with(Role::magnitude)->value;
      if (power <= top || longer_unit_at(j, m.length)) break;
      value = value.times_pow10(power);
      top = power;
      magnitude = true;
      tail = number_end = j = j + m.length;
    }
    j = skip_spaces(text_, j);
  }
  if (Hit h = lex_.word_at(text_, j); const Word* w = h.with(Role::vague_after)) {
    std::size_t unit_length = 0;
    if (w->value == 0 || unit_at(skip_spaces(text_, j + h.length), &unit_length)) {
      return stop(Outcome::reject, j + h.length);  // 十几件, 十来家
    }
  }
  std::size_t unit_length = 0;
  const Unit* unit = lex_.unit_at(text_, j, &unit_length);
  if (unit && unit->kind == UnitKind::date) return stop(Outcome::reject, j + unit_length);
  if (unit && unit->kind == UnitKind::none) unit = nullptr;
  std::string_view unit_text;
  if (unit) {
    unit_text = text_.substr(j, unit_length);
    tail = j + unit_length;
  }

  std::optional<Decimal> upper;
  bool chinese = lower.chinese;
  if (!middle && !negative) {
    std::size_t r = skip_spaces(text_, tail);
    Hit separator = lex_.word_at(text_, r);
    if (separator.with(Role::range)) {
      std::size_t s = skip_spaces(text_, r + separator.length);
      CoreResult second = core(s);
      if (second.outcome == Outcome::reject) return stop(Outcome::reject, second.end);
      if (second.outcome == Outcome::match) {
        const Core& high = second.core;
        std::size_t k = skip_spaces(text_, high.end);
        if (lex_.word_at(text_, k).with(Role::vague_after)) return stop(Outcome::reject, k);
        std::size_t high_unit_length = 0;
        const Unit* high_unit = lex_.unit_at(text_, k, &high_unit_length);
        if (high_unit && high_unit->kind == UnitKind::date) {
          return stop(Outcome::reject, k + high_unit_length);  // 2020-2024年, 1—9月
        }
        if (high_unit && high_unit->kind == UnitKind::none) high_unit = nullptr;
        if (!unit || (high_unit && high_unit->word == unit->word)) {
          // 1.2~1.5万件 and 八到九百亿元: the lower bound takes the upper one's 万/亿, and a
          // single digit also its 百 (八 → 八百亿).
          if (!lower.magnitude) {
            int power = high.trailing_magnitude;
            if (lower.single_digit && high.lead_power) power += *high.lead_power;
            value = value.times_pow10(power);
          }
          if (value >= high.value) {
            return stop(Outcome::reject, high_unit ? k + high_unit_length : high.end);
          }
          upper = high.value;
          chinese = chinese || high.chinese;
          magnitude = magnitude || high.magnitude;
          number_end = high.end;
          unit = high_unit;
          if (unit) {
            unit_text = text_.substr(k, high_unit_length);
            tail = k + high_unit_length;
          } else {
            tail = high.end;
          }
        }
      }
    }
  }

  // A Chinese numeral is a figure only with a unit or a 万/亿 (not 一是, 统一, 二十大), and a
  // bare 千 or 万 only when a qualifier says it is one (近千件, 逾万件, 百余家; not 千家万户).
  if (!unit && chinese && !magnitude) return stop(Outcome::none, tail);
  if (lower.bare_start && !lower.starts_with_ten && before == Qualifier::exact && !middle) {
    return stop(Outcome::none, tail);
  }

  Figure out{Outcome::match, 0, {}};
  NumberMatch& m = out.match;
  auto [after, end] = qualifier_after(tail);
  m.begin = begin;
  m.end = end;
  m.number_begin = at;
  m.number_end = number_end;
  m.qualifier = before != Qualifier::exact ? before : middle ? *middle : after;
  m.value = negative ? value.negated() : value;
  m.upper = upper;
  if (unit) {
    m.value = m.value.times_pow10(unit->exponent);
    if (m.upper) m.upper = m.upper->times_pow10(unit->exponent);
    m.unit = std::string(unit->base);
    m.unit_text = std::string(unit_text);
    m.kind = kind_of(unit->kind);
  }
  m.text = std::string(text_.substr(at, number_end - at));
  return out;
}

Figure Scanner::percent(std::size_t begin, std::size_t at, Qualifier before,
                        const Hit& prefix) const {
  CoreResult c = core(at + prefix.length);
  if (c.outcome != Outcome::match) {
    return {c.outcome, std::max(c.end, at + prefix.length), {}};
  }
  Figure out{Outcome::match, 0, {}};
  NumberMatch& m = out.match;
  auto [after, end] = qualifier_after(c.core.end);
  m.begin = begin;
  m.end = end;
  m.number_begin = at;
  m.number_end = c.core.end;
  m.value = c.core.value.times_pow10(prefix.with(Role::percent_prefix)->value);
  m.qualifier = before != Qualifier::exact ? before : after;
  m.unit = "%";
  m.unit_text = std::string(text_.substr(at, prefix.length));
  m.kind = NumberKind::percent;
  m.text = std::string(text_.substr(at, c.core.end - at));
  return out;
}

Figure Scanner::ordinal(std::size_t begin, std::size_t at) const {
  const std::size_t n = text_.size();
  std::size_t s = skip_spaces(text_, at);
  CoreResult c = s < n ? core(s) : CoreResult{};
  if (c.outcome == Outcome::reject) return {Outcome::reject, c.end, {}};
  if (c.outcome == Outcome::none) return {Outcome::none, at, {}};
  const Core& k = c.core;
  if (!k.value.is_integer() || k.value <= Decimal() || k.magnitude ||
      k.value > Decimal::from_int(1000)) {
    return {Outcome::none, k.end, {}};
  }
  std::size_t j = skip_spaces(text_, k.end);
  std::size_t end = k.end;
  std::string_view counter;
  if (Hit h = lex_.word_at(text_, j); h.with(Role::rank_counter)) {
    std::size_t unit_length = 0;
    const Unit* longer = lex_.unit_at(text_, j, &unit_length);  // 位于, 名单
    if (!longer || unit_length <= h.length) {
      counter = text_.substr(j, h.length);
      end = j + h.length;
    }
  }
  // 第一批, 第四届, 第一时间: an ordinal of something else than a rank.
  if (counter.empty() && j < n && is_ideograph(cp_at(text_, j))) {
    return {Outcome::none, k.end, {}};
  }
  Figure out{Outcome::match, 0, {}};
  NumberMatch& m = out.match;
  m.begin = m.number_begin = begin;
  m.end = end;
  m.number_end = k.end;
  m.value = k.value;
  m.unit = "位";
  m.unit_text = std::string(counter);
  m.kind = NumberKind::ordinal_rank;
  m.text = std::string(text_.substr(begin, k.end - begin));
  return out;
}

NumberMatch Scanner::fixed(std::size_t begin, const Hit& hit) const {
  NumberMatch m;
  m.begin = m.number_begin = begin;
  m.end = m.number_end = begin + hit.length;
  m.text = std::string(text_.substr(begin, hit.length));
  if (const Word* rank = hit.with(Role::rank)) {
    m.value = Decimal::from_int(rank->value);
    m.unit = "位";
    m.kind = NumberKind::ordinal_rank;
    return m;
  }
  const Word* phrase = hit.with(Role::phrase);
  const Unit* unit = lex_.unit(phrase->unit);
  m.value = Decimal::from_int(phrase->value);
  m.qualifier = phrase->qualifier;
  m.unit = std::string(unit->base);
  m.kind = kind_of(unit->kind);
  return m;
}

std::vector<NumberMatch> Scanner::run() const {
  constexpr Roles figure_start = bit(Role::digit) | bit(Role::power) | bit(Role::magnitude) |
                                 bit(Role::percent_prefix) | bit(Role::minus);
  const std::size_t n = text_.size();
  std::vector<NumberMatch> out;
  std::size_t i = 0;
  while (i < n) {
    // Most characters are well-formed three-byte ones that open no word: they are decoded
    // once and passed over here, before cp_length and opens_word would each read them again.
    const auto lead = static_cast<unsigned char>(text_[i]);
    if (lead >= 0xE0 && lead < 0xF0 && i + 3 <= n) {
      const auto b1 = static_cast<unsigned char>(text_[i + 1]);
      const auto b2 = static_cast<unsigned char>(text_[i + 2]);
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 &&
          !lex_.bmp_opens_word((lead & 0x0Fu) << 12 | (b1 & 0x3Fu) << 6 | (b2 & 0x3Fu))) {
        i += 3;
        continue;
      }
    }
    const std::size_t step = cp_length(text_, i);
    // Most characters open no figure: they are passed over before a Figure (three strings)
    // is made for them.
    Hit hit;
    if (!is_digit(text_[i])) {
      if (static_cast<unsigned char>(text_[i]) < 0x80 && text_[i] != '-') {
        i += step;
        continue;
      }
      if (lex_.opens_word(text_, i)) hit = lex_.longest_word_at(text_, i, ~Roles{0});
      if (!hit) {
        i += step;
        continue;
      }
    }
    Figure f;
    if (is_digit(text_[i])) {
      f = figure(i, i, Qualifier::exact);
    } else {
      if (hit.with(Role::not_number)) {
        i += hit.length;
        continue;
      }
      if (hit.with(Role::rank) || hit.with(Role::phrase)) {
        out.push_back(fixed(i, hit));
        i += hit.length;
        continue;
      }
      if (hit.with(Role::ordinal)) {
        f = ordinal(i, i + hit.length);
      } else if (const Word* q = hit.with(Role::qualifier_before)) {
        f = figure(i, skip_spaces(text_, i + hit.length), q->qualifier);
        if (f.outcome == Outcome::none) f.resume = i + hit.length;
      } else if (std::any_of(hit.words->begin(), hit.words->end(),
                             [](const Word& w) { return figure_start & bit(w.role); })) {
        f = figure(i, i, Qualifier::exact);
      } else {
        i += step;
        continue;
      }
    }

    if (f.outcome == Outcome::match) {
      i = f.match.end;
      out.push_back(std::move(f.match));
      continue;
    }
    i = std::max(f.resume, i + step);
    // 京ICP备12345号-1: the rest of a skipped code is no negative figure.
    if (f.outcome == Outcome::reject) {
      while (i + 1 < n && text_[i] == '-' && is_digit(text_[i + 1])) {
        for (++i; i < n && is_digit(text_[i]);) ++i;
      }
    }
  }
  return out;
}

}  // namespace

std::vector<NumberMatch> find_numbers(std::string_view text) {
  return Scanner(Lexicon::builtin(), text).run();
}

}  // namespace iprdb::detail
