#include "extract/assembler.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>
#include <unordered_set>

#include "extract/number.hpp"
#include "extract/period.hpp"
#include "extract/utf8.hpp"

namespace iprdb::detail {
namespace {

using Match = PhraseMatcher::Match;

// How far (in characters) a figure may stand from the words that name it.
constexpr std::size_t kMaxNameGap = 12;
// How many characters may stand between a count and the thing counted after it (50家贵州省…).
constexpr std::size_t kMaxCountedGap = 6;
// How long the words before a figure may be for it to take the indicator of the figure just
// read (金额6.37亿元, 累计达46家, 结案83件).
constexpr std::size_t kMaxCarriedLead = 4;
// …and nothing may follow it in its list item but a word or two: in 为241家企业提供…服务 the
// count is of something else.
constexpr std::size_t kMaxCarriedTail = 2;
// Words that, between a count and a noun after it, show the noun is not what was counted
// (近200家有知识产权质押融资需求的…企业).
constexpr std::array<std::string_view, 13> kGapBreakers = {
    "有", "的", "在", "对", "向", "为", "与", "从", "把", "被", "位居", "位于", "居"};
// The note that marks a figure for domestic owners only (国内, 不含港澳台).
constexpr const char* kDomesticNote = "domestic owners only (国内, excluding Hong Kong, Macao and Taiwan)";
// The opening of a bulletin, where its reporting period is named.
constexpr std::size_t kOpeningBytes = 900;
// A heading is a line no longer than this.
constexpr std::size_t kMaxHeading = 40;

// ---------------------------------------------------------------------------------------------
// Units: which figures an indicator can take.

bool one_of(std::string_view unit, std::initializer_list<std::string_view> units) {
  return std::find(units.begin(), units.end(), unit) != units.end();
}

// Counters of things (件, 个, 起 …) are interchangeable, as the gold rules say: "1020个" is
// stored as 1020 under 件. Entities (家) and persons (人) are not things.
bool item_counter(std::string_view unit) {
  return one_of(unit, {"件", "个", "起", "项", "次", "案", "宗", "笔", "批", "单", "款",
                       "份", "篇", "条", "部", "台", "座", "枚", "张", "套", "所", "户"});
}
bool entity_counter(std::string_view unit) { return one_of(unit, {"家", "户", "个", "所"}); }
bool person_counter(std::string_view unit) { return one_of(unit, {"人", "名", "人次", "位"}); }

bool accepts(const Indicator& indicator, const NumberMatch& number, bool counted_after = false) {
  const std::string_view code = indicator.code;
  // 64.49件/万人 says its own denominator: only an indicator in that unit takes it.
  if (number.unit.find('/') != std::string::npos) return indicator.unit == number.unit;
  std::string_view unit = indicator.unit;
  if (auto slash = unit.find('/'); slash != std::string_view::npos) unit = unit.substr(0, slash);
  switch (number.kind) {
    case NumberKind::money:
      return unit == "元";
    case NumberKind::percent:
      return unit == "%";
    case NumberKind::count:
      if (unit == "人") return person_counter(number.unit);
      if (unit == "家") return entity_counter(number.unit);
      if (unit == "元" || unit == "%") return false;
      // 个 counts stations and centres as much as things (13家商标品牌指导站), and a count of
      // enterprises placed before a programme counts its projects (7家企业开展…试点项目).
      if ((unit == "个" || (counted_after && unit == "项")) && entity_counter(number.unit))
        return true;
      // Statistics count patents, trademarks and registrations in 件; "获得软件著作权20项" is one
      // body's achievements.
      if (unit == "件" && number.unit == "项" &&
          (code.rfind("patent.", 0) == 0 || code.rfind("trademark.", 0) == 0 ||
           code.rfind("copyright.", 0) == 0 || code.rfind("gi.", 0) == 0)) {
        return false;
      }
      return item_counter(number.unit);
    default:
      return false;
  }
}

std::string_view domain_of(std::string_view code) { return code.substr(0, code.find('.')); }

std::string_view parent_code(std::string_view code) {
  auto dot = code.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : code.substr(0, dot);
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view first_code_points(std::string_view text, std::size_t count) {
  std::size_t at = 0;
  for (std::size_t n = 0; n < count && at < text.size(); ++n) {
    std::size_t length = 1;
    decode_at(text, at, &length);
    at += length;
  }
  return text.substr(0, at);
}

// ---------------------------------------------------------------------------------------------
// Sentences and clauses.

struct Span {
  std::size_t begin;
  std::size_t end;
};

bool starts_with_any(std::string_view text, std::size_t at,
                     std::initializer_list<std::string_view> words, std::size_t* length) {
  // Called at every character of a sentence: the first byte rules out most words cheaply.
  const char first = at < text.size() ? text[at] : '\0';
  for (auto word : words) {
    if ((word.empty() || word.front() == first) && text.substr(at, word.size()) == word) {
      *length = word.size();
      return true;
    }
  }
  return false;
}

// Longer runs without a full stop are page debris or a table flattened into one line; they
// are read in pieces so that reading stays linear in the length of the text.
constexpr std::size_t kMaxSentenceBytes = 3000;

void add_sentence(std::string_view text, Span span, std::vector<Span>& out) {
  while (span.end - span.begin > kMaxSentenceBytes) {
    std::size_t cut = span.begin + kMaxSentenceBytes;
    while (cut > span.begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.push_back({span.begin, cut});
    span.begin = cut;
  }
  if (span.end > span.begin) out.push_back(span);
}

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> out;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 0;
    // Only these first bytes can open a sentence end ("。" E3, "！" and "？" EF).
    const auto first = static_cast<unsigned char>(text[i]);
    // Any other three-byte lead: decode_at would give 3, and nothing ends here.
    if (first >= 0xE0 && first < 0xF0 && first != 0xE3 && first != 0xEF && i + 3 <= text.size()) {
      i += 3;
      continue;
    }
    const bool may_end = first == '\n' || first == '!' || first == '?' || first == 0xE3 || first == 0xEF;
    if (may_end && starts_with_any(text, i, {"。", "！", "？", "\n", "!", "?"}, &length)) {
      if (i > start) add_sentence(text, {start, text[i] == '\n' ? i : i + length}, out);
      i += length;
      start = i;
    } else {
      decode_at(text, i, &length);
      i += length;
    }
  }
  if (start < text.size()) add_sentence(text, {start, text.size()}, out);
  return out;
}

bool is_clause_mark(std::string_view text, std::size_t at, std::size_t* length) {
  // Only these first bytes can open a clause mark ("，" "：" "；" start with EF).
  if (at >= text.size()) return false;
  const auto first = static_cast<unsigned char>(text[at]);
  if (first != ',' && first != ':' && first != '\t' && first != ';' && first != 0xEF) return false;
  if (!starts_with_any(text, at, {",", "，", ":", "：", "\t", "；", ";"}, length)) return false;
  // A comma between digits is a thousands separator, not a clause mark.
  return !(text[at] == ',' && at > 0 && at + 1 < text.size() && is_ascii_digit(text[at - 1]) &&
           is_ascii_digit(text[at + 1]));
}

// ---------------------------------------------------------------------------------------------

struct Months {
  std::optional<int> start;
  std::optional<int> end;
};

struct EmittedFact {
  Fact fact;
  int indicator = -1;
  std::size_t number_begin = 0;  // in the sentence
  bool growth_rate = false;      // stated as a rate of growth (增速): what a rank after it ranks
};

class SentenceReader {
 public:
  SentenceReader(std::string_view text, const DocumentContext& context, const Lexicon& lexicon)
      : text_(text), context_(context), lexicon_(lexicon) {
    if (context.published) publication_year_ = context.published->year;
    reporting_year_ = context.reporting_year.value_or(publication_year_.value_or(0));
    // The periods of the opening. Those the whole text's scan found well before its end are
    // the opening's own (a scan looks ahead only so far), and the first that names the months
    // is usually among them; only if none does is the rest of the opening scanned, from the
    // end of the last of them.
    const std::string_view opening = text.substr(0, std::min(text.size(), kOpeningBytes));
    const auto names_months = [&](const PeriodMention& p) {
      if (p.is_base || !p.month_end) return false;
      return p.kind == PeriodMention::Kind::months_only ||
             (p.kind == PeriodMention::Kind::year && p.year == reporting_year_);
    };
    std::size_t resume = 0;
    if (whole_text_read_ && opening.size() > kPeriodLookahead) {
      for (const auto& p : context.periods) {
        if (p.begin >= opening.size() - kPeriodLookahead) break;
        if (names_months(p)) {
          document_months_ = Months{p.month_start, p.month_end};
          return;
        }
        resume = p.end;
      }
    }
    for (const auto& p : find_periods(opening, resume)) {
      if (names_months(p)) {
        document_months_ = Months{p.month_start, p.month_end};
        break;
      }
    }
  }

  std::vector<Fact> read() {
    std::vector<Fact> out;
    std::size_t paragraph_start = std::string_view::npos;
    std::size_t this_paragraph = 0;
    std::size_t scanned = 0;  // newlines before here are accounted for
    for (const auto& sentence : split_sentences(text_)) {
      // Both cursors only move forward, so a bulletin is read in time linear in its length.
      const auto before = text_.substr(0, sentence.begin);
      for (auto nl = before.find('\n', scanned); nl != std::string_view::npos;
           nl = before.find('\n', nl + 1)) {
        this_paragraph = nl + 1;
      }
      scanned = sentence.begin;
      sentence_code_points_ += count_code_points(text_.substr(counted_to_, sentence.begin - counted_to_));
      counted_to_ = sentence.begin;
      if (this_paragraph != paragraph_start) {
        paragraph_start = this_paragraph;
        paragraph_year_.reset();
        paragraph_months_.reset();
        paragraph_plan_.reset();
        read_heading(this_paragraph);
      }
      read_sentence(sentence, out);
    }
    return out;
  }

