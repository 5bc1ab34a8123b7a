#include "extract/decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace iprdb::detail {
namespace {

__extension__ typedef __int128 Int128;

constexpr Int128 pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// 37 digits leave room in a signed 128-bit integer (about 1.7e38) for one more digit and the
// sign, so every step below can test the bound before it could overflow.
constexpr Int128 kMantissaLimit = pow10(37);

Int128 magnitude(Int128 m) { return m < 0 ? -m : m; }

// m × 10^n, or nullopt once the result reaches kMantissaLimit.
std::optional<Int128> scale_up(Int128 m, long n) {
  for (long i = 0; i < n; ++i) {
    if (magnitude(m) >= kMantissaLimit / 10) return std::nullopt;
    m *= 10;
  }
  return m;
}

// Compares |a| × 10^ea with |b| × 10^eb for non-negative a and b.
int compare_magnitudes(Int128 a, int ea, Int128 b, int eb) {
  if (ea > eb) {
    auto scaled = scale_up(a, ea - eb);
    if (!scaled) return 1;
    a = *scaled;
  } else if (eb > ea) {
    auto scaled = scale_up(b, eb - ea);
    if (!scaled) return -1;
    b = *scaled;
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits with commas only where thousands separators can stand: "1,234,567" but not "12,34".
bool valid_integer_part(std::string_view s) {
  if (s.empty()) return false;
  auto comma = s.find(',');
  if (comma == std::string_view::npos) return std::all_of(s.begin(), s.end(), is_digit);
  if (comma == 0 || comma > 3) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool separator_slot = i >= comma && (i - comma) % 4 == 0;
    if (separator_slot ? s[i] != ',' : !is_digit(s[i])) return false;
  }
  return (s.size() - comma) % 4 == 0;
}

}  // namespace

std::optional<Decimal> Decimal::make(Int128 mantissa, long exponent) {
  if (mantissa == 0) return Decimal();
  while (mantissa % 10 == 0) {
    mantissa /= 10;
    ++exponent;
  }
  if (magnitude(mantissa) >= kMantissaLimit) return std::nullopt;
  if (exponent > kMaxExponent || exponent < -kMaxExponent) return std::nullopt;
  Decimal d;
  d.mantissa_ = mantissa;
  d.exponent_ = static_cast<int>(exponent);
  return d;
}

std::optional<Decimal> Decimal::parse(std::string_view ascii) {
  bool negative = false;
  if (!ascii.empty() && (ascii.front() == '-' || ascii.front() == '+')) {
    negative = ascii.front() == '-';
    ascii.remove_prefix(1);
  }
  std::string_view integer = ascii;
  std::string_view fraction;
  if (auto point = ascii.find('.'); point != std::string_view::npos) {
    integer = ascii.substr(0, point);
    fraction = ascii.substr(point + 1);
    if (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit)) {
      return std::nullopt;
    }
  }
  if (!valid_integer_part(integer)) return std::nullopt;

  // Up to 18 digits fit a 64-bit integer as they stand; make() then moves trailing zeros into
  // the exponent, which is what counting them below comes to. Nearly every figure is this
  // short, and the 128-bit steps with their bounds were most of the cost of parsing.
  if (integer.size() + fraction.size() <= 18) {
    std::int64_t value = 0;
    for (char c : integer) {
      if (c != ',') value = value * 10 + (c - '0');
    }
    for (char c : fraction) value = value * 10 + (c - '0');
    if (value == 0) return Decimal();
    // What make() does, in 64 bits: at most 18 digits and 18 places stay inside its bounds.
    int exponent = -static_cast<int>(fraction.size());
    while (value % 10 == 0) {
      value /= 10;
      ++exponent;
    }
    Decimal d;
    d.mantissa_ = negative ? -Int128{value} : Int128{value};
    d.exponent_ = exponent;
    return d;
  }

