#pragma once

// Words and numbers shared by the table and chart layouts.

#include <optional>
#include <string>
#include <string_view>

#include <iprdb/fact.hpp>
#include <iprdb/query.hpp>

namespace iprdb::detail {

/// `value` with at most `max_decimals` decimals, trailing zeros dropped; with `group`,
/// thousands separated by commas from 1,000 up.
std::string format_number(double value, int max_decimals, bool group);

/// The shortest text that reads back as `value` ("194000", "53.54"): for programs.
std::string raw_number(double value);

/// 2023年, 2023年1—9月, 2023年9月底, 2023年8月.
std::string period_words(const Period& period);

/// The same for a request: a year and optional months.
std::string period_words(Year year, const std::optional<Months>& months);

/// 约, 超过, 不少于, 不到, 不超过; empty for an exact figure.
std::string_view qualifier_words(Qualifier qualifier);

/// What people read in a 说明 column: the qualifier, 目标 for a target.
std::string remark(const Observation& observation);

/// Shortens `text` to at most `width` display columns, ending with … when cut.
std::string shorten(std::string_view text, int width);

}  // namespace iprdb::detail
