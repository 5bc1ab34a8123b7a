#include "extract/period.hpp"

#include <array>
#include <cstdint>
#include <string>

#include "extract/utf8.hpp"

namespace iprdb::detail {
namespace {

constexpr int kFirstYear = 1980;
constexpr int kLastYear = 2100;

bool starts_with_at(std::string_view text, std::size_t at, std::string_view word) {
  // Words are a few bytes and most differ from the text in their first or second byte: a
  // loop stops there, where a call to memcmp cost more than the comparison (a tenth of
  // extraction ran here).
  if (at > text.size() || text.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (text[at + k] != word[k]) return false;
  }
  return true;
}

bool ends_with_before(std::string_view text, std::size_t at, std::string_view word) {
  return at >= word.size() && text.substr(at - word.size(), word.size()) == word;
}

// 〇一二…九 as digits of a year written in Chinese (二〇二二), and 零 ○ O as 0. A character
// is compared as the number its three bytes make: trying the twelve words in turn at every
// character a year may start with was most of the year scan.
int chinese_digit(std::string_view text, std::size_t at, std::size_t* length) {
  if (at < text.size() && text[at] == 'O') {
    *length = 1;
    return 0;
  }
  if (at > text.size() || text.size() - at < 3) return -1;
  // 〇一二三四五六七八九, then 零 and ○.
  static constexpr std::pair<std::uint32_t, int> kDigits[] = {
      {0xE38087, 0}, {0xE4B880, 1}, {0xE4BA8C, 2}, {0xE4B889, 3}, {0xE59B9B, 4}, {0xE4BA94, 5},
      {0xE585AD, 6}, {0xE4B883, 7}, {0xE585AB, 8}, {0xE4B99D, 9}, {0xE99BB6, 0}, {0xE2978B, 0}};
  const auto byte = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[at + k]));
  };
  const std::uint32_t key = byte(0) << 16 | byte(1) << 8 | byte(2);
  for (const auto& [bytes, value] : kDigits) {
    if (key == bytes) {
      *length = 3;
      return value;
    }
  }
  return -1;
}

// A small count written in words or digits: 三, 3, 十, 十二, 两.
std::optional<int> small_count(std::string_view text, std::size_t at, std::size_t* end) {
  if (at < text.size() && is_ascii_digit(text[at])) {
    int value = 0;
    std::size_t i = at;
    while (i < text.size() && is_ascii_digit(text[i]) && i - at < 3) value = value * 10 + (text[i++] - '0');
    *end = i;
    return value;
  }
  static const std::array<std::pair<std::string_view, int>, 12> words = {{
      {"十二", 12}, {"十一", 11}, {"十", 10}, {"两", 2}, {"一", 1}, {"二", 2},
      {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6}, {"七", 7}, {"八", 8}}};
  // Their first bytes (and 九's): any other byte is no count, without the list.
  static const std::array<bool, 256> firsts = [] {
    std::array<bool, 256> out{};
    for (const auto& word : words) out[static_cast<unsigned char>(word.first[0])] = true;
    out[static_cast<unsigned char>(std::string_view("九")[0])] = true;
    return out;
  }();
  if (at >= text.size() || !firsts[static_cast<unsigned char>(text[at])]) return std::nullopt;
  for (auto [word, value] : words) {
    if (starts_with_at(text, at, word)) {
      *end = at + word.size();
      return value;
    }
  }
  if (starts_with_at(text, at, "九")) {
    *end = at + 3;
    return 9;
  }
  return std::nullopt;
}

// A four-digit year in Arabic or Chinese digits at `at`; `end` is after the digits.
std::optional<int> year_digits(std::string_view text, std::size_t at, std::size_t* end) {
  int value = 0;
  std::size_t i = at;
  int count = 0;
  if (at < text.size() && is_ascii_digit(text[at])) {
    if (at > 0 && (is_ascii_digit(text[at - 1]) || text[at - 1] == '.')) return std::nullopt;
    while (i < text.size() && is_ascii_digit(text[i]) && count < 5) {
      value = value * 10 + (text[i++] - '0');
      ++count;
    }
  } else {
    std::size_t length = 0;
    int digit;
    while (count < 5 && (digit = chinese_digit(text, i, &length)) >= 0) {
      value = value * 10 + digit;
      i += length;
      ++count;
    }
  }
  if (count != 4 || value < kFirstYear || value > kLastYear) return std::nullopt;
  *end = i;
  return value;
}