  // Zeros are counted rather than multiplied in at once, so a long run of them costs nothing
  // until a later non-zero digit needs them, and trailing ones end up in the exponent.
  Int128 m = 0;
  long zeros = 0;
  auto take = [&](char c) {
    if (c == ',') return true;
    if (c == '0') {
      if (m != 0) ++zeros;
      return true;
    }
    auto scaled = scale_up(m, zeros + 1);
    if (!scaled) return false;
    m = *scaled + (c - '0');
    zeros = 0;
    return true;
  };
  for (char c : integer) {
    if (!take(c)) return std::nullopt;
  }
  for (char c : fraction) {
    if (!take(c)) return std::nullopt;
  }
  long exponent = zeros - static_cast<long>(fraction.size());
  if (m == 0) return Decimal();
  return make(negative ? -m : m, exponent);
}

Decimal Decimal::from_int(std::int64_t value) {
  // An int64 has at most 19 digits, far inside the mantissa's 37.
  return *make(static_cast<Int128>(value), 0);
}

std::optional<Decimal> Decimal::times(const Decimal& other) const {
  Int128 product = 0;
  if (__builtin_mul_overflow(mantissa_, other.mantissa_, &product)) return std::nullopt;
  return make(product, static_cast<long>(exponent_) + other.exponent_);
}

std::optional<Decimal> Decimal::plus(const Decimal& other) const {
  if (is_zero()) return other;
  if (other.is_zero()) return *this;
  Int128 a = mantissa_;
  Int128 b = other.mantissa_;
  int exponent = std::min(exponent_, other.exponent_);
  auto sa = scale_up(a, exponent_ - exponent);
  auto sb = scale_up(b, other.exponent_ - exponent);
  if (!sa || !sb) return std::nullopt;
  return make(*sa + *sb, exponent);
}

Decimal Decimal::times_pow10(int power) const {
  if (is_zero()) return *this;
  long exponent = std::clamp(static_cast<long>(exponent_) + power, static_cast<long>(-kMaxExponent),
                             static_cast<long>(kMaxExponent));
  Decimal d = *this;
  d.exponent_ = static_cast<int>(exponent);
  return d;
}

Decimal Decimal::negated() const {
  Decimal d = *this;
  d.mantissa_ = -mantissa_;
  return d;
}

int Decimal::compare(const Decimal& other) const {
  int sign_a = (mantissa_ > 0) - (mantissa_ < 0);
  int sign_b = (other.mantissa_ > 0) - (other.mantissa_ < 0);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  int by_magnitude = compare_magnitudes(magnitude(mantissa_), exponent_, magnitude(other.mantissa_),
                                        other.exponent_);
  return sign_a > 0 ? by_magnitude : -by_magnitude;
}

double Decimal::to_double() const {
  // A mantissa up to 2^53 and a power of ten up to 10^22 are exact doubles, so one product or
  // quotient of them is rounded once, to the nearest: what reading the digits gives (Clinger's
  // fast path). Printing and reading the digits, with a 128-bit division per digit, cost a
  // hundred times as much.
  static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const Int128 m = magnitude(mantissa_);
  if (m <= (Int128{1} << 53) && exponent_ >= -22 && exponent_ <= 22) {
    const auto exact = static_cast<double>(static_cast<std::int64_t>(m));
    const double value = exponent_ >= 0 ? exact * kPowersOfTen[exponent_]
                                        : exact / kPowersOfTen[-exponent_];
    return mantissa_ < 0 ? -value : value;
  }
  std::string text = to_string();
  double value = 0;
  // from_chars, unlike strtod, ignores the C locale's decimal separator.
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string Decimal::to_string() const {
  std::string digits;
  for (Int128 m = magnitude(mantissa_); m != 0; m /= 10) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
  }
  if (digits.empty()) digits = "0";
  std::reverse(digits.begin(), digits.end());

  std::string out = mantissa_ < 0 ? "-" : "";
  if (exponent_ >= 0) {
    out += digits;
    if (mantissa_ != 0) out.append(static_cast<std::size_t>(exponent_), '0');
    return out;
  }
  auto decimals = static_cast<std::size_t>(-exponent_);
  if (digits.size() > decimals) {
    out += digits.substr(0, digits.size() - decimals);
    out += '.';
    out += digits.substr(digits.size() - decimals);
  } else {
    out += "0.";
    out.append(decimals - digits.size(), '0');
    out += digits;
  }
  return out;
}

}  // namespace iprdb::detail
