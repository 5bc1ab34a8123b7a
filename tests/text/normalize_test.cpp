#include "text/normalize.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reference/embedded.hpp"
#include "testing.hpp"

using iprdb::detail::normalize_text;

namespace {

struct Case {
  std::string input;
  std::string expected;
};

void check_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    INFO(c.input);
    CHECK(normalize_text(c.input) == c.expected);
  }
}

}  // namespace

TEST_CASE("full-width digits letters and punctuation become ASCII", "[text]") {
  check_all({
      {"１．７８万件，同比增长１６．４％", "1.78万件,同比增长16.4%"},
      {"ＰＣＴ国际专利申请（件）：１２３４；", "PCT国际专利申请(件):1234;"},
      {"第一季度～第三季度", "第一季度~第三季度"},
      {"⼈⼝", "人口"},  // Kangxi radicals U+2F08 U+2F1D
      {"①", "1"},
      {"。、“”《》", "。、“”《》"},  // Chinese punctuation has no ASCII form and stays
  });
}

TEST_CASE("radical supplement characters become the characters they stand for", "[text]") {
  check_all({
      {"⻄安", "西安"},
      {"⻅义勇为", "见义勇为"},
      {"⻓三角", "长三角"},
      {"市场监管部⻔", "市场监管部门"},
      {"⻑春", "长春"},  // ⻑ → 長, then Traditional → Simplified
      {"⺟", "母"},      // NFKC's own
  });
}

TEST_CASE("every row of the radical table maps a radical to an ordinary character", "[text]") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  REQUIRE(U_SUCCESS(status));
  std::string_view text = iprdb::detail::embedded::radical_variants;
  std::set<UChar32> seen;
  int rows = 0;
  while (!text.empty()) {
    auto line = text.substr(0, text.find('\n'));
    text.remove_prefix(std::min(text.size(), line.size() + 1));
    if (line.empty() || line[0] == '#') continue;
    ++rows;
    INFO(std::string(line));
    auto variant = icu::UnicodeString::fromUTF8(line.substr(0, line.find('\t')));
    REQUIRE(variant.countChar32() == 1);
    UChar32 c = variant.char32At(0);
    CHECK(c >= 0x2E80);
    CHECK(c <= 0x2EFF);
    CHECK(seen.insert(c).second);
    CHECK(nfkc->isNormalized(variant, status));  // otherwise NFKC handles it
    auto rest = line.substr(line.find('\t') + 1);
    auto standard = std::string(rest.substr(0, rest.find('\t')));
    CHECK(icu::UnicodeString::fromUTF8(standard).countChar32() == 1);
    std::string variant_utf8;
    variant.toUTF8String(variant_utf8);
    CHECK(normalize_text(variant_utf8) == normalize_text(standard));
  }
  CHECK(rows >= 80);
}

TEST_CASE("Traditional characters become Simplified", "[text]") {
  check_all({
      {"專利", "专利"},
      {"發明專利授權量達到1.2萬件", "发明专利授权量达到1.2万件"},
      {"億元", "亿元"},
      {"臺灣地區", "台湾地区"},
      {"著作權登記", "著作权登记"},
      {"顯著增長", "显著增长"},
  });
}

TEST_CASE("Simplified text that ICU's converter would damage is left alone", "[text]") {
  check_all({
      {"显著", "显著"},
      {"成效显著提升", "成效显著提升"},
      {"俱乐部", "俱乐部"},
      {"乾隆", "乾隆"},
      {"摔跤", "摔跤"},
      {"慰藉", "慰藉"},
      {"大阪", "大阪"},
      {"苎麻", "苎麻"},
      {"后来于是", "后来于是"},
  });
}

TEST_CASE("pinyin glued to a Han character by a scraper is removed", "[text]") {
  check_all({
      {"發(fā)明", "发明"},
      {"發(fā)明專利擁有量", "发明专利拥有量"},
      {"監(jiān)管", "监管"},
      {"绿(lǜ)色", "绿色"},
      {"发（fā）明", "发明"},  // full-width parentheses, after NFKC
      {"发(fā)(fā)明", "发明"},
      // Left alone: no tone mark, not after a Han character, capitals, spaces, too long.
      {"发(fa)明", "发(fa)明"},
      {"A(fā)", "A(fā)"},
      {"发 (fā)", "发 (fā)"},
      {"发(Fā)", "发(Fā)"},
      {"发(fā míng)", "发(fā míng)"},
      {"发(zhuāngg)", "发(zhuāngg)"},
      {"增长(2023年)", "增长(2023年)"},
      {"专利(件)", "专利(件)"},
      {"发(", "发("},
  });
}

