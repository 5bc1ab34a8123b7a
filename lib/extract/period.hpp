#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace iprdb::detail {

/// A mention of time in a sentence, before it is resolved against the publication date.
struct PeriodMention {
  enum class Kind {
    year,          ///< 2022年, 二〇二二年, 2022年度
    year_range,    ///< 2020-2024年, 2020年至2024年: a multi-year total
    relative,      ///< 去年 (−1), 今年 (0), 前年 (−2)
    recent_years,  ///< 近三年, 三年来, 3年累计: the last N years up to the reporting year
    plan_end,      ///< "十四五"末: the plan's last year, a target
    plan_period,   ///< "十四五"期间: the plan's years
    months_only,   ///< 1-9月, 前三季度, 截至3月底 with no year of their own
  };
  Kind kind = Kind::year;
  std::size_t begin = 0;  // byte offsets in the sentence
  std::size_t end = 0;
  int year = 0;           // year, the last year of a range or plan, or the relative offset
  int first_year = 0;     // year_range and plan_period: the first year (after `year` when the
                          // text reverses the range); recent_years: N
  std::optional<int> month_start;
  std::optional<int> month_end;
  bool as_of = false;     // 截至…, …底, …末: a point in time, not a period
  bool is_base = false;   // 较2020年, 比上年, 上年同期: the base of a comparison
};

/// Every time mention in `sentence`, left to right.
std::vector<PeriodMention> find_periods(std::string_view sentence);

/// The mentions that find_periods(text) finds from byte `from` on, given that its scan stands
/// at `from` (0, or the end of one of its mentions); what precedes `from` is still read for
/// the words before a mention (较, 截至).
std::vector<PeriodMention> find_periods(std::string_view text, std::size_t from);

/// How far past its start one reading of a mention may look: a scan of text cut at byte c
/// finds what a scan of the whole finds, for every mention that begins before c minus this.
inline constexpr std::size_t kPeriodLookahead = 256;

/// The year of the N-th World Intellectual Property Day (第二十二个世界知识产权日 → 2022).
std::optional<int> world_ip_day_year(std::string_view text);

}  // namespace iprdb::detail