 private:
  // A short line without punctuation is a heading. One that opens a section ("三、2022年我市
  // 知识产权工作安排", or an unmarked one such as "记者问答") sets the year of what follows until
  // the next, and makes it targets when it is about plans; a sub-heading ("(一)…") only
  // refines the year.
  void read_heading(std::size_t begin) {
    auto end = text_.find('\n', begin);
    const auto line =
        text_.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    // A code point is at most four bytes: a paragraph longer than that is not counted.
    if (line.empty() || line.size() > 4 * kMaxHeading || count_code_points(line) > kMaxHeading) {
      return;
    }
    for (std::string_view mark : {"。", ",", "，", "；", ";", "!", "?", "！", "？"}) {
      if (line.find(mark) != std::string_view::npos) return;
    }
    // A line lies between line breaks, so the whole text's periods serve it (see after_mark).
    const Span span{begin, begin + line.size()};
    std::optional<int> year;
    for (const auto& p : whole_text_read_ ? within(context_.periods, span) : find_periods(line)) {
      if (p.is_base) continue;
      if (p.kind == PeriodMention::Kind::year) year = p.year;
      if (p.kind == PeriodMention::Kind::relative) year = resolve_relative(p.year);
    }
    std::size_t length = 0;
    const bool sub_heading =
        starts_with_any(line, 0, {"(", "（", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
                        &length) &&
        !year;
    if (sub_heading) return;
    if (starts_with_any(line, 0, {"("}, &length)) {
      if (year) section_year_ = year;
      return;
    }
    section_year_ = year;
    section_target_ = false;
    if (!year) return;
    for (std::string_view word : {"安排", "计划", "目标", "打算", "思路", "要点", "任务"}) {
      if (line.find(word) != std::string_view::npos) section_target_ = true;
    }
  }

  // --- per sentence --------------------------------------------------------------------------
  // The sentence as it is read: asides in brackets without figures ("(电子)", "(TISC)",
  // "(读者出版集团、…)") and filler words (各类) are left out, so that 受理专利(电子)申请 reads as
  // 受理专利申请. Quotes still come from the original text.
  void make_reading_view(std::string_view raw) {
    // Most sentences hold nothing to leave out: they are read as written, without a copy.
    view_is_raw_ = raw.find('(') == std::string_view::npos &&
                   raw.find(' ') == std::string_view::npos &&
                   raw.find("各") == std::string_view::npos;
    if (view_is_raw_) {
      sentence_ = raw;
      return;
    }
    view_.clear();
    origin_.clear();
    // Bytes are kept in runs up to the next one that can open an aside, a space or a filler
    // word; copying byte by byte was a tenth of extraction.
    auto keep = [&](std::size_t begin, std::size_t end) {
      view_.append(raw.data() + begin, end - begin);
      const std::size_t at = origin_.size();
      origin_.resize(at + end - begin);
      std::iota(origin_.begin() + static_cast<std::ptrdiff_t>(at), origin_.end(), begin);
    };
    // 各 is E5 90 84; E5 alone opens thousands of characters.
    const auto opens_filler = [&](std::size_t at) {
      return raw[at] == '\xE5' && raw.substr(at + 1, 2) == "\x90\x84";
    };
    for (std::size_t i = 0; i < raw.size();) {
      std::size_t run = i;
      while (run < raw.size() && raw[run] != '(' && raw[run] != ' ' && !opens_filler(run)) ++run;
      keep(i, run);
      i = run;
      if (i == raw.size()) break;
      if (raw[i] == '(') {
        const auto close = raw.find(')', i + 1);
        if (close != std::string_view::npos && close - i <= 240) {
          const auto inside = raw.substr(i + 1, close - i - 1);
          const bool plain = std::none_of(inside.begin(), inside.end(),
                                          [](char c) { return is_ascii_digit(c) || c == '('; });
          if (plain) {
            i = close + 1;
            continue;
          }
        }
      }
      // Spaces that layout put between figures and words ("2019 年 1-9 月", "99.8 万件") are
      // not part of what is said; only a space between two Latin words is.
      if (raw[i] == ' ') {
        const bool latin_before =
            !view_.empty() && std::isalpha(static_cast<unsigned char>(view_.back()));
        const bool latin_after =
            i + 1 < raw.size() && std::isalpha(static_cast<unsigned char>(raw[i + 1]));
        if (!(latin_before && latin_after)) {
          ++i;
          continue;
        }
      }
      std::size_t length = 0;
      if (raw[i] == '\xE5' && starts_with_any(raw, i, {"各类", "各种"}, &length) &&
          !(i >= 3 && raw.substr(i - 3, 3) == "等")) {
        i += length;
        continue;
      }
      keep(i, i + 1);
      ++i;
    }
    origin_.push_back(raw.size());
    sentence_ = view_;
  }
  // Where byte `at` of the sentence as read is in the sentence as written (raw_).
  std::size_t raw_offset(std::size_t at) const { return view_is_raw_ ? at : origin_[at]; }

  // A sentence read as written (its view leaves nothing out) takes its share of the periods
  // and region names that the document context found in the whole text, instead of being
  // searched again. For periods it must also be bounded by sentence marks (。！？!? or a line
  // break) on both sides: no period form reads across one, nor looks back across one for 较 or
  // 截至, so there the scan of the whole text and the scan of the sentence alone agree. A piece
  // cut from an over-long run is searched on its own.
  bool after_mark(std::size_t at) const {
    if (at == 0 || text_[at - 1] == '\n') return true;
    const auto before = text_.substr(0, at);
    for (std::string_view mark : {"。", "！", "？", "!", "?"}) {
      if (ends_with(before, mark)) return true;
    }
    return false;
  }
  bool between_marks(Span span) const {
    return after_mark(span.begin) &&
           (span.end == text_.size() || text_[span.end] == '\n' || after_mark(span.end));
  }
  // The items of `all` (period mentions or phrase matches, ordered by begin) that lie inside
  // `span`, in offsets from its start.
  template <typename Item>
  static std::vector<Item> within(const std::vector<Item>& all, Span span) {
    std::vector<Item> out;
    auto it = std::lower_bound(all.begin(), all.end(), span.begin,
                               [](const Item& item, std::size_t at) { return item.begin < at; });
    for (; it != all.end() && it->begin < span.end; ++it) {
      if (it->end > span.end) continue;
      Item item = *it;
      item.begin -= span.begin;
      item.end -= span.begin;
      out.push_back(item);
    }
    return out;
  }

  void read_sentence(Span span, std::vector<Fact>& out) {
    raw_ = text_.substr(span.begin, span.end - span.begin);
    make_reading_view(raw_);
    offset_ = span.begin;
    const bool as_written = whole_text_read_ && sentence_.size() == raw_.size();
    periods_ = as_written && between_marks(span) ? within(context_.periods, span)
                                                 : find_periods(sentence_);
    numbers_ = find_numbers(sentence_);
    emitted_.clear();
    if (!numbers_.empty()) {
      lowered_.assign(sentence_.data(), sentence_.size());
      for (char& c : lowered_) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      indicators_ = lexicon_.indicators().find_longest(lowered_);
      regions_ = as_written ? PhraseMatcher::longest_of(within(context_.region_names, span))
                            : lexicon_.regions().find_longest(sentence_);
      cues_ = lexicon_.cues().find_longest(sentence_);
      scopes_read_ = false;  // only a rank asks for them (read_rank)
      clause_marks_.clear();
      for (std::size_t i = 0; i < sentence_.size();) {
        std::size_t length = 1;
        if (is_clause_mark(sentence_, i, &length)) {
          clause_marks_.push_back(i);
        } else {
          decode_at(sentence_, i, &length);
        }
        i += length;
      }
      for (std::size_t k = 0; k < numbers_.size(); ++k) read_number(k);
      read_unchanged();
      for (auto& e : emitted_) out.push_back(std::move(e.fact));
    }
    remember_topic_periods();
  }

  // A year that opens a sentence ("2021年底,…", "2022年,…") sets the scene for the rest of
  // its paragraph; a year inside a noun phrase (列入2025年立法计划) does not.
  bool is_topic(const PeriodMention& p) const {
    const Span clause = clause_of(p.begin);
    std::size_t lead = count_code_points(sentence_.substr(clause.begin, p.begin - clause.begin));
    return lead <= 3;
  }

  void remember_topic_periods() {
    for (const auto& p : periods_) {
      if (p.is_base || !is_topic(p)) continue;
      if (p.kind == PeriodMention::Kind::year) {
        paragraph_year_ = p.year;
        paragraph_months_ = Months{p.month_start, p.month_end};
      }
      if (p.kind == PeriodMention::Kind::relative) {
        paragraph_year_ = resolve_relative(p.year);
        paragraph_months_ = Months{};
      }
      if (p.kind == PeriodMention::Kind::months_only)
        paragraph_months_ = Months{p.month_start, p.month_end};
    }
    for (const auto& p : periods_) {
      if (p.kind == PeriodMention::Kind::plan_end || p.kind == PeriodMention::Kind::plan_period) {
        paragraph_plan_ = p;
      }
    }
  }

  Span clause_of(std::size_t at) const {
    Span clause{0, sentence_.size()};
    for (auto mark : clause_marks_) {
      if (mark < at) clause.begin = mark + 1;
      if (mark >= at) {
        clause.end = mark;
        break;
      }
    }
    while (clause.begin < sentence_.size() &&
           (static_cast<unsigned char>(sentence_[clause.begin]) & 0xC0) == 0x80) {
      ++clause.begin;
    }
    return clause;
  }

  // The list item a figure stands in: the clause, cut at 、 on either side.
  // The list item a figure stands in: the clause, cut at 、 on either side (but not at a 、
  // inside a name such as 收缴、扣押赃款赃物).
  Span item_of(std::size_t at, Span clause) const {
    Span item = clause;
    const std::string_view mark = "、";
    auto inside_name = [&](std::size_t pos) {
      return std::any_of(indicators_.begin(), indicators_.end(),
                         [&](const Match& m) { return m.begin < pos && pos < m.end; });
    };
    for (auto before = sentence_.rfind(mark, at);
         before != std::string_view::npos && before >= clause.begin;
         before = before == 0 ? std::string_view::npos : sentence_.rfind(mark, before - 1)) {
      if (!inside_name(before)) {
        item.begin = before + mark.size();
        break;
      }
    }
    for (auto after = sentence_.find(mark, at); after != std::string_view::npos && after < clause.end;
         after = sentence_.find(mark, after + 1)) {
      if (!inside_name(after)) {
        item.end = after;
        break;
      }
    }
    return item;
  }

  const Match* find_cue(std::size_t from, std::size_t to, Cue cue) const {
    const Match* found = nullptr;
    for (const auto& c : cues_) {
      if (c.begin >= from && c.end <= to && c.id == static_cast<std::uint32_t>(cue)) found = &c;
    }
    return found;
  }
  bool has_cue(std::size_t from, std::size_t to, Cue cue) const {
    return find_cue(from, to, cue) != nullptr;
  }
  // 比上年增长 and 较上年减少 are one cue each, the comparison inside the verb.
  bool holds_comparison(const Match& verb) const {
    for (const auto& m : lexicon_.cues().find_all(piece(verb.begin, verb.end))) {
      if (m.begin == 0 && m.id == static_cast<std::uint32_t>(Cue::compare)) return true;
    }
    return false;
  }

  std::string_view piece(std::size_t begin, std::size_t end) const {
    return sentence_.substr(begin, end - begin);
  }
  std::size_t code_points(std::size_t begin, std::size_t end) const {
    return begin >= end ? 0 : count_code_points(piece(begin, end));
  }
  // Characters between two positions that are not a time mention (由2018年 is no distance).
  std::size_t gap_without_periods(std::size_t begin, std::size_t end) const {
    std::size_t gap = code_points(begin, end);
    for (const auto& p : periods_) {
      if (p.begin >= begin && p.end <= end) gap -= std::min(gap, code_points(p.begin, p.end));
    }
    return gap;
  }
  // …and not the offence a case is about: 侦破侵犯知识产权和制售假冒伪劣商品领域犯罪案件760起
  // is as near its verb as 侦破案件760起.
  std::size_t name_gap(std::size_t begin, std::size_t end) const {
    std::size_t gap = gap_without_periods(begin, end);
    for (const auto& c : cues_) {
      if (c.begin >= begin && c.end <= end && c.id == static_cast<std::uint32_t>(Cue::offence)) {
        gap -= std::min(gap, code_points(c.begin, c.end));
      }
    }
    return gap;
  }

  const Indicator& indicator(int index) const {
    return lexicon_.catalog().indicators()[static_cast<std::size_t>(index)];
  }

  // --- indicators ----------------------------------------------------------------------------

  // `index` if it can take the figure; otherwise its sibling that can (质押专利 → 质押金额 for
  // an amount in 元; 批准逮捕…案件 → 批准逮捕人数 for 人); -1 if neither.
  int adapt(int index, const NumberMatch& number, bool counted_after = false) const {
    if (index < 0) return -1;
    const auto& chosen = indicator(index);
    // 0.72件 of patents cannot be: a fraction of a count is its ratio to population (万人发明
    // 专利拥有量和高价值发明专利拥有量…达到2.6件以上和0.72件以上).
    if (number.kind == NumberKind::count && chosen.kind != IndicatorKind::ratio) {
      const double value = number.value.to_double();
      if (value != std::floor(value)) {
        const int ratio = lexicon_.indicator_index(chosen.code + "_per_10k");
        if (ratio >= 0 && accepts(indicator(ratio), number, counted_after)) return ratio;
      }
    }
    // 271笔 counts transactions: a sibling counted in 项 fits better than one in 件.
    const bool transactions = number.unit == "笔" && chosen.unit != "项";
    if (accepts(chosen, number, counted_after) && !transactions) return index;
    // Siblings share a family (patent.pledge, gi.special_mark), never just a domain (patent).
    const auto parent = parent_code(chosen.code);
    if (parent.find('.') == std::string_view::npos) {
      return accepts(chosen, number, counted_after) ? index : -1;
    }
    int best = -1;
    const auto& all = lexicon_.catalog().indicators();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (parent_code(all[i].code) != parent || !accepts(all[i], number, counted_after)) continue;
      if (all[i].unit == number.unit || (transactions && all[i].unit == "项")) return static_cast<int>(i);
      if (best < 0) best = static_cast<int>(i);
    }
    if (transactions && accepts(chosen, number, counted_after)) return index;
    return best;
  }