TEST_CASE("line endings white space and invisible characters are tidied", "[text]") {
  check_all({
      {"第一行\r\n第二行\r第三行\n", "第一行\n第二行\n第三行\n"},
      {"专\u200B利\u200C授\u200D权\uFEFF量\u00AD", "专利授权量"},
      {"A\u00A0B\u3000C", "A B C"},
      {"地区\t\t数量  合计", "地区\t\t数量  合计"},
      {"  缩进保留  \t\n下一行 ", "  缩进保留\n下一行"},
      {"一\n\n二\n\n\n三\n\n\n\n四\n\n\n\n\n\n五", "一\n\n二\n\n\n三\n\n四\n\n五"},
      {"一\n \t \n\n\n二", "一\n\n二"},
      {"段\f页\u2028行\u0085", "段\n页\n行\n"},
      {"控\x01制\x7F符", "控制符"},
      {"", ""},
  });
}

TEST_CASE("invalid UTF-8 becomes replacement characters instead of an error", "[text]") {
  CHECK(normalize_text("专利\xff\xfe") == "专利\uFFFD\uFFFD");
  CHECK(normalize_text("\xe4\xb8") == "\uFFFD");
  CHECK(normalize_text(std::string("a\0b", 3)) == "ab");
}

TEST_CASE("normalizing twice changes nothing", "[text]") {
  const std::vector<std::string> samples = {
      "２０２３年，發(fā)明專利授權量達到１．２萬件，同比增長１６．４％。\r\n\r\n\r\n\r\n⻄安市",
      "  地区\t专利授权量\t\n杭州市\t1234  \n\n\n\n\n",
      "薴麻 苧麻 苎麻 甚(shèn)麼 ⻑春 ⑴ ㊣ ﹙ａ﹚ \u3000\u00A0",
      "发(fā)(fā)明 監(jiān)(jiān)管 发\u200B(fā)明 ",
      "\n\n\n\n",
      "\n",
      "顯著 著作權 隨著 後來 於是 乾燥 藉口",
  };
  for (const auto& sample : samples) {
    INFO(sample);
    auto once = normalize_text(sample);
    CHECK(normalize_text(once) == once);
  }
}

TEST_CASE("normalization stays fast on a large document", "[text]") {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "發(fā)明專利１２３件，增長(((((((\r\n\t\t  \n";
  auto normalized = normalize_text(big);
  CHECK(normalized.size() < big.size());
  const std::string line = "发明专利123件,增长(((((((\n\n";
  CHECK(normalized.substr(0, line.size()) == line);
}

// ---------------------------------------------------------------------------------------------
// The steps that skip what cannot change, against the character-by-character readings they
// replaced, on random text made of the characters each rule looks at.