// Month ranges that may follow a year or stand alone: 1-9月, 1—9月, 1至9月, 1月至9月, 1~9月,
// 前三季度, 上半年, 一季度, 第一季度, 1季度, 全年 (nothing), 3月底 / 3月末 (as of), 8月当月.
bool month_range(std::string_view text, std::size_t at, PeriodMention* out, std::size_t* end) {
  std::size_t i = at;
  auto number = [&](std::size_t from, std::size_t* to) -> std::optional<int> {
    auto v = small_count(text, from, to);
    if (v && *v >= 1 && *v <= 12) return v;
    return std::nullopt;
  };
  static const std::array<std::pair<std::string_view, std::pair<int, int>>, 12> named = {{
      {"前三季度", {1, 9}}, {"前3季度", {1, 9}}, {"上半年", {1, 6}}, {"下半年", {7, 12}},
      {"第一季度", {1, 3}}, {"一季度", {1, 3}}, {"1季度", {1, 3}}, {"第二季度", {4, 6}},
      {"二季度", {4, 6}}, {"第三季度", {7, 9}}, {"三季度", {7, 9}}, {"前两季度", {1, 6}}}};
  // Their first bytes, so that a month number (most calls) skips the list.
  static const std::array<bool, 256> named_first = [] {
    std::array<bool, 256> firsts{};
    for (const auto& entry : named) firsts[static_cast<unsigned char>(entry.first[0])] = true;
    return firsts;
  }();
  const bool may_be_named = i < text.size() && named_first[static_cast<unsigned char>(text[i])];
  for (auto [word, months] : named) {
    if (!may_be_named) break;
    if (starts_with_at(text, i, word)) {
      out->month_start = months.first;
      out->month_end = months.second;
      *end = i + word.size();
      return true;
    }
  }
  std::size_t after = 0;
  // 前11个月, 前三个月: from January.
  if (starts_with_at(text, i, "前")) {
    if (auto n = number(i + 3, &after); n && starts_with_at(text, after, "个月")) {
      out->month_start = 1;
      out->month_end = *n;
      *end = after + 6;
      return true;
    }
    return false;
  }
  auto first = number(i, &after);
  if (!first) return false;
  i = after;
  if (starts_with_at(text, i, "月份")) i += 6;
  else if (starts_with_at(text, i, "月")) i += 3;
  for (std::string_view dash : {"-", "—", "–", "~", "至", "到", "－", "―"}) {
    if (starts_with_at(text, i, dash)) {
      auto second = number(i + dash.size(), &after);
      if (second && *second >= *first && (starts_with_at(text, after, "月"))) {
        out->month_start = *first;
        out->month_end = *second;
        *end = after + 3;
        if (starts_with_at(text, *end, "份")) *end += 3;
        return true;
      }
      return false;
    }
  }
  if (i == after) return false;  // a bare number, not a month
  // A single month: 截至3月底 / 3月末 is a point in time, 8月当月 a one-month flow.
  if (starts_with_at(text, i, "底") || starts_with_at(text, i, "末")) {
    out->month_end = *first;
    out->as_of = true;
    *end = i + 3;
    return true;
  }
  if (starts_with_at(text, i, "当月") || starts_with_at(text, i, "单月")) {
    out->month_start = out->month_end = *first;
    *end = i + 6;
    return true;
  }
  if (ends_with_before(text, at, "截至") || ends_with_before(text, at, "截止")) {
    out->month_end = *first;
    out->as_of = true;
    *end = i;
    return true;
  }
  return false;
}

// The forms find_periods reads, as bits, and which of them a character can open (the first
// characters of the words above), so that one that opens none is skipped at once and one such
// as 本 or 第 is tried against its own forms alone. A switch, since this runs at every
// character of every sentence.
enum Form : unsigned { kPlan = 1, kYear = 2, kRelative = 4, kRecent = 8, kMonths = 16 };