  // 调处专利侵权纠纷案件立案93件 → the family's .accepted member; 结案83件 → .closed.
  int adjust_for_stage(int index, std::string_view words) const {
    const auto stage = lexicon_.stage_in(words);
    if (stage.empty()) return index;
    const auto parent = parent_code(indicator(index).code);
    for (std::string_view ending : {stage, stage == "closed"      ? std::string_view("concluded")
                                           : stage == "concluded" ? std::string_view("closed")
                                                                  : stage}) {
      const int sibling = lexicon_.indicator_index(std::string(parent) + "." + std::string(ending));
      if (sibling >= 0) return sibling;
    }
    return index;
  }

  // The words before a figure that did not name anything: 许可 in "转让10257次、许可325次".
  // Prefixed with the head of the indicator just named (专利 of 专利转让), they may; only as a
  // name of the same domain (专利商标质押登记248件,质押金额… shares no 专利质押金额 with it).
  int elided_indicator(std::string_view words, int named_before, const NumberMatch* number) const {
    if (named_before < 0) return -1;
    return elided_from(words, indicator_names(named_before), number,
                       domain_of(indicator(named_before).code));
  }

  // The indicator `words` name with a word they share with one of `names` (in `domain`, when
  // one is given).
  int elided_from(std::string_view words, const std::vector<std::string>& names,
                  const NumberMatch* number, std::string_view domain = {}) const {
    if (words.empty()) return -1;
    std::string trimmed(words);
    for (std::string_view filler : {"达到", "达", "为", "共", "累计", "其中"}) {
      if (ends_with(trimmed, filler)) trimmed.resize(trimmed.size() - filler.size());
    }
    for (std::string_view filler : {"其中", "全年", "共", "累计"}) {
      if (trimmed.rfind(filler, 0) == 0) trimmed.erase(0, filler.size());
    }
    if (trimmed.empty() || count_code_points(trimmed) > 6) return -1;
    // The shared word may stand before (专利 + 许可) or after (核准注册 + 商标).
    for (const auto& alias : names) {
      const std::size_t length = count_code_points(alias);
      for (std::size_t shared = 2; shared <= 10 && shared < length; ++shared) {
        const auto head = first_code_points(alias, shared);
        const auto tail = std::string_view(alias).substr(first_code_points(alias, length - shared).size());
        std::string bare = trimmed;  // 授权量 → 授权: names often drop the 量
        if (ends_with(bare, "量")) bare.resize(bare.size() - std::string_view("量").size());
        for (const std::string& candidate :
             {ascii_lower(std::string(head) + trimmed), ascii_lower(trimmed + std::string(tail)),
              ascii_lower(trimmed + std::string(head)), ascii_lower(std::string(head) + bare)}) {
          for (const auto& m : lexicon_.indicators().find_longest(candidate)) {
            if (m.begin != 0 || m.end != candidate.size()) continue;
            const auto& found = indicator(static_cast<int>(m.id));
            if (!domain.empty() && domain_of(found.code) != domain) continue;
            const int index =
                number ? adapt(static_cast<int>(m.id), *number) : static_cast<int>(m.id);
            if (index >= 0) return index;
          }
        }
      }
    }
    return -1;
  }

  std::vector<std::string> indicator_names(int index) const {
    // The words this sentence used for it come first, then its catalog names.
    std::vector<std::string> names;
    for (auto it = indicators_.rbegin(); it != indicators_.rend(); ++it) {
      if (static_cast<int>(it->id) == index) {
        names.emplace_back(piece(it->begin, it->end));
        break;
      }
    }
    names.push_back(indicator(index).name_zh);
    return names;
  }

  // The indicator an earlier part of the sentence was about: the last fact's, or else the last
  // indicator named before `before`.
  int carried_indicator(std::size_t before) const {
    std::size_t fact_at = 0;
    int from_fact = -1;
    if (!emitted_.empty()) {
      from_fact = emitted_.back().indicator;
      fact_at = emitted_.back().number_begin;
    }
    for (auto it = indicators_.rbegin(); it != indicators_.rend(); ++it) {
      if (it->end <= before && it->begin >= fact_at) return static_cast<int>(it->id);
    }
    return from_fact;
  }

  // The last name before `before` that is not a weak alias overridden; null when none is.
  const Match* last_named_match(std::size_t before) const {
    for (auto it = indicators_.rbegin(); it != indicators_.rend(); ++it) {
      if (it->end <= before && !weak_and_overridden(*it)) return &*it;
    }
    return nullptr;
  }

  int last_named_before(std::size_t before) const {
    if (const Match* named = last_named_match(before)) return static_cast<int>(named->id);
    return emitted_.empty() ? -1 : emitted_.back().indicator;
  }

  bool weak_and_overridden(const Match& m) const { return !overriding_domain(m).empty(); }

  // The domain of the indicator that overrides the weak alias `m`, or empty when none does.
  std::string_view overriding_domain(const Match& m) const {
    if (!lexicon_.is_weak_alias(piece(m.begin, m.end))) return {};
    for (auto it = indicators_.rbegin(); it != indicators_.rend(); ++it) {
      if (it->end > m.begin || lexicon_.is_weak_alias(piece(it->begin, it->end))) continue;
      const auto own = domain_of(indicator(static_cast<int>(m.id)).code);
      const auto other = domain_of(indicator(static_cast<int>(it->id)).code);
      // 法院新收案件…;检察机关批准逮捕: the text turned to the alias's own body in between.
      if (other != own && !lexicon_.names_actor_of(piece(it->end, m.begin), own)) return other;
      return {};
    }
    return {};
  }

