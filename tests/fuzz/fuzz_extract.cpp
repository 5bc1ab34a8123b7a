// The whole extractor, bytes to facts: every fact's quote is the span of the stored text it
// points to, and its value is a finite number.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/utf8.h>

#include <iprdb/extract.hpp>

#include "fuzz.hpp"

namespace {

// Byte offset of each code point of `text`, plus its size at the end.
std::vector<std::size_t> code_point_offsets(std::string_view text) {
  std::vector<std::size_t> out;
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    out.push_back(static_cast<std::size_t>(i));
    UChar32 c;
    U8_NEXT(p, i, n, c);
  }
  out.push_back(text.size());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  iprdb::fuzz::expect_only_errors([&] {
    const auto bulletin = iprdb::extract_bytes(bytes, "fuzz.txt");
    const auto offsets = code_point_offsets(bulletin.text);
    for (const auto& fact : bulletin.facts) {
      // What the observation table's CHECK constraints ask: a fact that breaks one fails its
      // whole file when loaded.
      const auto& p = fact.period;
      IPRDB_FUZZ_CHECK(std::isfinite(fact.value), fact.value_text);
      IPRDB_FUZZ_CHECK(p.year.value >= 1949 && p.year.value <= 2100, fact.quote);
      IPRDB_FUZZ_CHECK(!p.month_start || (*p.month_start >= 1 && *p.month_start <= 12), fact.quote);
      IPRDB_FUZZ_CHECK(!p.month_end || (*p.month_end >= 1 && *p.month_end <= 12), fact.quote);
      IPRDB_FUZZ_CHECK(!p.period_start || *p.period_start <= p.year.value, fact.quote);
      IPRDB_FUZZ_CHECK((fact.measure == iprdb::Measure::rank) == fact.rank_scope.has_value(),
                       fact.quote);
      IPRDB_FUZZ_CHECK((fact.measure == iprdb::Measure::share_pct) == fact.share_of.has_value(),
                       fact.quote);
      IPRDB_FUZZ_CHECK(!fact.share_of || *fact.share_of == "province" || *fact.share_of == "country",
                       fact.quote);
      IPRDB_FUZZ_CHECK(fact.span_start <= fact.span_end && fact.span_end < offsets.size(),
                       fact.quote);
      const auto begin = offsets[fact.span_start];
      const auto end = offsets[fact.span_end];
      IPRDB_FUZZ_CHECK(bulletin.text.substr(begin, end - begin) == fact.quote, fact.quote);
    }
    // Re-extraction reads the stored text: it must take what extraction stored.
    iprdb::extract_text(bulletin.text, "fuzz.txt", {}, bulletin.title);
  });
  return 0;
}