unsigned forms_opened_by(char32_t c) {
  if (c >= U'0' && c <= U'9') return kYear | kRecent | kMonths;
  switch (c) {
    case U'十': return kPlan | kRecent | kMonths;
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七':
    case U'八': case U'九':
      return kYear | kRecent | kMonths;
    case U'O': case U'〇': case U'零': case U'○': return kYear;
    case U'两': return kRecent | kMonths;
    case U'去': case U'今': case U'本': case U'当': return kRelative;
    case U'上': case U'前': return kRelative | kMonths;
    case U'下': case U'第': return kMonths;
    case U'近': case U'过': case U'最': return kRecent;
    default: return 0;
  }
}

bool is_issue_or_date(std::string_view text, std::size_t at) {
  std::size_t end = 0;
  if (starts_with_at(text, at, "第")) {
    if (small_count(text, at + 3, &end) &&
        (starts_with_at(text, end, "期") || starts_with_at(text, end, "号"))) {
      return true;
    }
    return false;
  }
  auto month = small_count(text, at, &end);
  if (!month || !starts_with_at(text, end, "月")) return false;
  std::size_t day_end = 0;
  auto day = small_count(text, end + 3, &day_end);
  return day && (starts_with_at(text, day_end, "日") || starts_with_at(text, day_end, "号"));
}

bool preceded_by_base_word(std::string_view text, std::size_t at) {
  for (std::string_view word : {"较", "比", "与", "同比", "相比", "对比", "是", "于"}) {
    if (ends_with_before(text, at, word)) return true;
  }
  return false;
}

bool preceded_by_as_of(std::string_view text, std::size_t at) {
  for (std::string_view word : {"截至", "截止", "截止到", "截至到", "到", "至"}) {
    if (ends_with_before(text, at, word)) return true;
  }
  return false;
}

}  // namespace

std::vector<PeriodMention> find_periods(std::string_view text) { return find_periods(text, 0); }