  // A weak alias said of another domain names that domain's own indicator where the catalog
  // has one: 专利商标质押登记248件,质押金额8.72亿元 is ipr.pledge.amount, not the patents' amount.
  int counterpart_in(std::string_view domain, const Match& m) const {
    const std::string_view code = indicator(static_cast<int>(m.id)).code;
    const auto dot = code.find('.');
    if (dot == std::string_view::npos) return -1;
    return lexicon_.indicator_index(std::string(domain) + std::string(code.substr(dot)));
  }

  struct Choice {
    int index = -1;
    std::size_t begin = 0, end = 0;  // where it is named, when it is named near the figure
    bool named_here = false;
    // Named in part: where the name it shares a word with stands (新增国家级知识产权示范企业
    // 11家,优势企业100家: 优势企业 shares 新增 with it too).
    std::size_t shares_from = std::string_view::npos;
  };

  // 在全国31个省份中, 9 个市(州): a count of places or bodies, not of anything in the catalog,
  // unless they are designated as something that is (5个县区入选国家知识产权强县).
  bool counts_something_else(const NumberMatch& number, Span clause) const {
    const bool noun = lexicon_.counted_noun_at(sentence_, number.end) ||
                      lexicon_.counted_noun_at(raw_, raw_offset(number.end));
    return noun && !has_cue(number.end, clause.end, Cue::designation);
  }

  // 6-8个地理标志商标品牌运用培育项目 counts projects, not trademarks; 2家单位获批省级知识产权保护
  // 工作站 counts a provincial grade the catalog's code does not have.
  bool names_something_larger(const Match& m) const {
    const auto& code = indicator(static_cast<int>(m.id)).code;
    std::size_t stop = m.end;
    while (stop < sentence_.size()) {
      std::size_t length = 1;
      if (is_clause_mark(sentence_, stop, &length) ||
          starts_with_any(sentence_, stop, {"、", "。", "(", "“", "”", "《", "》"}, &length)) {
        break;
      }
      decode_at(sentence_, stop, &length);
      stop += length;
    }
    const auto after = piece(m.end, stop);
    if (after.find("项目") != std::string_view::npos &&
        indicator(static_cast<int>(m.id)).name_zh.find("项目") == std::string::npos) {
      return true;
    }
    const auto before = piece(m.begin >= 9 ? m.begin - 9 : 0, m.begin);
    const bool graded = before.find("省级") != std::string_view::npos ||
                        before.find("国家级") != std::string_view::npos ||
                        before.find("市级") != std::string_view::npos;
    return graded && code.find("provincial") == std::string::npos &&
           code.find("national") == std::string::npos && code.find("program.") != 0;
  }

  // What is counted right after a figure: 13家商标品牌指导站, 9家企业认定为国家知识产权优势企业.
  Choice counted_after(std::size_t k, Span clause) const {
    const auto& number = numbers_[k];
    const Span item = item_of(number.end, clause);
    if (counts_something_else(number, clause)) return {};
    const Match* designation = find_cue(number.end, item.end, Cue::designation);
    for (const auto& m : indicators_) {
      if (m.begin < number.end || m.end > item.end) continue;
      std::size_t from = number.end;
      // A second count may stand between (为19家企业251件专利办理专利保险).
      for (std::size_t j = k + 1; j < numbers_.size(); ++j) {
        if (numbers_[j].begin >= number.end && numbers_[j].end <= m.begin) from = numbers_[j].end;
      }
      const auto gap = piece(from, m.begin);
      const bool plain_gap =
          std::none_of(kGapBreakers.begin(), kGapBreakers.end(),
                       [&](std::string_view w) { return gap.find(w) != std::string_view::npos; });
      const bool near = code_points(from, m.begin) <= kMaxCountedGap && plain_gap;
      const bool designated = designation && m.begin >= designation->end &&
                              code_points(number.end, designation->begin) <= kMaxCountedGap + 2;
      if (!near && !designated) continue;
      // 18家企事业单位获得第24届中国专利奖21项: the prize is counted by the figure after it.
      const bool counted_by_next =
          adapt(static_cast<int>(m.id), number, true) == static_cast<int>(m.id) &&
          std::any_of(numbers_.begin() + static_cast<std::ptrdiff_t>(k) + 1, numbers_.end(),
                      [&](const NumberMatch& n) {
                        return n.begin == m.end && adapt(static_cast<int>(m.id), n) == static_cast<int>(m.id);
                      });
      if (counted_by_next || names_something_larger(m)) continue;
      if (designation && !designated && m.begin < designation->begin) {
        // 15个地理标志产品列入中欧地理标志协定: what it was designated as, not the noun before.
        continue;
      }
      if (int index = adapt(static_cast<int>(m.id), number, true); index >= 0) {
        return {index, m.begin, m.end, true};
      }
    }
    return {};
  }

  Choice choose_indicator(std::size_t k, Span clause) const {
    const auto& number = numbers_[k];
    // Lists in parallel: 专利申请量和授权量分别为17.36万件和10.06万件; 万人发明专利拥有量和高价值
    // 发明专利拥有量…,到年底达到2.6件以上和0.72件以上.
    if (int index = parallel_indicator(k, clause); index >= 0) {
      return {index, clause.begin, clause.begin, false};
    }
    if (Choice after = counted_after(k, clause); after.index >= 0) return after;
    const Span item = item_of(number.begin, clause);
    // Named before the figure in its list item: 专利授权1939件, 有效发明专利达1.78万件. A name
    // followed by 的 describes something else (地理标志保护产品专用标志的单位).
    for (auto it = indicators_.rbegin(); it != indicators_.rend(); ++it) {
      if (it->end > number.begin || it->begin < item.begin) continue;
      if (name_gap(it->end, number.begin) > kMaxNameGap) break;
      const auto gap = piece(it->end, number.begin);
      if (gap.find("的") != std::string_view::npos && !ends_with(gap, "的")) break;
      int named = static_cast<int>(it->id);
      if (const auto other = overriding_domain(*it); !other.empty()) {
        named = counterpart_in(other, *it);
        if (named < 0) continue;
      }
      int index = adjust_for_stage(named, piece(it->end, number.begin));
      if ((index = adapt(index, number)) >= 0) return {index, it->begin, it->end, true};
    }
    // Named in part: 转让10257次、许可325次.
    const std::size_t lead_begin = lead_start(number.begin, item);
    const auto lead = piece(lead_begin, number.begin);
    if (int index = elided_indicator(lead, last_named_before(lead_begin), &number); index >= 0) {
      const Match* named = last_named_match(lead_begin);
      return {index, lead_begin, number.begin, true,
              named ? named->begin : std::string_view::npos};
    }
    // …or in part after a name the catalog lacks: 植物新品种申请量1296件,授权量629件 shares
    // 植物新品种 with the figure before.
    if (const auto before = lead_of_figure_before(lead_begin, clause); !before.empty()) {
      const auto before_at = static_cast<std::size_t>(before.data() - sentence_.data());
      if (int index = elided_from(lead, {std::string(before)}, &number); index >= 0) {
        return {index, lead_begin, number.begin, true, before_at};
      }
      if (int index = staged_case(lead, before, number); index >= 0) {
        return {index, lead_begin, number.begin, true, before_at};
      }
    }
    // Not named: the figure continues what the sentence was about (新增质押专利668件,
    // 金额6.37亿元; 专利行政裁决案件实现零突破,立案达25件).
    const int carried = last_named_before(lead_begin);
    const bool lead_names_other = std::any_of(indicators_.begin(), indicators_.end(), [&](const Match& m) {
      return m.begin >= lead_begin && m.end <= number.begin &&
             !(weak_and_overridden(m) && !lexicon_.stage_in(piece(m.begin, m.end)).empty());
    });
    if (carried >= 0 && !lead_names_other && lead_words(lead_begin, number.begin) <= kMaxCarriedLead &&
        code_points(number.end, item.end) <= kMaxCarriedTail) {
      int index = adjust_for_stage(carried, lead);
      if ((index = adapt(index, number)) >= 0) return {index, lead_begin, number.begin, false};
    }
    return {};
  }

  // A stage alone (受理复审请求4.0万件,结案2.9万件) names the case the figure before named, at
  // that stage: some words of the figure before, then the stage, make a catalog name (复审结案).
  // Tried only for a lead that is a stage word and no more.
  int staged_case(std::string_view lead, std::string_view before, const NumberMatch& number) const {
    const std::string stage = without_fillers(lead);
    if (count_code_points(stage) > 3 || lexicon_.stage_in(stage).empty()) return -1;
    std::vector<std::size_t> starts;  // the code point boundaries of `before`
    for (std::size_t at = 0; at < before.size();) {
      starts.push_back(at);
      std::size_t length = 1;
      decode_at(before, at, &length);
      at += length;
    }
    starts.push_back(before.size());
    constexpr std::size_t kLongestCase = 10;
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
      for (std::size_t j = std::min(starts.size() - 1, i + kLongestCase); j >= i + 2; --j) {
        const std::string candidate =
            ascii_lower(before.substr(starts[i], starts[j] - starts[i])) + stage;
        for (const auto& m : lexicon_.indicators().find_longest(candidate)) {
          if (m.begin != 0 || m.end != candidate.size()) continue;
          if (int index = adapt(static_cast<int>(m.id), number); index >= 0) return index;
        }
      }
    }
    return -1;
  }

  // The words that lead up to the last figure before `at`, in this clause or the one before.
  std::string_view lead_of_figure_before(std::size_t at, Span clause) const {
    const NumberMatch* before = nullptr;
    for (const auto& n : numbers_) {
      if (n.end <= at) before = &n;
    }
    const std::size_t floor = clause.begin > 1 ? clause_of(clause.begin - 2).begin : clause.begin;
    if (!before || before->begin < floor) return {};
    return piece(lead_start(before->begin, item_of(before->begin, clause_of(before->begin))),
                 before->begin);
  }

  // Where the words leading up to a figure at `figure_begin` start: after the figure before it
  // in its list item, or at the item's start.
  std::size_t lead_start(std::size_t figure_begin, Span item) const {
    return std::max(item.begin, last_token_end_before(figure_begin, item.begin));
  }

