#pragma once

#include <string>
#include <string_view>

namespace iprdb::detail {

/// The normalized form that is stored and that every span points into:
///  1. line endings (CRLF, CR, VT, FF, NEL, U+2028/9) → '\n'; invisible characters removed
///     (U+200B..U+200F, U+2060, U+FEFF, soft hyphen, C0/C1 controls other than '\t' and '\n');
///     U+00A0 and U+3000 → ' '. Invalid UTF-8 becomes U+FFFD.
///  2. ICU NFKC: "１．７８万" → "1.78万", "，" → ",", "％" → "%", Kangxi radicals → characters.
///  3. CJK Radicals Supplement characters NFKC leaves alone (⻄ → 西, ⻔ → 门) mapped through
///     schema/lexicon/radical_variants.tsv.
///  4. Scraper ruby removed: a tone-marked pinyin syllable in () glued to a Han character,
///     "發(fā)明" → "發明". Done before 5 so that 5's phrase rules see the words whole.
///  5. Traditional → Simplified with ICU's "Hant-Hans" (專利 → 专利, 萬 → 万), except for the
///     characters it would wrongly rewrite in Simplified text (显著 ↛ 显着, 俱乐部 ↛ 具乐部).
///  6. Trailing spaces and tabs of each line removed (runs inside a line are kept: tables use
///     '\t'); more than two consecutive empty lines collapsed to one.
/// Linear in the input, idempotent, and never throws on any input (unless ICU's data is
/// missing, which is Error(internal)).
std::string normalize_text(std::string_view utf8);

/// Steps of normalize_text on their own, for their tests.
namespace normalize_steps {
// Step 1; `may_hold_traditional` says whether step 5 could find anything after steps 2-4.
std::string clean(std::string_view utf8, bool* may_hold_traditional = nullptr);
std::string map_radicals_and_drop_ruby(std::string text);  // steps 3 and 4, on well-formed UTF-8
bool has_traditional(std::string_view text);               // whether step 5 changes anything
// Steps 1 and 2 in one pass: ICU's NFKC of clean(utf8), ICU asked only where it must be.
std::string clean_and_nfkc(std::string_view utf8, bool* may_hold_traditional = nullptr);
}  // namespace normalize_steps

}  // namespace iprdb::detail