std::vector<PeriodMention> find_periods(std::string_view text, std::size_t from) {
  // Which characters of the Basic Multilingual Plane open some form, as bits: the switch of
  // forms_opened_by, asked at every character of the text, cost more than all the forms tried.
  static const std::array<std::uint64_t, 0x10000 / 64> opens_bits = [] {
    std::array<std::uint64_t, 0x10000 / 64> bits{};
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (forms_opened_by(c)) bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
    return bits;
  }();
  const auto opens = [&](char32_t c) { return (opens_bits[c >> 6] >> (c & 63)) & 1; };
  std::vector<PeriodMention> out;
  std::size_t i = from;
  while (i < text.size()) {
    // What decode_at gives for a character of one or three bytes, without its general path.
    const auto first = static_cast<unsigned char>(text[i]);
    if (first < 0x80) {
      if (!opens(first)) {
        ++i;
        continue;
      }
    } else if (first >= 0xE0 && first < 0xF0 && i + 3 <= text.size()) {
      const char32_t c = (first & 0x0Fu) << 12 |
                         (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6 |
                         (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      if (!opens(c)) {
        i += 3;
        continue;
      }
    }
    // Every mention starts with a digit or one of a few characters; anything else is skipped
    // at once, which keeps the scan fast on long text.
    std::size_t step = 1;
    const unsigned forms = forms_opened_by(decode_at(text, i, &step));
    if (!forms) {
      i += step;
      continue;
    }
    PeriodMention m;
    m.begin = i;
    std::size_t end = 0;
    // Plans: “十四五”末, 十四五期间, "十三五"时期.
    bool plan = false;
    for (auto [word, last] : {std::pair<std::string_view, int>{"十四五", 2025}, {"十三五", 2020},
                              {"十五五", 2030}, {"十二五", 2015}}) {
      if ((forms & kPlan) && starts_with_at(text, i, word)) {
        std::size_t j = i + word.size();
        for (std::string_view quote : {"”", "\"", "’", "」"}) {
          if (starts_with_at(text, j, quote)) j += quote.size();
        }
        for (std::string_view tail : {"规划", "期"}) {
          if (starts_with_at(text, j, tail)) j += tail.size();
        }
        if (starts_with_at(text, j, "末")) {
          m.kind = PeriodMention::Kind::plan_end;
          m.year = last;
          m.end = j + 3;
        } else {
          m.kind = PeriodMention::Kind::plan_period;
          m.year = last;
          m.first_year = last - 4;
          m.end = j;
          for (std::string_view tail : {"间", "以来", "时期"}) {
            if (starts_with_at(text, m.end, tail)) m.end += tail.size();
          }
        }
        out.push_back(m);
        i = m.end;
        plan = true;
        break;
      }
    }
    if (plan) continue;

    // Years and year ranges.
    if (auto year = forms & kYear ? year_digits(text, i, &end) : std::nullopt) {
      std::size_t j = end;
      std::optional<int> second;
      for (std::string_view dash : {"-", "—", "–", "~", "至", "到", "－", "―"}) {
        if (starts_with_at(text, j, dash)) {
          std::size_t k = j + dash.size();
          if (starts_with_at(text, k, "年")) break;
          std::size_t e2 = 0;
          // A reversed range (2024—2020年) stays a range: what it dates is then refused
          // (its first year after its last) instead of dated by its last year alone.
          if (auto y2 = year_digits(text, k, &e2); y2 && *y2 != *year) {
            second = y2;
            j = e2;
          }
          break;
        }
      }
      if (!second && starts_with_at(text, j, "年")) {
        // 2020年至2024年
        for (std::string_view dash : {"至", "到", "-", "—"}) {
          std::size_t k = j + 3;
          if (starts_with_at(text, k, dash)) {
            std::size_t e2 = 0;
            if (auto y2 = year_digits(text, k + dash.size(), &e2);
                y2 && *y2 != *year && starts_with_at(text, e2, "年")) {
              second = y2;
              j = e2;
            }
          }
        }
      }
      if (starts_with_at(text, j, "年")) {
        j += 3;
        // 2019年第1期 is an issue, 2019年1月19日 a date: neither is a period figures refer to.
        if (!second && is_issue_or_date(text, j)) {
          i = j;
          continue;
        }
        if (second) {
          m.kind = PeriodMention::Kind::year_range;
          m.first_year = *year;
          m.year = *second;
        } else {
          m.kind = PeriodMention::Kind::year;
          m.year = *year;
          if (starts_with_at(text, j, "度")) j += 3;
          if (starts_with_at(text, j, "底") || starts_with_at(text, j, "末") ||
              starts_with_at(text, j, "年底") || starts_with_at(text, j, "年末")) {
            m.as_of = true;
            j += starts_with_at(text, j, "年") ? 6 : 3;
          } else {
            std::size_t e2 = 0;
            PeriodMention months;
            if (month_range(text, j, &months, &e2)) {
              m.month_start = months.month_start;
              m.month_end = months.month_end;
              m.as_of = months.as_of;
              j = e2;
            } else if (preceded_by_as_of(text, i)) {
              // 截至2023年6月: the end of that month.
              std::size_t after = 0;
              if (auto month = small_count(text, j, &after);
                  month && *month >= 1 && *month <= 12 && starts_with_at(text, after, "月")) {
                m.month_end = *month;
                j = after + 3;
                for (std::string_view tail : {"底", "末", "份"}) {
                  if (starts_with_at(text, j, tail)) j += tail.size();
                }
              }
            }
          }
          m.as_of = m.as_of || preceded_by_as_of(text, i);
        }
        m.end = j;
        m.is_base = preceded_by_base_word(text, i);
        out.push_back(m);
        i = j;
        continue;
      }
    }

    // Relative years.
    static const std::array<std::pair<std::string_view, int>, 9> relative = {{
        {"去年", -1}, {"上年", -1}, {"上一年", -1}, {"前年", -2}, {"今年", 0},
        {"本年", 0}, {"当年", 0}, {"上一年度", -1}, {"上年度", -1}}};
    bool matched = false;
    for (auto [word, offset] : relative) {
      if (!(forms & kRelative)) break;
      if (starts_with_at(text, i, word)) {
        m.kind = PeriodMention::Kind::relative;
        m.year = offset;
        m.end = i + word.size();
        m.is_base = preceded_by_base_word(text, i) || starts_with_at(text, m.end, "同期");
        if (starts_with_at(text, m.end, "底") || starts_with_at(text, m.end, "末")) {
          m.as_of = true;
          m.end += 3;
        }
        out.push_back(m);
        i = m.end;
        matched = true;
        break;
      }
    }
    if (matched) continue;

    // 近三年, 近3年来, 三年来, 3年来, 三年累计, 过去三年.
    if (forms & kRecent) {
      std::size_t j = i;
      bool recent = false;
      for (std::string_view lead : {"近", "过去", "最近"}) {
        if (starts_with_at(text, j, lead)) {
          j += lead.size();
          recent = true;
          break;
        }
      }
      std::size_t after = 0;
      if (auto n = small_count(text, j, &after); n && *n >= 2 && *n <= 10 &&
                                                  starts_with_at(text, after, "年")) {
        std::size_t k = after + 3;
        bool tail = false;
        for (std::string_view word : {"来", "以来", "累计", "间", "中"}) {
          if (starts_with_at(text, k, word)) {
            k += word.size();
            tail = true;
            break;
          }
        }
        if (recent || tail) {
          m.kind = PeriodMention::Kind::recent_years;
          m.first_year = *n;
          m.end = k;
          out.push_back(m);
          i = k;
          continue;
        }
      }
    }

    // Months with no year of their own.
    if (forms & kMonths) {
      PeriodMention months;
      std::size_t e2 = 0;
      const bool at_boundary = i == 0 || !is_ascii_digit(text[i - 1]);
      if (at_boundary && month_range(text, i, &months, &e2)) {
        months.kind = PeriodMention::Kind::months_only;
        months.begin = i;
        months.end = e2;
        months.is_base = starts_with_at(text, e2, "同期");
        out.push_back(months);
        i = e2;
        continue;
      }
    }

    std::size_t length = 1;
    decode_at(text, i, &length);
    i += length;
  }
  return out;
}

std::optional<int> world_ip_day_year(std::string_view text) {
  const std::string_view marker = "个世界知识产权日";
  const auto at = text.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  // Walk back over the ordinal: 第二十二 / 第22.
  std::size_t begin = at;
  while (begin > 0) {
    const std::size_t previous = previous_boundary(text, begin);
    const auto piece = text.substr(previous, begin - previous);
    if (piece == "第") break;
    if (!(piece.size() == 1 && is_ascii_digit(piece[0])) &&
        std::string_view("一二三四五六七八九十").find(piece) == std::string_view::npos) {
      return std::nullopt;
    }
    begin = previous;
    if (at - begin > 15) return std::nullopt;
  }
  const auto digits = text.substr(begin, at - begin);
  int n = 0;
  if (!digits.empty() && is_ascii_digit(digits[0])) {
    if (digits.size() > 2) return std::nullopt;  // only 1..99 can be meant; more would overflow
    for (char c : digits) n = n * 10 + (c - '0');
  } else {
    // 二十二 = 2×10+2; 十二 = 12; 二十 = 20.
    int tens = 0, units = 0;
    std::size_t i = 0;
    auto digit = [&](std::size_t at2, std::size_t* len) {
      std::size_t l = 0;
      int d = chinese_digit(digits, at2, &l);
      *len = l;
      return d;
    };
    std::size_t len = 0;
    int d = digit(i, &len);
    if (d > 0) {
      i += len;
      units = d;
    }
    if (digits.substr(i, 3) == "十") {
      tens = units == 0 ? 1 : units;
      units = 0;
      i += 3;
      d = digit(i, &len);
      if (d > 0) units = d;
    }
    n = tens * 10 + units;
  }
  if (n < 1 || n > 99) return std::nullopt;
  return 2000 + n;  // the first World IP Day was 26 April 2001
}

}  // namespace iprdb::detail