  int parallel_indicator(std::size_t k, Span clause) const {
    const auto& number = numbers_[k];
    std::size_t position = 0, count = 0, first = number.begin;
    for (std::size_t j = 0; j < numbers_.size(); ++j) {
      const auto& n = numbers_[j];
      if (n.begin < clause.begin || n.end > clause.end || n.kind != number.kind) continue;
      if (count == 0) first = n.begin;
      if (j < k) ++position;
      ++count;
    }
    if (count < 2) return -1;
    // The figures themselves must form the list (2.6件以上和0.72件以上): none has its own name.
    for (const auto& m : indicators_) {
      if (m.begin >= first && m.end <= clause.end) return -1;
    }
    std::vector<int> listed = listed_indicators(clause.begin, first);
    if (listed.size() != count && clause.begin > 1) {
      const Span previous = clause_of(clause.begin - 2);
      listed = listed_indicators(previous.begin, previous.end);
    }
    if (listed.size() != count && clause.begin > 1) {
      // 新增国家知识产权示范企业5家、国家知识产权优势企业60家,累计分别达到25家、255家.
      const Span previous = clause_of(clause.begin - 2);
      listed.clear();
      for (const auto& m : indicators_) {
        if (m.begin >= previous.begin && m.end <= previous.end) listed.push_back(static_cast<int>(m.id));
      }
      if (!has_cue(clause.begin, number.begin, Cue::respectively)) return -1;
    }
    if (listed.size() != count) return -1;
    return adapt(listed[position], number);
  }

  // How many characters before a figure say something new: cue words (比上年增长) and time
  // (较2017年底) do not.
  std::size_t lead_words(std::size_t begin, std::size_t end) const {
    std::size_t words = count_code_points(without_fillers(piece(begin, end)));
    for (const auto& c : cues_) {
      if (c.begin >= begin && c.end <= end) words -= std::min(words, code_points(c.begin, c.end));
    }
    for (const auto& p : periods_) {
      if (p.begin >= begin && p.end <= end) words -= std::min(words, code_points(p.begin, p.end));
    }
    return words;
  }

  static std::string without_fillers(std::string_view words) {
    std::string out(words);
    for (std::string_view filler :
         {"累计达到", "累计达", "达到", "共计", "累计", "共有", "达", "为", "共"}) {
      for (auto at = out.find(filler); at != std::string::npos; at = out.find(filler)) {
        out.erase(at, filler.size());
      }
    }
    return out;
  }

  std::size_t last_token_end_before(std::size_t at, std::size_t floor) const {
    std::size_t end = floor;
    for (const auto& n : numbers_) {
      if (n.end <= at && n.end > end) end = n.end;
    }
    return end;
  }

  // 新建13家商标品牌指导站 → the .new code; 新增29人,累计达334人 → the stock code.
  int adjust_for_new_and_total(int index, Span clause, const NumberMatch& number) const {
    const auto& code = indicator(index).code;
    const bool says_total = has_cue(0, number.begin, Cue::cumulative);
    const bool is_new = ends_with(code, ".new");
    if (is_new && says_total) {
      const int stock = lexicon_.indicator_index(code.substr(0, code.size() - 4));
      if (stock >= 0) return stock;
    }
    if (!is_new && !says_total && has_cue(clause.begin, number.begin, Cue::new_items)) {
      const int flow = lexicon_.indicator_index(code + ".new");
      if (flow >= 0) return flow;
      // 新增国家知识产权示范企业5家: an addition to a stock the catalog has no flow code for is
      // not the stock.
      if (indicator(index).kind == IndicatorKind::stock) return -1;
    }
    return index;
  }

  // --- regions -------------------------------------------------------------------------------

  bool under_subject(std::size_t region_index) const {
    return context_.subject_region && lexicon_.is_within(region_index, *context_.subject_region);
  }

  std::optional<std::size_t> region_named(const Match& m) const {
    std::optional<std::size_t> found;
    for (auto index : lexicon_.region_names()[m.id]) {
      const auto& region = lexicon_.gazetteer().regions()[index];
      const bool existed = !region.is_historical() ||
                           (publication_year_ && *publication_year_ <= *region.valid_to);
      if (!existed || !under_subject(index)) continue;
      if (found) return std::nullopt;  // ambiguous inside the subject too
      found = index;
    }
    return found;
  }

  // A region that a clause is about opens it (杭州2234件; 2021年,西湖区…); one inside an
  // enumeration (兰州市安宁区、白银市白银区等4个区域) is not.
  std::optional<std::size_t> clause_subject(const Match& m) const {
    const Span clause = clause_of(m.begin);
    std::size_t lead = code_points(clause.begin, m.begin);
    for (const auto& p : periods_) {
      if (p.begin >= clause.begin && p.end <= m.begin)
        lead -= std::min(lead, code_points(p.begin, p.end));
    }
    if (lead > 3) return std::nullopt;
    std::size_t length = 0;
    if (starts_with_any(sentence_, m.end, {"等", "、", "和", "及"}, &length)) return std::nullopt;
    // 兰州市安宁区: the city only says where the district is.
    for (const auto& other : regions_) {
      if (other.begin == m.end) return std::nullopt;
    }
    return region_named(m);
  }

  std::vector<std::size_t> regions_for(const NumberMatch& number, Span clause) const {
    // 渤海新区、黄骅市、沧县各新增PCT国际专利1件: one figure for each listed region.
    // 湾里区、安义县的专利申请量增幅均超50%: the same for each (those the gazetteer knows).
    const Match* each = find_cue(clause.begin, number.begin, Cue::each);
    if (!each) each = find_cue(clause.begin, number.begin, Cue::both);
    if (each) {
      std::vector<std::size_t> listed;
      bool enumerated = false;
      for (const auto& m : regions_) {
        if (m.begin < clause.begin || m.end > each->begin) continue;
        std::size_t length = 0;
        enumerated = enumerated || starts_with_any(sentence_, m.end, {"、"}, &length);
        if (auto r = region_named(m)) listed.push_back(*r);
      }
      if (listed.size() >= 2 || (enumerated && !listed.empty())) return listed;
    }
    if (opens_with_unknown_zone(clause, number.begin)) return {};
    std::optional<std::size_t> chosen;
    std::size_t chosen_at = 0;
    for (const auto& m : regions_) {
      if (m.end > number.begin) break;
      // 定西马铃薯、阳关葡萄等5个: names in an enumeration, not the place of the figure.
      if (piece(m.end, number.begin).find("等") != std::string_view::npos) continue;
      if (auto r = clause_subject(m)) {
        chosen = r;
        chosen_at = m.end;
      }
    }
    // 全国发明专利授权量同比下降16.56% in a provincial bulletin is about the country.
    for (const auto& c : cues_) {
      if (c.id != static_cast<std::uint32_t>(Cue::scope_country) || c.begin < clause.begin ||
          c.end > number.begin || c.begin < chosen_at) {
        continue;
      }
      for (const auto& m : indicators_) {
        if (m.begin >= c.end && m.begin <= c.end + 3 && m.end <= number.begin) {
          const int country = lexicon_.region_index(0);
          if (country >= 0) return {static_cast<std::size_t>(country)};
        }
      }
    }
    // 全省/全市 opening a later clause brings the sentence back to the subject; in 位居全市第一
    // it only names the ranking.
    for (const auto& c : cues_) {
      if (!chosen || c.begin < chosen_at || c.end > number.begin) continue;
      if (c.id != static_cast<std::uint32_t>(Cue::scope_province) &&
          c.id != static_cast<std::uint32_t>(Cue::scope_prefecture)) {
        continue;
      }
      const Span opened = clause_of(c.begin);
      if (code_points(opened.begin, c.begin) == 0) chosen.reset();
    }
    if (chosen) return {*chosen};
    if (context_.subject_region) return {*context_.subject_region};
    return {};
  }

  // 高新区每万人有效发明专利拥有量42.23件: a zone the gazetteer has no name for opens the clause
  // (红谷滩新区, 沧州渤海新区 are names it has).
  bool opens_with_unknown_zone(Span clause, std::size_t before) const {
    constexpr std::size_t kOpening = 8;  // characters: 南昌高新区, 赣江新区
    for (const auto& c : cues_) {
      if (c.id != static_cast<std::uint32_t>(Cue::zone) || c.begin < clause.begin || c.end > before) {
        continue;
      }
      if (code_points(clause.begin, c.end) > kOpening) return false;
      const bool named = std::any_of(regions_.begin(), regions_.end(), [&](const Match& m) {
        return m.begin <= c.begin && m.end >= c.end;
      });
      return !named;
    }
    return false;
  }

  // --- periods -------------------------------------------------------------------------------

  struct ResolvedPeriod {
    Period period;
    bool target = false;
  };

  int resolve_relative(int offset) const {
    if (publication_year_) return *publication_year_ + offset;
    return reporting_year_ + offset + 1;
  }

