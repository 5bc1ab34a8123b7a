#include "extract/document_context.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "extract/period.hpp"
#include "extract/utf8.hpp"

namespace iprdb::detail {
namespace {

// Only the head of a page carries its date; a bounded prefix keeps std::regex cheap.
constexpr std::size_t kHeadBytes = 1500;
// Mentions in the title and the opening count more towards the subject region.
constexpr std::size_t kOpeningBytes = 600;

bool valid_date(int year, int month, int day) {
  return year >= 1980 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool is_c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

// What std::regex_search made of
//   (19[89]\d|20\d\d)\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*(?:日)?
// read by hand: at each start the match is decided without backtracking (a space never
// separates, and a second digit of the month leaves no separator after the first), so the
// leftmost start that matches is the one the regex found. \d is 0-9 and \s the C locale's
// spaces. The regex cost 1 % of extraction.
std::optional<PublicationDate> first_date_in(std::string_view text) {
  const std::size_t n = text.size();
  const auto digit = [&](std::size_t k) { return k < n && is_ascii_digit(text[k]); };
  const auto spaces = [&](std::size_t k) {
    while (k < n && is_c_space(text[k])) ++k;
    return k;
  };
  const auto separator = [&](std::size_t k, std::string_view word) {
    if (k < n && (text[k] == '-' || text[k] == '/' || text[k] == '.')) return k + 1;
    return text.substr(k, word.size()) == word ? k + word.size() : std::string_view::npos;
  };
  const auto number = [&](std::size_t begin, std::size_t length) {
    int value = 0;
    for (std::size_t k = begin; k < begin + length; ++k) value = value * 10 + (text[k] - '0');
    return value;
  };
  for (std::size_t s = 0; s + 4 <= n; ++s) {
    const bool year = (text[s] == '1' && text[s + 1] == '9' &&
                       (text[s + 2] == '8' || text[s + 2] == '9') && digit(s + 3)) ||
                      (text[s] == '2' && text[s + 1] == '0' && digit(s + 2) && digit(s + 3));
    if (!year) continue;
    std::size_t k = separator(spaces(s + 4), "年");
    if (k == std::string_view::npos) continue;
    k = spaces(k);
    if (!digit(k)) continue;
    const std::size_t month_at = k, month_digits = digit(k + 1) ? 2 : 1;
    k = separator(spaces(k + month_digits), "月");
    if (k == std::string_view::npos) continue;
    k = spaces(k);
    if (!digit(k)) continue;
    const std::size_t day_at = k, day_digits = digit(k + 1) ? 2 : 1;
    const int y = number(s, 4), mo = number(month_at, month_digits), d = number(day_at, day_digits);
    if (!valid_date(y, mo, d)) return std::nullopt;
    return PublicationDate{y, mo, d};
  }
  return std::nullopt;
}

namespace {

std::optional<PublicationDate> date_in(std::string_view text) { return first_date_in(text); }

// Where the date after a label at `at` would start (发布时间: 2023-05-09), or npos when no
// label starts there. This is what std::regex made of (发布时间|…|时间)\s*[:：]?\s*, which cost
// nearly a tenth of extraction: spaces as \s has them in the C locale, then at most one byte
// of the bracket, which held ':' and the three bytes of "：" as four characters, then spaces.
std::size_t after_date_label(std::string_view text, std::size_t at) {
  static constexpr std::array<std::string_view, 7> labels = {
      "发布时间", "发布日期", "发布于", "发文日期", "成文日期", "日期", "时间"};
  const auto label = std::find_if(labels.begin(), labels.end(), [&](std::string_view word) {
    return text.substr(at, word.size()) == word;
  });
  if (label == labels.end()) return std::string_view::npos;
  std::size_t end = at + label->size();
  const auto skip_spaces = [&] {
    while (end < text.size() && (text[end] == ' ' || (text[end] >= '\t' && text[end] <= '\r'))) {
      ++end;
    }
  };
  skip_spaces();
  const std::string_view colon_bytes = ":\xEF\xBC\x9A";
  if (end < text.size() && colon_bytes.find(text[end]) != std::string_view::npos) ++end;
  skip_spaces();
  return end;
}

std::optional<PublicationDate> published_in_text(std::string_view text) {
  const std::string head(text.substr(0, std::min(text.size(), kHeadBytes)));
  // A labelled date first: 发布时间: 2023-05-09, 发布日期：2023年5月9日, 日期: 2023/5/9.
  for (std::size_t at = 0; at < head.size();) {
    const std::size_t from = after_date_label(head, at);
    if (from == std::string_view::npos) {
      ++at;
      continue;
    }
    if (auto d = date_in(head.substr(from, 40)); d) return d;
    at = from;
  }
  // Otherwise a date standing on a short line of its own near the top (2020-01-01 08:51 来源: …).
  std::size_t start = 0;
  for (int line = 0; line < 12 && start < head.size(); ++line) {
    auto end = head.find('\n', start);
    if (end == std::string::npos) end = head.size();
    const auto piece = head.substr(start, end - start);
    if (count_code_points(piece) <= 60) {
      if (auto d = date_in(piece); d) return d;
    }
    start = end + 1;
  }
  if (auto year = world_ip_day_year(text)) return PublicationDate{*year, 4, std::nullopt};
  return std::nullopt;
}

std::string first_line_title(std::string_view text) {
  // The first line that reads like a headline: not navigation (»/>), not a date line, short.
  std::size_t start = 0;
  for (int line = 0; line < 8 && start < text.size(); ++line) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto piece = text.substr(start, end - start);
    while (!piece.empty() && (piece.front() == ' ' || piece.front() == '\t')) piece.remove_prefix(1);
    const auto length = count_code_points(piece);
    const bool chrome = piece.find("»") != std::string_view::npos ||
                        piece.find("当前位置") != std::string_view::npos ||
                        piece.find("所在的位置") != std::string_view::npos ||
                        piece.find("首页") != std::string_view::npos;
    if (length >= 6 && length <= 80 && !chrome && !date_in(piece)) {
      return std::string(piece);
    }
    start = end + 1;
  }
  return {};
}

struct LevelHints {
  int province = 0, prefecture = 0, country = 0;
};

LevelHints level_hints(std::string_view text) {
  // Each word is two characters of three UTF-8 bytes; a character as the 24-bit number of its
  // bytes. The text is read one character at a time and the second character looked at only
  // after a first one that opens a word (全 我 本 省 市): comparing every word at every
  // character was an eighth of all extraction time.
  struct Word {
    std::uint32_t first, second;
    int LevelHints::*count;
  };
  static constexpr auto utf8_24 = [](std::string_view c) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(c[0])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(c[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(c[2]));
  };
  static const std::vector<Word> words = [] {
    std::vector<Word> out;
    auto add = [&](std::initializer_list<std::string_view> list, int LevelHints::*count) {
      for (auto word : list) out.push_back({utf8_24(word.substr(0, 3)), utf8_24(word.substr(3, 3)), count});
    };
    add({"全省", "我省", "本省", "省内", "全区", "我区"}, &LevelHints::province);
    add({"全市", "我市", "本市", "市内", "全州", "我州"}, &LevelHints::prefecture);
    add({"全国", "我国"}, &LevelHints::country);
    return out;
  }();
  // 全 我 本 省 市: asked at every character, so each once, and the search stops at a match.
  static const std::vector<std::uint32_t> firsts = [] {
    std::vector<std::uint32_t> out;
    for (const auto& word : words) {
      if (std::find(out.begin(), out.end(), word.first) == out.end()) out.push_back(word.first);
    }
    return out;
  }();
  // Their last bytes, which rule out nearly every other character before the list is asked.
  static const std::array<bool, 256> last_bytes = [] {
    std::array<bool, 256> out{};
    for (auto first : firsts) out[first & 0xFF] = true;
    return out;
  }();
  LevelHints hints;
  for (std::size_t at = 0; at + 6 <= text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0xE0 || byte > 0xEF) {  // not the start of a three-byte character
      ++at;
      continue;
    }
    if (!last_bytes[static_cast<unsigned char>(text[at + 2])]) {
      at += 3;
      continue;
    }
    const std::uint32_t first = utf8_24(text.substr(at, 3));
    if (std::find(firsts.begin(), firsts.end(), first) != firsts.end()) {
      const std::uint32_t second = utf8_24(text.substr(at + 3, 3));
      for (const auto& word : words) {
        if (word.first == first && word.second == second) ++(hints.*word.count);
      }
    }
    at += 3;
  }
  return hints;
}

// A unit abolished before the bulletin's time (莱芜市 after 2018) cannot be its subject; in an
// older bulletin it can.
bool existed(const Region& region, std::optional<int> year) {
  return !region.is_historical() || (year && *year <= *region.valid_to);
}

std::optional<std::size_t> subject_region(std::string_view text,
                                          const std::vector<PhraseMatcher::Match>& names,
                                          std::string_view title, std::optional<int> year,
                                          const Lexicon& lexicon) {
  const auto& regions = lexicon.gazetteer().regions();
  std::map<std::size_t, double> score;
  auto tally = [&](const std::vector<PhraseMatcher::Match>& matches, double weight) {
    for (const auto& match : matches) {
      const auto& candidates = lexicon.region_names()[match.id];
      for (auto index : candidates) {
        if (!existed(regions[index], year) || regions[index].level == RegionLevel::county) continue;
        score[index] += weight / static_cast<double>(candidates.size());
      }
    }
  };
  tally(lexicon.regions().find_longest(title), 6);
  tally(lexicon.regions().find_longest(text.substr(0, std::min(text.size(), kOpeningBytes))), 2);
  tally(PhraseMatcher::longest_of(names), 1);
  const auto hints = level_hints(text);
  const bool prefers_prefecture = hints.prefecture > hints.province;
  std::optional<std::size_t> best;
  double best_score = 0;
  for (auto [index, value] : score) {
    const auto& region = regions[index];
    // 全市 also fits the four municipalities, which are provincial-level.
    const bool municipality = region.level == RegionLevel::province && region.name.size() > 3 &&
                              region.name.substr(region.name.size() - 3) == "市";
    double weighted = value;
    if (prefers_prefecture && (region.level == RegionLevel::prefecture || municipality)) weighted *= 3;
    if (!prefers_prefecture && hints.province > 0 && region.level == RegionLevel::province) weighted *= 3;
    if (weighted > best_score) {
      best_score = weighted;
      best = index;
    }
  }
  // A release that goes through the provinces one by one (北京市…件,天津市为…件,上海市…) is about
  // the country, not about the first province it names.
  if (best && regions[*best].level == RegionLevel::province) {
    std::size_t rivals = 0;
    for (auto [index, value] : score) {
      if (index != *best && regions[index].level == RegionLevel::province &&
          value * 3 >= score[*best]) {
        ++rivals;
      }
    }
    if (rivals >= 2) best.reset();
  }
  if (!best && (hints.country > 0 || !score.empty())) {
    const int country = lexicon.region_index(0);
    if (country >= 0) best = static_cast<std::size_t>(country);
  }
  return best;
}

std::optional<int> reporting_year(const std::vector<PeriodMention>& periods,
                                  const std::optional<PublicationDate>& published) {
  std::map<int, int> mentions;
  for (const auto& m : periods) {
    if (m.kind == PeriodMention::Kind::year && !m.is_base) ++mentions[m.year];
    if (m.kind == PeriodMention::Kind::relative && published && !m.is_base) {
      ++mentions[published->year + m.year];
    }
  }
  std::optional<int> best;
  int best_count = 0;
  for (auto [year, count] : mentions) {
    if (published && year > published->year) continue;
    if (published && year < published->year - 3) continue;
    if (count >= best_count) {
      best = year;
      best_count = count;
    }
  }
  if (best) return best;
  if (published) {
    // Annual bulletins come out in the first half of the following year.
    return published->month && *published->month <= 6 ? published->year - 1 : published->year;
  }
  return std::nullopt;
}

}  // namespace

std::string PublicationDate::to_string() const {
  if (month && day) return fmt::format("{:04d}-{:02d}-{:02d}", year, *month, *day);
  if (month) return fmt::format("{:04d}-{:02d}", year, *month);
  return fmt::format("{:04d}", year);
}

std::optional<PublicationDate> PublicationDate::parse(std::string_view text) {
  const std::string s(text);
  static const std::regex full(R"(^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*(?:日)?\s*$)");
  static const std::regex month(R"(^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:月)?\s*$)");
  static const std::regex year(R"(^\s*(\d{4})\s*(?:年)?\s*$)");
  std::smatch m;
  if (std::regex_match(s, m, full)) {
    PublicationDate d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
    if (valid_date(d.year, *d.month, *d.day)) return d;
  } else if (std::regex_match(s, m, month)) {
    PublicationDate d{std::stoi(m[1]), std::stoi(m[2]), std::nullopt};
    if (valid_date(d.year, *d.month, 1)) return d;
  } else if (std::regex_match(s, m, year)) {
    PublicationDate d{std::stoi(m[1]), std::nullopt, std::nullopt};
    if (valid_date(d.year, 1, 1)) return d;
  }
  return std::nullopt;
}

DocumentContext read_document_context(std::string_view text, std::string_view title_hint,
                                      const std::optional<PublicationDate>& published,
                                      const Lexicon& lexicon) {
  DocumentContext context;
  context.title = title_hint.empty() ? first_line_title(text) : std::string(title_hint);
  context.published = published ? published : published_in_text(text);
  context.scanned = text;
  context.periods = find_periods(text);
  context.region_names = lexicon.regions().find_all(text);
  context.subject_region = subject_region(
      text, context.region_names, context.title,
      context.published ? std::optional<int>(context.published->year) : std::nullopt, lexicon);
  context.reporting_year = reporting_year(context.periods, context.published);
  return context;
}

}  // namespace iprdb::detail
