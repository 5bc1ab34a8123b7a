#pragma once

#include <cstddef>
#include <iprdb/fact.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/decimal.hpp"

namespace iprdb::detail {

enum class NumberKind { count, money, percent, percentage_points, times, ordinal_rank, plain };

/// One figure found in normalized text (NFKC, Simplified). Byte offsets index the scanned text.
struct NumberMatch {
  /// The whole match: qualifier words before and after, the figure and its unit
  /// ("超" … "万元", "逾" … "万元", "1.2万-1.5万件", "10%以上").
  std::size_t begin = 0, end = 0;
  /// Just the figure with its magnitude ("5600万", "1.78万", "5000余万", "八到九百亿"); for a
  /// rank the ordinal with 第 ("第十", "首位"), for 百分之 the whole "百分之一点五七".
  std::size_t number_begin = 0, number_end = 0;
  /// After magnitudes and the unit's own scale: 1.78万件 → 17800, 6.37亿元 → 637000000,
  /// 三成 → 30, 百分之一点五七 → 1.57, 翻两番 → 4, 第十位 → 10. Negative only for a literal minus.
  Decimal value;
  /// The upper bound of a range (1.2~1.5万件 → value 12000, upper 15000); `value` is the lower.
  std::optional<Decimal> upper;
  Qualifier qualifier = Qualifier::exact;
  /// The unit the value is in (schema/lexicon/units.tsv base_unit): "件" "个" "家" "人" "元" "%"
  /// "百分点" "倍" "位" …; "" when none. 500人(次) → "人", 三成 → "%", 第2名 → "位".
  std::string unit;
  /// The unit as printed: "个百分点", "人(次)", "成", "名"; "" when none.
  std::string unit_text;
  NumberKind kind = NumberKind::plain;
  /// The figure as printed, text[number_begin, number_end): "1.78万", "5.8亿", "两千", "翻一番".
  std::string text;
};

/// Every figure in `text`, left to right, non-overlapping. Linear time; never throws on any
/// input (invalid UTF-8 bytes are read as non-figure characters). The word lists are
/// schema/lexicon/units.tsv and number_words.tsv, compiled in and read on first use; a
/// malformed list is a build defect and throws Error(internal) then.
///
/// A range keeps its unit's reading: 1.2~1.5万件 and 八到九百亿元 distribute 万/亿 (and a lone
/// digit's 百) to the lower bound. The caller decides what a range or a qualifier means.
///
/// What yields no match at all: years, dates and times (2022年, 2020-2024年, 1—9月, 4月26日,
/// 二〇二二年, 19:34:31, 2023-05-09), durations and ages (3个月, 5个工作日), phone, ICP and other
/// codes (0851-…, 京ICP备12345号, 5G, G20), quoted names (“3.15”, “十四五”), digit strings longer
/// than 12 digits, vague figures (十几件, 数十家, 上千家, 一两个), 前十 / 前5位, and a Chinese
/// numeral with neither a unit nor 万/亿 after it (一是, 统一, 二十大).
///
/// What yields kind `plain`: an Arabic figure, or a Chinese one with 万/亿, that has no unit
/// (table cells, "12345热线", "剑网2022", and money in 美元 or another foreign currency).
/// Callers reading prose should ignore plain figures.
std::vector<NumberMatch> find_numbers(std::string_view text);

}  // namespace iprdb::detail