  ResolvedPeriod period_for(const NumberMatch& number) const {
    ResolvedPeriod out;
    out.period.year = Year(paragraph_year_.value_or(section_year_.value_or(reporting_year_)));
    if (const auto& months = paragraph_months_ ? paragraph_months_ : document_months_;
        months && (paragraph_months_ || out.period.year.value == reporting_year_)) {
      out.period.month_start = months->start;
      out.period.month_end = months->end;
    }
    const Span clause = clause_of(number.begin);
    const PeriodMention* latest = nullptr;
    const PeriodMention* months = nullptr;
    for (const auto& p : periods_) {
      if (p.begin >= number.begin) break;
      if (p.is_base) continue;
      // A year counts in its own clause, or when it opens the sentence's scene.
      if (p.begin < clause.begin && !is_topic(p)) continue;
      if (p.kind == PeriodMention::Kind::months_only) {
        months = &p;
      } else {
        latest = &p;
        months = nullptr;
      }
    }
    if (latest) {
      switch (latest->kind) {
        case PeriodMention::Kind::year:
          out.period.year = Year(latest->year);
          out.period.month_start = latest->month_start;
          out.period.month_end = latest->month_end;
          break;
        case PeriodMention::Kind::year_range:
          out.period.year = Year(latest->year);
          out.period.period_start = latest->first_year;
          out.period.month_start.reset();
          out.period.month_end.reset();
          break;
        case PeriodMention::Kind::relative:
          out.period.year = Year(resolve_relative(latest->year));
          out.period.month_start.reset();
          out.period.month_end.reset();
          break;
        case PeriodMention::Kind::recent_years:
          out.period.year = Year(reporting_year_);
          out.period.period_start = reporting_year_ - latest->first_year + 1;
          out.period.month_start.reset();
          out.period.month_end.reset();
          break;
        case PeriodMention::Kind::plan_end:
          out.period.year = Year(latest->year);
          out.target = true;
          break;
        case PeriodMention::Kind::plan_period:
          out.period.year = Year(latest->year);
          out.period.period_start = latest->first_year;
          break;
        case PeriodMention::Kind::months_only:
          break;
      }
    }
    // 全年新增…: the whole year, whatever months the paragraph spoke of.
    const auto whole_year = piece(0, number.begin).rfind("全年");
    if (whole_year != std::string_view::npos && (!months || months->begin < whole_year)) {
      out.period.month_start.reset();
      out.period.month_end.reset();
      months = nullptr;
    }
    if (!latest && !paragraph_year_ && paragraph_plan_ &&
        paragraph_plan_->kind == PeriodMention::Kind::plan_end) {
      // 到“十四五”末,… in an earlier sentence of the paragraph: its targets go on.
      out.period.year = Year(paragraph_plan_->year);
      out.target = true;
    }
    if (months) {
      out.period.month_start = months->month_start;
      out.period.month_end = months->month_end;
    }
    return out;
  }

  // --- one figure ----------------------------------------------------------------------------

  void read_number(std::size_t k) {
    const auto& number = numbers_[k];
    // 三种专利授权量: a figure that is part of a name is no figure.
    for (const auto& m : indicators_) {
      if (m.begin <= number.begin && number.begin < m.end) return;
    }
    const Span clause = clause_of(number.begin);
    switch (number.kind) {
      case NumberKind::ordinal_rank:
        read_rank(number, clause);
        return;
      case NumberKind::percent:
      case NumberKind::percentage_points:
      case NumberKind::times:
        read_relative(k, clause);
        return;
      case NumberKind::count:
      case NumberKind::money:
        read_level(k, clause);
        return;
      default:
        return;
    }
  }

  // 有效注册商标30万件,与上年持平: growth of zero for the figure just read.
  void read_unchanged() {
    for (const auto& c : cues_) {
      if (c.id != static_cast<std::uint32_t>(Cue::flat)) continue;
      const EmittedFact* last = nullptr;
      for (const auto& e : emitted_) {
        if (e.number_begin < c.begin && e.fact.measure == Measure::level) last = &e;
      }
      if (!last || clause_of(c.begin).begin > clause_of(last->number_begin).end + 1) continue;
      Fact fact = last->fact;
      fact.measure = Measure::growth_pct;
      fact.value = 0;
      fact.unit = "%";
      fact.value_text = std::string(piece(c.begin, c.end));
      fact.qualifier = Qualifier::exact;
      const std::size_t begin = last->number_begin;
      set_quote(fact, begin, c.end);
      const int index = last->indicator;
      emit(std::move(fact), index, c.begin);
    }
  }

  Fact base_fact(const NumberMatch& number, std::size_t region_index, const ResolvedPeriod& period,
                 int indicator_index) const {
    Fact fact;
    const auto& region = lexicon_.gazetteer().regions()[region_index];
    fact.region = region.code;
    fact.region_name = region.name;
    fact.period = period.period;
    fit_to_kind(fact.period, indicator(indicator_index).kind);
    fact.indicator = indicator(indicator_index).code;
    fact.value_text = number.text;
    fact.qualifier = number.upper ? Qualifier::at_least : number.qualifier;
    // A target word governs its own clause and the next (确保…增长20%以上,到年底达到2.6件以上),
    // not a figure further on (积极争取…政策,共组织…,为19家企业…).
    const Span clause = clause_of(number.begin);
    const std::size_t from = clause.begin > 1 ? clause_of(clause.begin - 2).begin : 0;
    const bool target_word = has_cue(from, number.begin, Cue::target);
    const bool future = publication_year_ && period.period.year.value > *publication_year_;
    const bool planned =
        section_target_ && (!publication_year_ || period.period.year.value >= *publication_year_);
    fact.status =
        period.target || target_word || future || planned ? Status::target : Status::actual;
    if (number.upper) fact.note = "a range; its lower bound is stored";
    return fact;
  }

  void set_quote(Fact& fact, std::size_t begin, std::size_t end) const {
    begin = std::min(begin, end);
    const std::size_t raw_begin = raw_offset(begin);
    const std::size_t raw_end = end == 0 ? 0 : raw_offset(end - 1) + 1;
    fact.quote = std::string(raw_.substr(raw_begin, raw_end - raw_begin));
    fact.span_start = sentence_code_points_ + count_code_points(raw_.substr(0, raw_begin));
    fact.span_end = fact.span_start + count_code_points(fact.quote);
  }

  void emit(Fact fact, int indicator_index, std::size_t number_begin) {
    emitted_.push_back({std::move(fact), indicator_index, number_begin});
  }

  // A period reads differently for a flow and a stock: 截至2023年6月 is January to June for
  // 新增发明专利授权 and the end of June for 有效发明专利; 1—9月 is the end of September for a
  // stock.
  static void fit_to_kind(Period& period, IndicatorKind kind) {
    if (period.month_end && *period.month_end == 12 &&
        (!period.month_start || *period.month_start == 1)) {
      period.month_start.reset();
      period.month_end.reset();
      return;
    }
    if (!period.month_end) {
      period.month_start.reset();
      return;
    }
    if (kind == IndicatorKind::flow) {
      if (!period.month_start) period.month_start = 1;
    } else {
      period.month_start.reset();
    }
  }

  void read_level(std::size_t k, Span clause) {
    const auto& number = numbers_[k];
    // 在全国31个省份中 counts provinces; 推荐9项专利申报 counts nominations, not awards.
    if (counts_something_else(number, clause)) return;
    if (has_cue(clause.begin, clause.end, Cue::nomination)) return;
    Choice choice = choose_indicator(k, clause);
    if (choice.index < 0) return;
    // A name given in part shares what was said of the name it completes (新增).
    const Span told = choice.shares_from < clause.begin
                          ? Span{clause_of(choice.shares_from).begin, clause.end}
                          : clause;
    const int index = adjust_for_new_and_total(choice.index, told, number);
    if (index < 0) return;
    const auto& chosen = indicator(index);
    // Money given by the government (资助117万元, 担保支持3018万元) is not an IP statistic.
    if (number.kind == NumberKind::money &&
        has_cue(choice.named_here ? std::min(choice.end, number.begin) : clause.begin, number.begin,
                Cue::subsidy)) {
      return;
    }
    // 资助…地理标志产品25个: what was funded is not the stock of such things.
    if (chosen.kind == IndicatorKind::stock) {
      const std::size_t from = clause.begin > 1 ? clause_of(clause.begin - 2).begin : 0;
      const Match* funded = find_cue(from, number.begin, Cue::subsidy);
      // …unless a new subject (全省有15个…) follows the funding.
      if (funded && !has_cue(funded->end, number.begin, Cue::scope_province) &&
          !has_cue(funded->end, number.begin, Cue::scope_prefecture)) {
        return;
      }
    }
    auto period = period_for(number);
    if (has_cue(clause.begin, number.begin, Cue::cumulative) &&
        chosen.kind == IndicatorKind::flow && !period.period.period_start) {
      period.period.cumulative = true;
    }
    // 比上年增加5.2万家 / 净增 is a change, not a level.
    Measure measure = Measure::level;
    double sign = 1;
    const Match* grow = find_cue(clause.begin, number.begin, Cue::growth);
    const Match* decline = find_cue(clause.begin, number.begin, Cue::decline);
    const Match* net = find_cue(clause.begin, number.begin, Cue::net_change);
    const Match* verb =
        net ? net : (grow && (!decline || grow->begin > decline->begin) ? grow : decline);
    const bool compared =
        has_cue(clause.begin, number.begin, Cue::compare) || (verb && holds_comparison(*verb));
    if (verb && (net || compared) && code_points(verb->end, number.begin) <= 2 &&
        piece(verb->end, std::min(number.begin, verb->end + 3)) != "到") {
      measure = Measure::change_abs;
      if (verb == decline) sign = -1;
    }
    const std::size_t quote_begin =
        choice.named_here ? std::min(choice.begin, number.begin) : clause.begin;
    const std::size_t quote_end = choice.named_here ? std::max(choice.end, number.end) : number.end;
    // 国内(不含港澳台)发明专利有效量: national figures are kept for domestic owners.
    const auto said = raw_.substr(raw_offset(clause.begin),
                                  raw_offset(number.begin) - raw_offset(clause.begin));
    const bool domestic = said.find("国内") != std::string_view::npos ||
                          said.find("不含港澳台") != std::string_view::npos;
    for (auto region : regions_for(number, clause)) {
      Fact fact = base_fact(number, region, period, index);
      fact.measure = measure;
      fact.value = number.value.to_double() * sign;
      fact.unit = chosen.unit;
      if (domestic) fact.note = kDomesticNote;
      set_quote(fact, quote_begin, quote_end);
      emit(std::move(fact), index, number.begin);
    }
  }

