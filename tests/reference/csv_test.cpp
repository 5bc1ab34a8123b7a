#include "common/csv.hpp"

#include <iprdb/error.hpp>

#include "testing.hpp"

using iprdb::detail::CsvTable;

TEST_CASE("CSV fields may be quoted with commas quotes and newlines inside", "[reference]") {
  auto table = CsvTable::parse(
      "code,name,note\r\na,\"x, y\",\"say \"\"hi\"\"\"\nb,z,\"two\nlines\"\n\n", "t.csv",
      {"code", "name"});
  REQUIRE(table.rows().size() == 2);
  CHECK(table.rows()[0].fields[table.column("name")] == "x, y");
  CHECK(table.rows()[0].fields[table.column("note")] == "say \"hi\"");
  CHECK(table.rows()[1].fields[2] == "two\nlines");
  CHECK(table.rows()[1].line == 3);
}

TEST_CASE("CSV errors name the origin and the line", "[reference]") {
  CHECK_THROWS_WITH(CsvTable::parse("a,b\n1,2\n3\n", "t.csv", {"a"}),
                    "t.csv:3: 1 fields where the header has 2");
  CHECK_THROWS_WITH(CsvTable::parse("a,b\n1,\"2\n", "t.csv", {"a"}),
                    "t.csv:2: a quoted field is never closed");
  CHECK_THROWS_WITH(CsvTable::parse("a,b\n", "t.csv", {"code"}),
                    "t.csv:1: the header has no column \"code\"");
  try {
    CsvTable::parse("a\n\"x\"y\n", "t.csv", {"a"});
    FAIL("no error");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == iprdb::ErrorCode::malformed_record);
    CHECK(e.line() == 2);
  }
}

TEST_CASE("CSV accepts a byte order mark before the header", "[reference]") {
  auto table = CsvTable::parse("\xEF\xBB\xBF" "code\nx\n", "t.csv", {"code"});
  CHECK(table.rows().at(0).fields.at(0) == "x");
}
