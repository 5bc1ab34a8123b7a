// The JSON Lines record reader: a file is taken whole or refused with an Error naming a line;
// what it takes is within the ranges it promises.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "fuzz.hpp"
#include "load/record_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  iprdb::fuzz::expect_only_errors(
      [&] {
        const auto file = iprdb::detail::read_records(bytes, "fuzz.jsonl");
        IPRDB_FUZZ_CHECK(!file.facts.empty(), "accepted a file without records");
        for (const auto& fact : file.facts) {
          IPRDB_FUZZ_CHECK(std::isfinite(fact.value), "a value that is not finite");
          IPRDB_FUZZ_CHECK(fact.period.year.value >= 1949 && fact.period.year.value <= 2100,
                           "a year outside 1949..2100");
          if (fact.period.month_start) {
            IPRDB_FUZZ_CHECK(*fact.period.month_start >= 1 && fact.period.month_end &&
                                 *fact.period.month_start <= *fact.period.month_end &&
                                 *fact.period.month_end <= 12,
                             "months out of order");
          }
        }
      });
  return 0;
}