  // The indicators a growth figure belongs to when they are listed: 商标申请量、注册量、有效注册量
  // 预期年增长12%; 万人发明专利拥有量和高价值发明专利拥有量比去年增长20%.
  std::vector<int> listed_indicators(std::size_t from, std::size_t to) const {
    std::vector<const Match*> named;
    for (const auto& m : indicators_) {
      if (m.begin >= from && m.end <= to) named.push_back(&m);
    }
    if (named.empty()) return {};
    std::vector<int> out{static_cast<int>(named.back()->id)};
    for (std::size_t i = named.size() - 1; i > 0; --i) {
      // Between two listed names stand separators, and maybe names given only in part
      // (、注册量、), which take the head of the name before them.
      auto words = list_words(piece(named[i - 1]->end, named[i]->begin));
      if (!words) break;
      std::vector<int> middle;
      for (auto word : *words) {
        const int elided = elided_indicator(word, static_cast<int>(named[i - 1]->id), nullptr);
        if (elided < 0) return out;
        middle.push_back(elided);
      }
      out.insert(out.begin(), middle.begin(), middle.end());
      out.insert(out.begin(), static_cast<int>(named[i - 1]->id));
    }
    // Names given in part after the last full one: 专利申请量和授权量分别为….
    std::string tail(piece(named.back()->end, to));
    for (bool trimmed = true; trimmed;) {
      trimmed = false;
      for (std::string_view filler : {"分别为", "分别达到", "分别达", "分别是", "各为", "均为", "分别",
                                      "达到", "为", "达", "共"}) {
        if (ends_with(tail, filler)) {
          tail.resize(tail.size() - filler.size());
          trimmed = true;
        }
      }
    }
    // list_words points into its argument: the listed words must outlive the loop.
    const std::string listed = tail + "、";
    if (auto words = list_words(listed)) {
      for (auto word : *words) {
        const int elided = elided_indicator(word, static_cast<int>(named.back()->id), nullptr);
        if (elided < 0) return out;
        out.push_back(elided);
      }
    }
    return out;
  }

  // "、" → {}; "、注册量、" → {注册量}; anything that does not start and end with a separator
  // is not the inside of a list.
  static std::optional<std::vector<std::string_view>> list_words(std::string_view between) {
    std::vector<std::string_view> words;
    std::size_t length = 0;
    if (between.empty() || !starts_with_any(between, 0, {"、", "和", "及", "与"}, &length)) {
      return std::nullopt;
    }
    std::size_t word_begin = length;
    bool ends_with_separator = true;
    for (std::size_t at = length; at < between.size();) {
      if (starts_with_any(between, at, {"、", "和", "及", "与"}, &length)) {
        if (at > word_begin) words.push_back(between.substr(word_begin, at - word_begin));
        at += length;
        word_begin = at;
        ends_with_separator = true;
      } else {
        std::size_t step = 1;
        decode_at(between, at, &step);
        at += step;
        ends_with_separator = false;
      }
    }
    if (!ends_with_separator) return std::nullopt;
    return words;
  }

  // Growth, percentage points, multiples, shares, and levels of indicators measured in %.
  void read_relative(std::size_t k, Span clause) {
    const auto& number = numbers_[k];
    // The cue that governs this figure: the last one before it with no indicator in between.
    std::size_t floor = clause.begin;
    for (const auto& m : indicators_) {
      if (m.end <= number.begin && m.begin >= clause.begin) floor = std::max(floor, m.end);
    }
    const Match* grow = find_cue(floor, number.begin, Cue::growth);
    const Match* rate = find_cue(floor, number.begin, Cue::growth_rate);
    const Match* decline = find_cue(floor, number.begin, Cue::decline);
    const Match* share = find_cue(clause.begin, number.begin, Cue::share);
    const bool respectively = has_cue(clause.begin, number.begin, Cue::respectively);

    Measure measure;
    double value = number.value.to_double();
    if (number.kind == NumberKind::times) {
      // 是全省的3.88倍 compares with the province, not with last year.
      const auto said = piece(clause.begin, number.begin);
      for (std::string_view other : {"全省", "全国", "全市", "平均"}) {
        if (said.find(other) != std::string_view::npos) return;
      }
      // 增长2倍 → +200%; 是2023年的3倍 / 翻一番 → (N−1)×100%.
      const bool grows_by = grow && code_points(grow->end, number.begin) == 0;
      value = grows_by ? value * 100 : (value - 1) * 100;
      measure = Measure::growth_pct;
    } else if (share && number.kind == NumberKind::percent) {
      measure = Measure::share_pct;
    } else if (grow || rate || decline) {
      measure =
          number.kind == NumberKind::percentage_points ? Measure::change_pp : Measure::growth_pct;
      const bool falls = decline && (!grow || decline->begin > grow->begin);
      if (falls && value > 0) value = -value;
    } else if (number.kind == NumberKind::percent) {
      measure = Measure::level;
    } else {
      return;
    }

    std::vector<int> targets;
    std::size_t quote_begin = clause.begin;
    if (measure == Measure::level) {
      Choice choice = choose_indicator(k, clause);
      if (choice.index < 0) return;
      targets.push_back(choice.index);
      if (choice.named_here) quote_begin = std::min(choice.begin, number.begin);
    } else if (measure == Measure::share_pct) {
      // 占全省PCT申请总量的50.2%: the indicator named after 占, else the sentence's.
      int named = -1;
      for (const auto& m : indicators_) {
        if (m.begin >= share->end && m.end <= number.begin) named = static_cast<int>(m.id);
      }
      if (named < 0) named = carried_indicator(number.begin);
      if (named >= 0) targets.push_back(named);
    } else {
      const Match* cue = grow ? grow : rate ? rate : decline;
      const std::size_t cue_at = cue ? cue->begin : number.begin;
      targets = listed_indicators(clause.begin, cue_at);
      // 专利权质押融资271笔、同比增长61.31%: the growth is of what the figure before it was read
      // as (the count of pledges), not of the name's first reading.
      if (targets.size() == 1 && !emitted_.empty() && emitted_.back().fact.measure == Measure::level &&
          emitted_.back().number_begin >= clause.begin && emitted_.back().number_begin < cue_at &&
          parent_code(indicator(emitted_.back().indicator).code) == parent_code(indicator(targets[0]).code)) {
        targets[0] = emitted_.back().indicator;
      }
      if (!targets.empty()) {
        for (const auto& m : indicators_) {
          if (m.begin >= clause.begin && m.end <= cue_at) {
            quote_begin = m.begin;
            break;
          }
        }
      } else if (respectively) {
        // 立案93件,结案83件,较2020年度分别增长33%和24%: spread over the figures just read.
        std::size_t position = 0, count = 0;
        for (std::size_t j = 0; j < numbers_.size(); ++j) {
          if (numbers_[j].begin < clause.begin || numbers_[j].end > clause.end ||
              numbers_[j].kind != number.kind) {
            continue;
          }
          if (j < k) ++position;
          ++count;
        }
        std::vector<int> recent;
        for (const auto& e : emitted_) {
          if (e.fact.measure != Measure::level) continue;
          recent.erase(std::remove(recent.begin(), recent.end(), e.indicator), recent.end());
          recent.push_back(e.indicator);
        }
        if (recent.size() >= count && position < count) {
          targets.push_back(recent[recent.size() - count + position]);
        }
      } else {
        const int carried = carried_indicator(number.begin);
        if (carried >= 0) targets.push_back(carried);
      }
    }
    if (targets.empty()) return;

    auto period = period_for(number);
    std::optional<int> base_year;
    for (const auto& p : periods_) {
      if (p.begin >= clause.begin && p.end <= number.begin && p.is_base &&
          p.kind == PeriodMention::Kind::year && p.year != period.period.year.value - 1) {
        base_year = p.year;
      }
    }
    // 十四五 … 年均增长12%: an average over the plan's years.
    const Match* per_year = grow ? grow : rate;
    std::optional<PeriodMention> plan = paragraph_plan_;
    for (const auto& p : periods_) {
      if (p.begin < number.begin &&
          (p.kind == PeriodMention::Kind::plan_end || p.kind == PeriodMention::Kind::plan_period)) {
        plan = p;
      }
    }
    if (measure == Measure::growth_pct && per_year && plan &&
        (piece(per_year->begin, per_year->end) == "年增长" ||
         piece(per_year->begin, per_year->end) == "年均增长")) {
      period.period.year = Year(plan->year);
      period.period.period_start = plan->year - 4;
      period.target = period.target || plan->kind == PeriodMention::Kind::plan_end;
    }
    std::optional<std::string> share_of;
    if (measure == Measure::share_pct) {
      if (has_cue(share->begin, number.begin, Cue::scope_province))
        share_of = "province";
      else if (has_cue(share->begin, number.begin, Cue::scope_country))
        share_of = "country";
      else
        return;  // a share of something other than a parent region's total
    }
    // 分别年增长15%和20%以上: the closing qualifier covers every figure of the list.
    Qualifier qualifier = number.qualifier;
    if (respectively && qualifier == Qualifier::exact) {
      for (const auto& n : numbers_) {
        if (n.begin > number.end && n.end <= clause.end && n.kind == number.kind)
          qualifier = n.qualifier;
      }
    }
    for (int target : targets) {
      const auto& chosen = indicator(target);
      if ((measure == Measure::level || measure == Measure::change_pp) && chosen.unit != "%")
        continue;
      for (auto region : regions_for(number, clause)) {
        Fact fact = base_fact(number, region, period, target);
        fact.measure = measure;
        fact.value = value;
        fact.qualifier = qualifier;
        fact.unit = measure == Measure::change_pp ? "百分点" : "%";
        fact.base_year = base_year;
        fact.share_of = share_of;
        set_quote(fact, std::min(quote_begin, number.begin), number.end);
        emit(std::move(fact), target, number.begin);
        emitted_.back().growth_rate = rate != nullptr;
      }
    }
  }

