#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iprdb::detail {

/// An exact decimal, mantissa × 10^exponent, so 16.4亿 is exactly 1640000000 (never
/// 1639999999.99). Bulletin figures are scaled by 万 and 亿 and added (3万4000); a binary double
/// would make those sums inexact, so the value is rounded to a double once, at the very end.
///
/// The mantissa holds up to 37 significant digits and the exponent stays within ±kMaxExponent;
/// an operation whose exact result would not fit returns nullopt instead of a rounded value.
class Decimal {
 public:
  static constexpr int kMaxExponent = 100;

  Decimal() = default;  // zero

  /// "1,234.56", "0.5", "89", "-4.28"; commas only as thousands separators (1-3 digits, then
  /// groups of exactly 3). Nullopt on anything else, and on a value that cannot be held exactly.
  static std::optional<Decimal> parse(std::string_view ascii);
  static Decimal from_int(std::int64_t value);

  std::optional<Decimal> times(const Decimal& other) const;
  std::optional<Decimal> plus(const Decimal& other) const;
  /// × 10^power. The exponent saturates at ±kMaxExponent, which no bulletin figure approaches;
  /// use times() with a power of ten when the bound must be checked.
  Decimal times_pow10(int power) const;
  Decimal negated() const;

  bool is_zero() const noexcept { return mantissa_ == 0; }
  bool is_negative() const noexcept { return mantissa_ < 0; }
  bool is_integer() const noexcept { return exponent_ >= 0; }
  /// Digits after the decimal point in to_string(): 13.3 → 1, 1640000000 → 0.
  int decimals() const noexcept { return exponent_ < 0 ? -exponent_ : 0; }
  /// −1, 0 or 1, exactly.
  int compare(const Decimal& other) const;

  /// Correctly rounded: the double nearest to the exact value.
  double to_double() const;
  /// Plain form, no exponent, no trailing zeros: "1640000000", "13.3", "-4.28", "0.72".
  std::string to_string() const;

  friend bool operator==(const Decimal& a, const Decimal& b) { return a.compare(b) == 0; }
  friend bool operator!=(const Decimal& a, const Decimal& b) { return a.compare(b) != 0; }
  friend bool operator<(const Decimal& a, const Decimal& b) { return a.compare(b) < 0; }
  friend bool operator>(const Decimal& a, const Decimal& b) { return a.compare(b) > 0; }
  friend bool operator<=(const Decimal& a, const Decimal& b) { return a.compare(b) <= 0; }
  friend bool operator>=(const Decimal& a, const Decimal& b) { return a.compare(b) >= 0; }

 private:
  // GCC and Clang only; __extension__ keeps -Wpedantic quiet about the non-standard type.
  __extension__ typedef __int128 Int128;

  static std::optional<Decimal> make(Int128 mantissa, long exponent);

  // Normalized: no trailing zero digits in the mantissa, and a zero has exponent 0, so equal
  // values have equal representations.
  Int128 mantissa_ = 0;
  int exponent_ = 0;
};

}  // namespace iprdb::detail
