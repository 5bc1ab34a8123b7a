#include <string>

#include <iprdb/error.hpp>

#include "load/record_reader.hpp"
#include "load/sha256.hpp"
#include "testing.hpp"

using iprdb::ErrorCode;
using iprdb::detail::read_records;

namespace {

// A good record; `field` replaced (or removed when `value` is empty) to make a bad one.
std::string record(const std::string& field = {}, const std::string& value = {}) {
  std::string fields[][2] = {
      {"region", "\"520000\""},         {"region_name", "\"贵州省\""},
      {"year", "2023"},                 {"indicator", "\"patent.grant\""},
      {"measure", "\"level\""},         {"value", "18790"},
      {"unit", "\"件\""},                {"status", "\"actual\""},
      {"qualifier", "\"exact\""},       {"quote", "\"专利授权量18790件\""}};
  std::string out = "{";
  bool replaced = false;
  for (auto& [name, json] : fields) {
    std::string v = json;
    if (name == field) {
      replaced = true;
      if (value.empty()) continue;
      v = value;
    }
    if (out.size() > 1) out += ", ";
    out += "\"" + name + "\": " + v;
  }
  if (!replaced && !field.empty()) out += ", \"" + field + "\": " + value;
  return out + "}";
}

}  // namespace

TEST_CASE("a records file in the gold format reads into facts", "[load]") {
  const std::string text =
      record() + "\n\n" +
      R"({"region": "520300", "year": 2023, "indicator": "patent.grant", "measure": "rank", "value": 2, "unit": "位", "status": "actual", "qualifier": "exact", "rank_scope": "province", "rank_of": "growth_pct"})" +
      "\r\n" +
      R"({"region": "520000", "year": 2025, "month_start": null, "month_end": 9, "indicator": "patent.pct.application", "measure": "share_pct", "value": 50.2, "unit": "%", "status": "target", "qualifier": "at_least", "share_of": "country", "span_start": 3, "span_end": 9, "document": "a.txt"})";
  auto file = read_records(text, "records.jsonl");
  REQUIRE(file.facts.size() == 3);
  CHECK(file.text == text);
  CHECK(file.encoding == "UTF-8");
  CHECK(file.facts[0].region.str() == "520000");
  CHECK(file.facts[0].region_name == "贵州省");
  CHECK(file.facts[0].value == 18790);
  CHECK(file.facts[0].quote == "专利授权量18790件");
  CHECK(file.facts[1].measure == iprdb::Measure::rank);
  CHECK(file.facts[1].rank_scope == std::optional<std::string>("province"));
  CHECK(file.facts[1].rank_of == std::optional<std::string>("growth_pct"));
  CHECK(file.facts[1].region_name == "遵义市");
  CHECK(file.facts[2].status == iprdb::Status::target);
  CHECK(file.facts[2].qualifier == iprdb::Qualifier::at_least);
  CHECK(file.facts[2].period.month_end == std::optional<int>(9));
  CHECK(file.facts[2].share_of == std::optional<std::string>("country"));
}