  void read_rank(const NumberMatch& number, Span clause) {
    const Match* cue = find_cue(clause.begin, number.begin, Cue::rank);
    if (!cue) return;
    std::optional<std::string> scope;
    if (!scopes_read_) {
      scopes_ = lexicon_.rank_scopes().find_longest(sentence_);
      scopes_read_ = true;
    }
    for (const auto& s : scopes_) {
      if (s.begin >= clause.begin && s.end <= number.begin)
        scope = lexicon_.rank_scope_codes()[s.id];
    }
    if (!scope) {
      if (has_cue(clause.begin, number.begin, Cue::scope_province))
        scope = "province";
      else if (has_cue(clause.begin, number.begin, Cue::scope_country))
        scope = "country";
      else if (has_cue(clause.begin, number.begin, Cue::scope_prefecture))
        scope = "city";
    }
    if (!scope) return;
    // What ranks: an indicator named in the clause, else the figures just read (双双: the last
    // two). A rank right after growth figures, or after 增速, ranks the growth rate.
    // 有效注册商标、驰名商标、地理标志总量位居西部第二: each listed indicator ranks.
    std::vector<int> ranked = listed_indicators(clause.begin, cue->begin);
    const bool both = has_cue(clause.begin, number.begin, Cue::both);
    bool of_growth = has_cue(clause.begin, cue->begin, Cue::growth_rate);
    // A name after the last figure (专利转让次数首次破万,在西部12个省份中位列第五) is what ranks.
    if (ranked.empty() && !both) {
      const std::size_t last_figure = emitted_.empty() ? 0 : emitted_.back().number_begin;
      for (auto it = indicators_.rbegin(); it != indicators_.rend(); ++it) {
        if (it->end <= cue->begin && it->begin > last_figure && !weak_and_overridden(*it)) {
          ranked.push_back(static_cast<int>(it->id));
          break;
        }
      }
    }
    if (ranked.empty()) {
      for (auto it = emitted_.rbegin(); it != emitted_.rend(); ++it) {
        if (std::find(ranked.begin(), ranked.end(), it->indicator) != ranked.end()) continue;
        if (it->fact.measure == Measure::rank) break;
        if (it == emitted_.rbegin() && it->growth_rate) of_growth = true;
        ranked.push_back(it->indicator);
        if (!both || ranked.size() == 2) break;
      }
      std::reverse(ranked.begin(), ranked.end());
      if (ranked.empty()) {
        const int carried = carried_indicator(cue->begin);
        if (carried >= 0) ranked.push_back(carried);
      }
    }
    const auto period = period_for(number);
    for (int target : ranked) {
      for (auto region : regions_for(number, clause)) {
        Fact fact = base_fact(number, region, period, target);
        fact.measure = Measure::rank;
        fact.value = number.value.to_double();
        fact.unit = "位";
        fact.qualifier = Qualifier::exact;
        fact.rank_scope = scope;
        if (of_growth) fact.rank_of = "growth_pct";
        set_quote(fact, std::min(cue->begin, number.begin), number.end);
        emit(std::move(fact), target, number.begin);
      }
    }
  }

  std::string_view text_;
  const DocumentContext& context_;
  // Whether the context's findings in the whole text are findings in this one.
  const bool whole_text_read_ =
      context_.scanned.data() == text_.data() && context_.scanned.size() == text_.size();
  const Lexicon& lexicon_;
  std::optional<int> publication_year_;
  int reporting_year_ = 0;

  std::optional<int> section_year_;
  bool section_target_ = false;
  std::optional<int> paragraph_year_;
  // Months that hold for the rest of the paragraph (截至2023年6月,…; 1-9月,…), and for the
  // whole bulletin when its opening names them (2025年1—9月专利授权数据).
  std::optional<Months> paragraph_months_;
  std::optional<Months> document_months_;
  std::optional<PeriodMention> paragraph_plan_;

  std::size_t counted_to_ = 0;            // byte offset up to which code points are counted
  std::size_t sentence_code_points_ = 0;  // code points before the current sentence
  std::string_view raw_;
  std::string view_;
  std::vector<std::size_t> origin_;  // view_ byte → raw_ byte
  bool view_is_raw_ = false;         // then sentence_ is raw_, and view_ and origin_ unused
  std::string_view sentence_;        // the reading view
  std::string lowered_;
  std::size_t offset_ = 0;
  std::vector<NumberMatch> numbers_;
  std::vector<Match> indicators_, regions_, cues_, scopes_;
  bool scopes_read_ = false;  // scopes_ is of this sentence
  std::vector<PeriodMention> periods_;
  std::vector<std::size_t> clause_marks_;
  std::vector<EmittedFact> emitted_;
};

}  // namespace

namespace {

// Over the digits of a printed figure alone: "38.25" and "3825" hash and compare the same.
std::size_t digits_hash(std::string_view printed) {
  std::size_t h = 0;
  for (char c : printed) {
    if (c >= '0' && c <= '9') h = h * 31 + static_cast<std::size_t>(c - '0' + 1);
  }
  return h;
}

bool same_digits(std::string_view a, std::string_view b) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  for (;;) {
    while (i < a.size() && !digit(a[i])) ++i;
    while (j < b.size() && !digit(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i++] != b[j++]) return false;
  }
}

}  // namespace

// A figure repeated in a bulletin is one fact; where the bulletin gives a key both exactly
// and as a rounded claim (首次突破万次 … 达到10257次), the exact figure stands; and where it
// gives a key twice in the same digits, once without the decimal point (同比增长3825% …
// 同比增长38.25%: scraped or recognized text loses points, it never gains them), the figure
// with the point stands.
std::vector<Fact> deduplicate_facts(std::vector<Fact> facts) {
  if (facts.empty()) return facts;
  // Each fact's key is made once, as views of its strings, with its hash; the sets hold
  // indices. Copying keys into ordered sets for every lookup was 6 % of extraction. The facts
  // are moved out only at the end, since a moved-from string would change under a view.
  const auto text = [](const std::optional<std::string>& s) {
    return s ? std::string_view(*s) : std::string_view();
  };
  // The key, and the same without its months (a year figure and a month figure of one thing).
  auto key = [&](const Fact& f, bool with_months) {
    return std::make_tuple(
        std::string_view(f.region.str()), f.period.year.value,
        with_months ? f.period.month_start.value_or(0) : 0,
        with_months ? f.period.month_end.value_or(0) : 0, f.period.period_start.value_or(0),
        f.period.cumulative, std::string_view(f.indicator), static_cast<int>(f.measure),
        text(f.rank_of), text(f.rank_scope), text(f.share_of), f.base_year.value_or(0),
        static_cast<int>(f.status));
  };
  using Key = decltype(key(facts.front(), true));
  const auto hash_of = [](const Key& k) {
    std::size_t h = 0;
    std::apply(
        [&](const auto&... field) {
          ((h = h * 1000003 ^ std::hash<std::decay_t<decltype(field)>>{}(field)), ...);
        },
        k);
    return h;
  };
  std::vector<Key> keys, month_less;
  std::vector<std::size_t> hashes, month_less_hashes;
  keys.reserve(facts.size());
  hashes.reserve(facts.size());
  month_less.reserve(facts.size());
  month_less_hashes.reserve(facts.size());
  for (const auto& f : facts) {
    keys.push_back(key(f, true));
    hashes.push_back(hash_of(keys.back()));
    month_less.push_back(key(f, false));
    month_less_hashes.push_back(hash_of(month_less.back()));
  }
  const auto key_hash = [&](std::size_t i) { return hashes[i]; };
  const auto same_key = [&](std::size_t a, std::size_t b) { return keys[a] == keys[b]; };
  using ByKey = std::unordered_set<std::size_t, decltype(key_hash), decltype(same_key)>;
  ByKey exact(facts.size(), key_hash, same_key), domestic(1, key_hash, same_key);
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].qualifier == Qualifier::exact) exact.insert(i);
    if (facts[i].note == kDomesticNote) domestic.insert(i);
  }
  // A figure is the same one when its key and its value are.
  const auto value_hash = [&](std::size_t i) {
    return hashes[i] ^ std::hash<double>{}(facts[i].value);
  };
  const auto same_figure = [&](std::size_t a, std::size_t b) {
    return keys[a] == keys[b] && facts[a].value == facts[b].value;
  };
  std::unordered_set<std::size_t, decltype(value_hash), decltype(same_figure)> seen(
      facts.size(), value_hash, same_figure);
  // The same key in the same digits, one copy with a decimal point and one without.
  const auto has_point = [&](std::size_t i) {
    return facts[i].value_text.find('.') != std::string::npos;
  };
  const auto digits_key_hash = [&](std::size_t i) {
    return hashes[i] ^ digits_hash(facts[i].value_text);
  };
  const auto same_digits_key = [&](std::size_t a, std::size_t b) {
    return keys[a] == keys[b] && same_digits(facts[a].value_text, facts[b].value_text);
  };
  std::unordered_set<std::size_t, decltype(digits_key_hash), decltype(same_digits_key)> pointed(
      1, digits_key_hash, same_digits_key);
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (has_point(i)) pointed.insert(i);
  }
  const auto lost_its_point = [&](std::size_t i) { return !has_point(i) && pointed.count(i); };
  // A figure given once for the year (a headline: 累计有效注册商标60.1万件) and once for a stated
  // month (截至2023年11月,…60.1万件) is one figure: the months were said, the year was assumed.
  const auto month_less_hash = [&](std::size_t i) {
    return month_less_hashes[i] ^ std::hash<double>{}(facts[i].value);
  };
  const auto same_month_less = [&](std::size_t a, std::size_t b) {
    return month_less[a] == month_less[b] && facts[a].value == facts[b].value;
  };
  std::unordered_set<std::size_t, decltype(month_less_hash), decltype(same_month_less)>
      with_months(1, month_less_hash, same_month_less);
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].period.month_end) with_months.insert(i);
  }
  const auto said_with_months = [&](std::size_t i) {
    return !facts[i].period.month_end && with_months.count(i);
  };
  std::vector<bool> kept(facts.size(), false);
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const Fact& f = facts[i];
    if (f.qualifier != Qualifier::exact && exact.count(i)) continue;
    if (domestic.count(i) && f.note != kDomesticNote) continue;
    if (lost_its_point(i)) continue;
    if (said_with_months(i)) continue;
    kept[i] = seen.insert(i).second;
  }
  std::vector<Fact> out;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (kept[i]) out.push_back(std::move(facts[i]));
  }
  return out;
}

std::vector<Fact> assemble_facts(std::string_view text, const DocumentContext& context,
                                 const Lexicon& lexicon) {
  if (text.empty()) return {};
  return SentenceReader(text, context, lexicon).read();
}

}  // namespace iprdb::detail