namespace reference_steps {

bool is_invisible(UChar32 c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
         (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

void append_utf8(std::string& out, UChar32 c) {
  char buffer[U8_MAX_LENGTH];
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(buffer, length, c);
  out.append(buffer, static_cast<std::size_t>(length));
}

std::string clean(std::string_view utf8) {
  std::string out;
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    UChar32 replacement = c;
    if (c < 0) {
      replacement = 0xFFFD;
    } else if (c == '\r') {
      if (i < n && p[i] == '\n') ++i;
      replacement = '\n';
    } else if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
      replacement = '\n';
    } else if (c == 0xA0 || c == 0x3000) {
      replacement = ' ';
    } else if (is_invisible(c)) {
      replacement = -1;
    }
    if (replacement >= 0) append_utf8(out, replacement);
  }
  return out;
}

std::vector<UChar32> radical_table() {
  std::vector<UChar32> table(0x80, 0);
  std::string_view text = iprdb::detail::embedded::radical_variants;
  while (!text.empty()) {
    auto line = text.substr(0, text.find('\n'));
    text.remove_prefix(std::min(text.size(), line.size() + 1));
    if (line.empty() || line[0] == '#') continue;
    auto variant = icu::UnicodeString::fromUTF8(line.substr(0, line.find('\t')));
    auto rest = line.substr(line.find('\t') + 1);
    auto standard = icu::UnicodeString::fromUTF8(rest.substr(0, rest.find('\t')));
    table[static_cast<std::size_t>(variant.char32At(0) - 0x2E80)] = standard.char32At(0);
  }
  return table;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

std::int32_t ruby_end(const std::uint8_t* s, std::int32_t open, std::int32_t n) {
  static constexpr std::u16string_view kToned = u"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
  bool toned = false;
  std::int32_t i = open + 1;
  for (std::int32_t letters = 0; i < n && letters <= 6; ++letters) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == ')') return letters > 0 && toned ? i : -1;
    if (c >= 0 && c <= 0xFFFF &&
        kToned.find(static_cast<char16_t>(c)) != std::u16string_view::npos) {
      toned = true;
    } else if (!((c >= 'a' && c <= 'z') || c == u'ü')) {
      return -1;
    }
  }
  return -1;
}

std::string map_radicals_and_drop_ruby(const std::string& text) {
  static const std::vector<UChar32> radicals = radical_table();
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::string out;
  UChar32 last = 0;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0x2E80 && c <= 0x2EFF && radicals[static_cast<std::size_t>(c - 0x2E80)]) {
      c = radicals[static_cast<std::size_t>(c - 0x2E80)];
      append_utf8(out, c);
    } else if (c == '(' && is_han(last)) {
      if (std::int32_t end = ruby_end(s, start, n); end > 0) {
        i = end;
        continue;
      }
      out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else {
      out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
    last = c;
  }
  return out;
}

}  // namespace reference_steps

TEST_CASE("the normalization steps agree with a reading of every character", "[text]") {
  namespace steps = iprdb::detail::normalize_steps;
  // Well-formed pieces: radicals mapped and not, rubies and their look-alikes, the characters
  // clean rewrites, and ordinary text of one to four bytes a character.
  const std::vector<std::string> pieces = {
      "发", "發", "明", "专", "專", "利", "(", ")", "fā", "jiān", "a", "ü", "ǚ", "x", "((",
      "(fā)", "(jiān)", "(lǚ)", "(fa)", "(fā", "(fāfāfāfā)",
      "⻄", "⻔", "⻑", "⺁", "⻳", "⺀", "\u2EFF", "“", "”", "—", "\u2060", "\u200B", "\u200F",
      "\u2028", "\u2029", "\u3000", "\uFEFF", "\u00A0", "\u00AD", "\u0085", "\r", "\r\n", "\n",
      "\t", " ", "\x0B", "\x01", "\x7F", "1", "２", "，", "。", "\u0800", "\uD7FF", "\uE000",
      "\uFFFD", "𠀀", "𫠠", "é", "Ω"};
  // Ill-formed bytes, which only clean and has_traditional see.
  const std::vector<std::string> broken = {"\xE4\xB8", "\xE2\xBA", "\xE3", "\xEF\xBB", "\x80",
                                           "\xC2", "\xED\xA0\x80", "\xE0\x80\x80", "\xF0\x9F",
                                           "\xFF", "\xE5\x28\xA1"};
  std::mt19937 random(20261207);
  for (int round = 0; round < 3000; ++round) {
    std::string text, mixed;
    const auto length = random() % 24;
    for (unsigned k = 0; k < length; ++k) {
      const auto& piece = pieces[random() % pieces.size()];
      text += piece;
      mixed += random() % 6 == 0 ? broken[random() % broken.size()] : piece;
    }
    INFO(text);
    CHECK(steps::map_radicals_and_drop_ruby(text) ==
          reference_steps::map_radicals_and_drop_ruby(text));
    CHECK(steps::clean(text) == reference_steps::clean(text));
    INFO(mixed);
    CHECK(steps::clean(mixed) == reference_steps::clean(mixed));
    // has_traditional is exact where 發 專 stand among the rest.
    const bool traditional =
        text.find("發") != std::string::npos || text.find("專") != std::string::npos;
    CHECK(steps::has_traditional(text) == traditional);
    CHECK(steps::has_traditional(mixed) == (mixed.find("發") != std::string::npos ||
                                            mixed.find("專") != std::string::npos));
  }
}

