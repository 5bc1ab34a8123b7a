// The number and period recognizers on any text: matches in bounds, in order, without overlap,
// and their printed figure is the text they point at.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/number.hpp"
#include "extract/period.hpp"
#include "fuzz.hpp"
#include "text/normalize.hpp"

namespace {

void check_numbers(std::string_view text) {
  const auto numbers = iprdb::detail::find_numbers(text);
  std::size_t previous_end = 0;
  for (const auto& m : numbers) {
    IPRDB_FUZZ_CHECK(previous_end <= m.begin, "matches overlap or are out of order");
    IPRDB_FUZZ_CHECK(m.begin <= m.number_begin && m.number_begin <= m.number_end &&
                         m.number_end <= m.end && m.end <= text.size(),
                     "match offsets out of bounds");
    IPRDB_FUZZ_CHECK(m.text == text.substr(m.number_begin, m.number_end - m.number_begin),
                     "the figure's text is not the text it points at");
    previous_end = m.end;
  }
  for (const auto& p : iprdb::detail::find_periods(text)) {
    IPRDB_FUZZ_CHECK(p.begin <= p.end && p.end <= text.size(), "period offsets out of bounds");
    if (p.month_start && p.month_end) {
      IPRDB_FUZZ_CHECK(*p.month_start >= 1 && *p.month_end <= 12, "a month outside 1..12");
    }
  }
  iprdb::detail::world_ip_day_year(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Both recognizers promise to take any bytes; the extractor gives them normalized text.
  iprdb::fuzz::expect_only_errors([&] { check_numbers(text); });
  iprdb::fuzz::expect_only_errors([&] { check_numbers(iprdb::detail::normalize_text(text)); });
  return 0;
}
