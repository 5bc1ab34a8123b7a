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
  return RegionCode(fmt::format("{:06d}", value));
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
