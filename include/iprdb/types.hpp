#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iprdb {

/// A calendar year. A distinct type so that a year and a count can never trade places.
struct Year {
  constexpr explicit Year(int v) noexcept : value(v) {}
  int value;
};
constexpr bool operator==(Year a, Year b) noexcept { return a.value == b.value; }
constexpr bool operator!=(Year a, Year b) noexcept { return a.value != b.value; }
constexpr bool operator<(Year a, Year b) noexcept { return a.value < b.value; }
constexpr bool operator<=(Year a, Year b) noexcept { return a.value <= b.value; }
constexpr bool operator>(Year a, Year b) noexcept { return a.value > b.value; }
constexpr bool operator>=(Year a, Year b) noexcept { return a.value >= b.value; }

/// A six-digit GB/T 2260 administrative code such as "520000"; "000000" is the whole country.
class RegionCode {
 public:
  /// Throws Error(invalid_argument) unless `six_digits` is exactly six ASCII digits.
  explicit RegionCode(std::string_view six_digits);
  /// The code of the integer form (520000 → "520000", 0 → "000000").
  static RegionCode from_int(int value);

  const std::string& str() const noexcept { return digits_; }
  int to_int() const noexcept;
  /// The whole country, "000000".
  bool is_country() const noexcept { return digits_ == "000000"; }

  friend bool operator==(const RegionCode& a, const RegionCode& b) { return a.digits_ == b.digits_; }
  friend bool operator!=(const RegionCode& a, const RegionCode& b) { return a.digits_ != b.digits_; }
  friend bool operator<(const RegionCode& a, const RegionCode& b) { return a.digits_ < b.digits_; }

 private:
  std::string digits_;
};

/// Where a region sits in the administrative hierarchy.
enum class RegionLevel { country, province, prefecture, county };

std::string_view to_string(RegionLevel level) noexcept;
/// "country", "province", "prefecture" or "county"; nullopt for anything else.
std::optional<RegionLevel> parse_region_level(std::string_view text) noexcept;

/// One administrative unit of the gazetteer, current or historical.
struct Region {
  RegionCode code;
  /// The full official name, 黔南布依族苗族自治州.
  std::string name;
  /// The name people write, 黔南.
  std::string short_name;
  RegionLevel level = RegionLevel::county;
  /// The enclosing unit; empty only for the whole country.
  std::optional<RegionCode> parent;
  /// Pinyin of the short name, lower case, no tones or spaces ("qiannan").
  std::string pinyin;
  /// First and last year the unit existed in this form; empty when open-ended.
  std::optional<int> valid_from;
  std::optional<int> valid_to;
  /// For a unit that no longer exists, the one that took it over.
  std::optional<RegionCode> successor;

  bool is_historical() const noexcept { return valid_to.has_value(); }
};

/// How an indicator behaves over time.
enum class IndicatorKind {
  stock,  ///< a level at a point in time (有效发明专利拥有量)
  flow,   ///< an amount during a period (专利授权量)
  ratio,  ///< a rate or density (每万人口发明专利拥有量)
};

std::string_view to_string(IndicatorKind kind) noexcept;
std::optional<IndicatorKind> parse_indicator_kind(std::string_view text) noexcept;

/// One entry of the indicator catalog.
struct Indicator {
  /// The stable code, `domain.object[.qualifier]`, e.g. "patent.invention.valid".
  std::string code;
  std::string name_zh;
  std::string name_en;
  /// The base unit every level is stored in: 件, 元, %, 件/万人 …
  std::string unit;
  IndicatorKind kind = IndicatorKind::flow;
  /// One of creation, utilization, protection, management, service, culture.
  std::string category;
  /// Other names bulletins use for it.
  std::vector<std::string> aliases;
};

}  // namespace iprdb