TEST_CASE("each kind of bad record names the file, the line and the fault", "[load]") {
  struct Case {
    std::string line;
    ErrorCode code;
    std::string message;
  };
  const Case cases[] = {
      {record("region", "\"999999\""), ErrorCode::unknown_region, "unknown region \"999999\""},
      {record("region", "\"贵州\""), ErrorCode::unknown_region, "unknown region \"贵州\""},
      {record("region_name", "\"甘肃省\""), ErrorCode::unknown_region,
       "region \"520000\" is 贵州省, not \"甘肃省\""},
      {record("indicator", "\"patent.foo\""), ErrorCode::unknown_indicator,
       "unknown indicator \"patent.foo\""},
      {record("year", "20223"), ErrorCode::malformed_record,
       "bad year 20223: a whole number from 1949 to 2100"},
      {record("year", "\"2023\""), ErrorCode::malformed_record, "bad year \"2023\""},
      {record("year", "2023.5"), ErrorCode::malformed_record, "bad year 2023.5"},
      {record("year", "1900"), ErrorCode::malformed_record, "bad year 1900"},
      {record("unit", "\"万件\""), ErrorCode::malformed_record,
       "wrong unit \"万件\" for patent.grant level: expected \"件\""},
      {record("measure", "\"growth_pct\""), ErrorCode::malformed_record,
       "wrong unit \"件\" for patent.grant growth_pct: expected \"%\""},
      {record("unit"), ErrorCode::malformed_record, "missing field \"unit\""},
      {record("value", "null"), ErrorCode::malformed_record, "missing field \"value\""},
      {record("value", "\"18790\""), ErrorCode::malformed_record, "bad value \"18790\": a number"},
      {record("measure", "\"levels\""), ErrorCode::malformed_record, "unknown measure \"levels\""},
      {record("status", "\"planned\""), ErrorCode::malformed_record, "unknown status \"planned\""},
      {record("qualifier", "\"about\""), ErrorCode::malformed_record,
       "unknown qualifier \"about\""},
      {record("indicatr", "\"patent.grant\""), ErrorCode::malformed_record,
       "unknown field \"indicatr\""},
      {record("month_start", "3"), ErrorCode::malformed_record, "month_start needs a month_end"},
      {record("month_end", "13"), ErrorCode::malformed_record, "bad month_end 13"},
      {record("period_start", "2024"), ErrorCode::malformed_record, "bad period_start 2024"},
      {record("rank_scope", "\"province\""), ErrorCode::malformed_record,
       "rank_scope is only for measure \"rank\""},
      {record("share_of", "\"city\""), ErrorCode::malformed_record,
       "share_of is only for measure \"share_pct\""},
      {R"({"region": "520000", "year": 2023, "indicator": "patent.grant", "measure": "rank", "value": 2, "unit": "位", "status": "actual", "qualifier": "exact"})",
       ErrorCode::malformed_record, "a rank needs rank_scope"},
      {R"({"region": "520000", "year": 2023, "indicator": "patent.grant", "measure": "share_pct", "value": 2, "unit": "%", "status": "actual", "qualifier": "exact"})",
       ErrorCode::malformed_record, "a share_pct needs share_of"},
      {R"({"region": "520000", "year": 2023, "indicator": "patent.grant", "measure": "share_pct", "value": 2, "unit": "%", "status": "actual", "qualifier": "exact", "share_of": "city"})",
       ErrorCode::malformed_record, "bad share_of \"city\""},
      {R"({"region": "520000", "year": 2023,)", ErrorCode::malformed_record,
       "malformed JSON at column"},
      {"[1, 2]", ErrorCode::malformed_record, "not a JSON object"},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    try {
      read_records(record() + "\n" + c.line + "\n" + record() + "\n", "dir/bad.jsonl");
      FAIL("accepted");
    } catch (const iprdb::Error& e) {
      CHECK(e.code() == c.code);
      CHECK(e.line() == std::optional<int>(2));
      CHECK(e.path() == "dir/bad.jsonl");
      CHECK_THAT(e.what(), Catch::StartsWith("dir/bad.jsonl:2: " + c.message));
      CHECK_THAT(e.what(), !Catch::Contains("more bad line"));
    }
  }
}

TEST_CASE("a records file with several bad lines reports the first and counts the rest",
          "[load]") {
  const std::string text = record() + "\n" + record("year", "1800") + "\n" +
                           record("indicator", "\"x\"") + "\n" + record("unit") + "\n";
  try {
    read_records(text, "bad.jsonl");
    FAIL("accepted");
  } catch (const iprdb::Error& e) {
    CHECK(std::string(e.what()) ==
          "bad.jsonl:2: bad year 1800: a whole number from 1949 to 2100 (and 2 more bad lines)");
  }
}

TEST_CASE("a records file that is empty, binary or not UTF-8 is refused", "[load]") {
  auto code_of = [](const std::string& bytes) {
    try {
      read_records(bytes, "r.jsonl");
    } catch (const iprdb::Error& e) {
      return e.code();
    }
    return ErrorCode::internal;
  };
  CHECK(code_of("") == ErrorCode::empty_input);
  CHECK(code_of("\n  \n") == ErrorCode::empty_input);
  CHECK(code_of(std::string("{\"a\0\1\2\3", 8)) == ErrorCode::binary_input);
}

TEST_CASE("sha256 of known inputs", "[load]") {
  CHECK(iprdb::detail::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(iprdb::detail::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
