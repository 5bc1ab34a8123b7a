#include "extract/decimal.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "testing.hpp"

using iprdb::detail::Decimal;

namespace {

Decimal dec(std::string_view text) {
  auto d = Decimal::parse(text);
  REQUIRE(d);
  return *d;
}

}  // namespace

TEST_CASE("Decimal parses plain and grouped figures exactly", "[extract][decimal]") {
  struct Case {
    std::string_view input;
    std::string_view printed;
  };
  const Case cases[] = {
      {"89", "89"},
      {"0.5", "0.5"},
      {"1,234.56", "1234.56"},
      {"1,100", "1100"},
      {"12,345.6", "12345.6"},
      {"1,234,567", "1234567"},
      {"-4.28", "-4.28"},
      {"+3", "3"},
      {"16.4", "16.4"},
      {"0.72", "0.72"},
      {"13.30", "13.3"},
      {"007", "7"},
      {"0", "0"},
      {"-0.000", "0"},
      {"1000000", "1000000"},
      {"0.005", "0.005"},
      {"1234567890123456789012345678901234567", "1234567890123456789012345678901234567"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    auto d = Decimal::parse(c.input);
    REQUIRE(d);
    CHECK(d->to_string() == std::string(c.printed));
  }
}

TEST_CASE("Decimal rejects junk and what it cannot hold exactly", "[extract][decimal]") {
  const std::string_view junk[] = {
      "",       ".",    "-",      "1.",       ".5",       "1,23", "12,34",
      "1,2345", ",123", "1,,234", "1234,567", "1,234,56", "abc",  "1.2.3",
      "1e5",    "--1",  " 1",     "1 ",       "1.2,3",    "١٢",   "0x10",
  };
  for (auto text : junk) {
    INFO(std::string(text));
    CHECK_FALSE(Decimal::parse(text));
  }
  // 38 significant digits, a 1 followed by 400 zeros, and a tiny fraction.
  CHECK_FALSE(Decimal::parse("12345678901234567890123456789012345678"));
  CHECK_FALSE(Decimal::parse("1" + std::string(400, '0')));
  CHECK_FALSE(Decimal::parse("0." + std::string(200, '0') + "1"));
  CHECK_FALSE(Decimal::parse(std::string(100000, '9')));
  // Trailing zeros cost nothing: they end up in the exponent.
  CHECK(dec("1" + std::string(50, '0')).to_string() == "1" + std::string(50, '0'));
  CHECK(dec(std::string(5000, '0') + "42").to_string() == "42");
}

TEST_CASE("Decimal arithmetic is exact where doubles are not", "[extract][decimal]") {
  // 16.4亿 is exactly 1640000000 (cn2an printed 1639999999.99).
  CHECK(dec("16.4").times_pow10(8).to_string() == "1640000000");
  CHECK(dec("16.4").times(Decimal::from_int(100000000))->to_string() == "1640000000");
  CHECK(dec("1.78").times_pow10(4).to_string() == "17800");
  CHECK(dec("6.37").times_pow10(8).to_string() == "637000000");
  CHECK(dec("0.1").plus(dec("0.2"))->to_string() == "0.3");
  CHECK(dec("30000").plus(dec("4000"))->to_string() == "34000");
  CHECK(dec("-4.28").plus(dec("4.28"))->is_zero());
  CHECK(dec("1.57").times(dec("-1"))->to_string() == "-1.57");
  CHECK(dec("0.25").times(dec("0.4"))->to_string() == "0.1");
  CHECK(dec("123.45").times_pow10(-4).to_string() == "0.012345");
  CHECK(dec("-4.28").negated().to_string() == "4.28");
  CHECK(Decimal().negated().is_zero());
}

TEST_CASE("Decimal operations report overflow instead of rounding", "[extract][decimal]") {
  Decimal big = dec(std::string(30, '9'));
  CHECK_FALSE(big.times(big));
  CHECK_FALSE(dec(std::string(36, '9')).plus(dec(std::string(36, '9')).times_pow10(1)));
  // The exponents are too far apart for one 37-digit mantissa.
  CHECK_FALSE(dec("1").times_pow10(60).plus(dec("1").times_pow10(-60)));
  CHECK_FALSE(dec("1").times_pow10(80).times(dec("1").times_pow10(80)));
  // times_pow10 saturates rather than wrapping.
  Decimal huge = dec("1").times_pow10(std::numeric_limits<int>::max());
  CHECK(huge.to_string().size() == 1 + Decimal::kMaxExponent);
  CHECK(dec("1").times_pow10(std::numeric_limits<int>::min()).decimals() == Decimal::kMaxExponent);
}

TEST_CASE("Decimal compares exactly", "[extract][decimal]") {
  struct Case {
    std::string_view a, b;
    int expected;
  };
  const Case cases[] = {
      {"1", "1.0", 0},        {"0.1", "0.10", 0},
      {"2", "10", -1},        {"-2", "1", -1},
      {"-2", "-10", 1},       {"0", "-0.001", 1},
      {"12000", "15000", -1}, {"1.2", "1.19999999999999999999999999", 1},
      {"0", "0", 0},
  };
  for (const auto& c : cases) {
    INFO(std::string(c.a) << " vs " << std::string(c.b));
    CHECK(dec(c.a).compare(dec(c.b)) == c.expected);
    CHECK(dec(c.b).compare(dec(c.a)) == -c.expected);
  }
  // Magnitudes too far apart to align in the mantissa still compare.
  CHECK(dec("1").times_pow10(90) > dec("9").times_pow10(-90));
  CHECK(dec("-1").times_pow10(90) < dec("-9").times_pow10(-90));
  CHECK(dec("1.5") == dec("1.50"));
  CHECK(dec("1.5") != dec("1.05"));
  CHECK(dec("1.5") >= dec("1.5"));
  CHECK(dec("1.5") <= dec("2"));
}

TEST_CASE("Decimal prints plainly and converts to the nearest double", "[extract][decimal]") {
  CHECK(Decimal().to_string() == "0");
  CHECK(Decimal::from_int(-1939).to_string() == "-1939");
  CHECK(Decimal::from_int(std::numeric_limits<std::int64_t>::min()).to_string() ==
        "-9223372036854775808");
  CHECK(Decimal::from_int(std::numeric_limits<std::int64_t>::max()).to_string() ==
        "9223372036854775807");
  CHECK(dec("0.72").decimals() == 2);
  CHECK(dec("1640000000").decimals() == 0);
  CHECK(dec("1640000000").is_integer());
  CHECK_FALSE(dec("13.3").is_integer());
  CHECK(dec("-4.28").is_negative());

  CHECK(dec("0.3").to_double() == 0.3);
  CHECK(dec("0.1").plus(dec("0.2"))->to_double() == 0.3);  // not 0.30000000000000004
  CHECK(dec("16.4").times_pow10(8).to_double() == 1640000000.0);
  CHECK(dec("1.57").to_double() == 1.57);
  CHECK(dec("-4.28").to_double() == -4.28);
  CHECK(Decimal().to_double() == 0.0);
  // Correct rounding needs all digits: this one lies just above the midpoint between two
  // doubles, so it must round up.
  CHECK(dec("9007199254740993.0000000000001").to_double() == 9007199254740994.0);
}

TEST_CASE("Decimal parses short and long digit strings alike", "[extract][decimal]") {
  // Up to 18 digits take a 64-bit path: the same digits with 19 or more (leading zeros added,
  // which change no value) take the general one, and both must give the same value.
  std::mt19937 random(5);
  for (int round = 0; round < 20000; ++round) {
    std::string digits;
    const auto length = 1 + random() % 18;
    for (unsigned k = 0; k < length; ++k) {
      digits += static_cast<char>('0' + (random() % 3 == 0 ? 0 : random() % 10));
    }
    std::string text = digits;
    if (random() % 2 && digits.size() > 1) {
      const auto point = 1 + random() % (digits.size() - 1);
      text = digits.substr(0, point) + "." + digits.substr(point);
    }
    const std::string sign = random() % 4 == 0 ? "-" : "";
    const auto short_form = Decimal::parse(sign + text);
    const auto long_form = Decimal::parse(sign + std::string(20, '0') + text);
    INFO(sign + text);
    REQUIRE(short_form.has_value() == long_form.has_value());
    if (short_form) {
      CHECK(short_form->to_string() == long_form->to_string());
      CHECK(short_form->compare(*long_form) == 0);
    }
  }
  CHECK(Decimal::parse("1,234,500")->to_string() == "1234500");
  CHECK(Decimal::parse("0.000")->to_string() == "0");
  CHECK(Decimal::parse("-0.50")->to_string() == "-0.5");
}

TEST_CASE("Decimal converts to the double that reading its digits gives", "[extract][decimal]") {
  // Short mantissas and small exponents are converted by arithmetic; every value must be the
  // double from_chars makes of the printed digits, around the limits of that path too.
  std::mt19937_64 random(17);
  const auto by_digits = [](const Decimal& d) {
    const std::string text = d.to_string();
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  };
  for (int round = 0; round < 50000; ++round) {
    std::string digits = std::to_string(random() >> (random() % 64));
    if (round % 7 == 0) digits = std::to_string((std::uint64_t{1} << 53) + random() % 5 - 2);
    const auto exponent = static_cast<int>(random() % 61) - 30;
    auto d = Decimal::parse((random() % 3 == 0 ? "-" : "") + digits);
    REQUIRE(d);
    const Decimal value = d->times_pow10(exponent);
    INFO(value.to_string());
    CHECK(value.to_double() == by_digits(value));
  }
  CHECK(Decimal().to_double() == 0.0);
  CHECK(dec("0.1").to_double() == 0.1);
  CHECK(dec("123456789012345678").to_double() == 123456789012345678.0);
}
