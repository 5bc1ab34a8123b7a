// The table of bad inputs, tests/data/bad/cases.tsv: each file (or query) with the exact error
// or result it must give. A row that does not match prints what came instead;
// IPRDB_BAD_CASES_ACTUAL=FILE writes the whole table as it came out, to review after a
// deliberate change.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/extract.hpp>
#include <iprdb/query.hpp>

#include "load/record_reader.hpp"
#include "testing.hpp"

namespace fs = std::filesystem;
using iprdb::testing::read_file;
using iprdb::testing::TempDir;

namespace {

const fs::path kBad = fs::path(IPRDB_SOURCE_DIR) / "tests" / "data" / "bad";

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, separator);) out.push_back(field);
  return out;
}

std::string describe(const iprdb::Error& e) {
  return fmt::format("error\t{}\t{}{}", to_string(e.code()),
                     e.line() ? fmt::format("line {}: ", *e.line()) : std::string(), e.message());
}

std::string describe(const std::vector<iprdb::Fact>& facts, const std::string& encoding) {
  std::vector<std::string> parts;
  for (const auto& f : facts) {
    parts.push_back(fmt::format("{} {} {} {} {}", f.region.str(), f.period.year.value, f.indicator,
                                to_string(f.measure), f.value));
  }
  return fmt::format("facts\t{}\t{}", encoding, fmt::join(parts, "; "));
}

// What a bulletin, a records file or a question gives, in the table's words.
std::string outcome(const std::string& input, iprdb::Database& db) {
  try {
    if (input.rfind("compare|", 0) == 0) {
      const auto fields = split(input, '|');
      iprdb::Comparison q;
      q.indicator = fields.at(1);
      q.year = iprdb::Year(std::stoi(fields.at(2)));
      q.scope.regions = {fields.at(3)};
      if (fields.size() > 4) q.months = iprdb::Months{std::stoi(fields[4]), std::stoi(fields[5])};
      return fmt::format("rows\t{}", db.compare(q).size());
    }
    const fs::path path = kBad / input;
    if (path.extension() == ".jsonl") {
      const auto records = iprdb::detail::read_records(read_file(path), path);
      return describe(records.facts, records.encoding);
    }
    const auto bulletin = iprdb::extract_file(path);
    return describe(bulletin.facts, bulletin.encoding);
  } catch (const iprdb::Error& e) {
    return describe(e);
  }
}

}  // namespace

TEST_CASE("every bad input gives exactly the error or result of its row", "[reliability]") {
  TempDir dir;
  auto db = iprdb::Database::open(dir / "db.sqlite", iprdb::OpenMode::create_if_missing);
  std::ifstream table(kBad / "cases.tsv");
  REQUIRE(table);
  std::ofstream actual;
  if (const char* path = std::getenv("IPRDB_BAD_CASES_ACTUAL")) actual.open(path);
  int rows = 0;
  for (std::string line; std::getline(table, line);) {
    if (line.empty() || line[0] == '#') {
      actual << line << '\n';
      continue;
    }
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const std::string input = line.substr(0, tab);
    const std::string expected = line.substr(tab + 1);
    INFO(input);
    const std::string got = outcome(input, db);
    actual << input << '\t' << got << '\n';
    CHECK(got == expected);
    ++rows;
  }
  CHECK(rows >= 20);
  // Every file in the folder has its row.
  const std::string all = read_file(kBad / "cases.tsv");
  for (const auto& entry : fs::directory_iterator(kBad)) {
    const std::string name = entry.path().filename().string();
    if (name == "cases.tsv" || name == "README.md") continue;
    INFO(name);
    CHECK(all.find("\n" + name + "\t") != std::string::npos);
  }
}
