#include "extract/document_context.hpp"

#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "testing.hpp"

using iprdb::detail::first_date_in;
using iprdb::detail::PublicationDate;

namespace {

// The regular expression first_date_in replaced, with its checks.
std::optional<PublicationDate> by_regex(const std::string& text) {
  static const std::regex date(
      R"((19[89]\d|20\d\d)\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*(?:日)?)");
  std::smatch m;
  if (!std::regex_search(text, m, date)) return std::nullopt;
  const int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
  if (y < 1980 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  return PublicationDate{y, mo, d};
}

}  // namespace

TEST_CASE("first_date_in finds the dates a page gives", "[extract]") {
  const auto date = first_date_in("发布时间: 2023年5月9日 来源");
  REQUIRE(date);
  CHECK(date->to_string() == "2023-05-09");
  CHECK(first_date_in("2020-01-12 17:26")->to_string() == "2020-01-12");
  CHECK(first_date_in("2019 / 12 / 31")->to_string() == "2019-12-31");
  CHECK_FALSE(first_date_in("2023-13-40"));
  CHECK_FALSE(first_date_in("1979-05-09"));
  CHECK_FALSE(first_date_in("2023年5月"));
}

TEST_CASE("first_date_in agrees with the regular expression it replaced", "[extract]") {
  const std::vector<std::string> pieces = {
      "19", "198", "1990", "20", "2023", "2100", "1", "2", "0", "5", "9", "12", "13", "31",
      "40", "123", "-", "/", ".", "年", "月", "日", " ", "\t", "\n", "\v", "\r", "\xE3\x80\x80",
      "号", "a", ":", "发布", "\xE5", "\xB9\xB4"};
  // Most texts are shaped like a date, each part drawn from what may or may not fit there.
  const std::vector<std::vector<std::string>> shape = {
      {"", "1", "x", "2020-"},
      {"2023", "1989", "1979", "2099", "2100", "200", "20231", "19"},
      {"", " ", "\t ", "\n"},
      {"-", "/", ".", "年", "月", ":", ""},
      {"", " ", "\r"},
      {"5", "05", "12", "13", "123", "0", "", "1"},
      {"", " ", "  "},
      {"-", "/", ".", "月", "年", "日", ""},
      {"", " "},
      {"9", "09", "31", "32", "0", "310", "", "1"},
      {"", "日", " 日", "-1", "年5月6"}};
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    if (round % 4 != 0) {
      for (const auto& part : shape) text += part[random() % part.size()];
    }
    const auto length = random() % 8;
    for (unsigned k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    INFO(text);
    const auto expected = by_regex(text);
    const auto got = first_date_in(text);
    REQUIRE(got.has_value() == expected.has_value());
    if (got) CHECK(got->to_string() == expected->to_string());
  }
}
