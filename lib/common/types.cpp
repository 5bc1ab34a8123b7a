#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/types.hpp>

namespace iprdb {

RegionCode::RegionCode(std::string_view six_digits) : digits_(six_digits) {
  bool ok = digits_.size() == 6;
  for (char c : digits_) ok = ok && c >= '0' && c <= '9';
  if (!ok) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("\"{}\" is not a six-digit region code", six_digits));
  }
}

RegionCode RegionCode::from_int(int value) {
  if (value < 0 || value > 999999) {
    throw Error(ErrorCode::invalid_argument, fmt::format("{} is not a region code", value));
  }
  // Written digit by digit: every row a query returns makes one, and fmt's general path was
  // a visible share of a comparison.
  char digits[6];
  for (int i = 5; i >= 0; --i, value /= 10) digits[i] = static_cast<char>('0' + value % 10);
  return RegionCode(std::string_view(digits, sizeof digits));
}

int RegionCode::to_int() const noexcept {
  int v = 0;
  for (char c : digits_) v = v * 10 + (c - '0');
  return v;
}

std::string_view to_string(RegionLevel level) noexcept {
  switch (level) {
    case RegionLevel::country: return "country";
    case RegionLevel::province: return "province";
    case RegionLevel::prefecture: return "prefecture";
    case RegionLevel::county: return "county";
  }
  return "county";
}

std::optional<RegionLevel> parse_region_level(std::string_view text) noexcept {
  for (auto level : {RegionLevel::country, RegionLevel::province, RegionLevel::prefecture,
                     RegionLevel::county}) {
    if (to_string(level) == text) return level;
  }
  return std::nullopt;
}

std::string_view to_string(IndicatorKind kind) noexcept {
  switch (kind) {
    case IndicatorKind::stock: return "stock";
    case IndicatorKind::flow: return "flow";
    case IndicatorKind::ratio: return "ratio";
  }
  return "flow";
}

std::optional<IndicatorKind> parse_indicator_kind(std::string_view text) noexcept {
  for (auto kind : {IndicatorKind::stock, IndicatorKind::flow, IndicatorKind::ratio}) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

}  // namespace iprdb

#include <iprdb/fact.hpp>

namespace iprdb {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(std::string_view text, const Enum (&all)[N]) {
  for (auto value : all) {
    if (to_string(value) == text) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Measure measure) noexcept {
  switch (measure) {
    case Measure::level: return "level";
    case Measure::growth_pct: return "growth_pct";
    case Measure::change_pp: return "change_pp";
    case Measure::rank: return "rank";
    case Measure::share_pct: return "share_pct";
    case Measure::change_abs: return "change_abs";
  }
  return "level";
}

std::string_view to_string(Status status) noexcept {
  return status == Status::target ? "target" : "actual";
}

std::string_view to_string(Qualifier qualifier) noexcept {
  switch (qualifier) {
    case Qualifier::exact: return "exact";
    case Qualifier::approx: return "approx";
    case Qualifier::more_than: return "more_than";
    case Qualifier::at_least: return "at_least";
    case Qualifier::less_than: return "less_than";
    case Qualifier::at_most: return "at_most";
  }
  return "exact";
}

std::optional<Measure> parse_measure(std::string_view text) noexcept {
  static const Measure all[] = {Measure::level, Measure::growth_pct, Measure::change_pp,
                                Measure::rank, Measure::share_pct, Measure::change_abs};
  return parse_enum(text, all);
}

std::optional<Status> parse_status(std::string_view text) noexcept {
  static const Status all[] = {Status::actual, Status::target};
  return parse_enum(text, all);
}

std::optional<Qualifier> parse_qualifier(std::string_view text) noexcept {
  static const Qualifier all[] = {Qualifier::exact, Qualifier::approx, Qualifier::more_than,
                                  Qualifier::at_least, Qualifier::less_than, Qualifier::at_most};
  return parse_enum(text, all);
}

}  // namespace iprdb