TEST_CASE("a text clean() finds free of suspects holds nothing for Hant-Hans after NFKC",
          "[text]") {
  // normalize_text skips the search for Traditional characters on clean()'s word; it must
  // never say no where NFKC or the radical table would make one (⾨ → 門, ⻑ → 長, 豈 is one).
  namespace steps = iprdb::detail::normalize_steps;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  REQUIRE(U_SUCCESS(status));
  const std::vector<std::string> pieces = {
      "发明", "专利", "，", "（", "）", "：", "％", "１２", "。", "、", "“", "”", "a", "e", "PCT",
      "\u0301", "\u0338", "<", "=", "⾨", "⼈", "⻑", "⻄", "豈", "㈱", "㊙", "發", "門", "①",
      "ｶ", "\uFF9E", "한", "\u1100", "\u1161", "\u11A8", "Å", "Å", "ﬁ", "\u3000", "\u00A0",
      "\r\n", "𠀀", "\xE4\xB8", "\xFF"};
  std::mt19937 random(2026);
  int clear = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const auto length = 1 + random() % 10;
    for (unsigned k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    bool may_hold = true;
    const std::string cleaned = steps::clean(text, &may_hold);
    if (may_hold) continue;
    ++clear;
    std::string normalized;
    icu::StringByteSink<std::string> sink(&normalized);
    nfkc->normalizeUTF8(0, cleaned, sink, nullptr, status);
    REQUIRE(U_SUCCESS(status));
    INFO(text);
    CHECK_FALSE(steps::has_traditional(steps::map_radicals_and_drop_ruby(normalized)));
  }
  CHECK(clear > 100);
  bool may_hold = false;
  steps::clean("发明专利，１２件", &may_hold);
  CHECK_FALSE(may_hold);  // full-width forms alone leave nothing to do
  for (const char* one : {"⾨", "⻑", "豈", "發", "e\u0301"}) {
    steps::clean(one, &may_hold);
    CHECK(may_hold);
  }
}

TEST_CASE("clean and NFKC in one pass give what ICU gives for the cleaned text", "[text]") {
  // The pass hands ICU only the runs of characters that may interact; around them it copies
  // or replaces characters itself. Pieces that interact across what clean removes, ASCII
  // before combining marks, full-width letters and punctuation, Hangul jamo, compatibility
  // characters, ill-formed bytes.
  namespace steps = iprdb::detail::normalize_steps;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  REQUIRE(U_SUCCESS(status));
  const std::vector<std::string> pieces = {
      "发明", "专利", "，", "（", "）", "：", "％", "１２", "。", "、", "“", "a", "e", "PCT", "1",
      "\u0301", "\u0327", "\u0338", "\u0308\u0301", "<", "=", "Ａ", "ｅ", "ﾞ", "ｶ", "\uFF9E",
      "⾨", "⼈", "⻑", "豈", "㈱", "①", "ﬁ", "Å", "Å", "é", "한", "\u1100", "\u1161", "\u11A8",
      "\u3000", "\u00A0", "\u200B", "\u00AD", "\uFEFF", "\u2028", "\r\n", "\r", "\t", "\n",
      "\x01", "\x7F", "\u0085", "𠀀", "𝐀", "\xE4\xB8", "\xFF", "\xC3", "\xED\xA0\x80", "\u0F73",
      "\u0CC6\u0CC2", "\u0915\u093C", "ｷﾞ"};
  std::mt19937 random(31);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const auto length = random() % 16;
    for (unsigned k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    bool one_pass_suspect = false, cleaned_suspect = false;
    const std::string cleaned = steps::clean(text, &cleaned_suspect);
    std::string expected;
    {
      icu::StringByteSink<std::string> sink(&expected);
      nfkc->normalizeUTF8(0, cleaned, sink, nullptr, status);
    }
    REQUIRE(U_SUCCESS(status));
    INFO(text);
    CHECK(steps::clean_and_nfkc(text, &one_pass_suspect) == expected);
    CHECK(one_pass_suspect == cleaned_suspect);
  }
}
