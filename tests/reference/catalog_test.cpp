#include <set>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "reference/embedded.hpp"
#include "testing.hpp"

using iprdb::Catalog;

namespace {

// Every field, in order, so that two lists compare equal only when they are the same.
std::vector<std::string> fields(const std::vector<iprdb::Indicator>& indicators) {
  std::vector<std::string> out;
  for (const auto& i : indicators) {
    std::string row = i.code + "|" + i.name_zh + "|" + i.name_en + "|" + i.unit + "|" +
                      std::string(iprdb::to_string(i.kind)) + "|" + i.category;
    for (const auto& alias : i.aliases) row += "|" + alias;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

TEST_CASE("the catalog finds an indicator by code Chinese name or alias", "[reference]") {
  const auto& catalog = Catalog::builtin();
  auto by_code = catalog.by_code("patent.invention.valid");
  REQUIRE(by_code);
  CHECK(by_code->name_zh == "有效发明专利拥有量");
  CHECK(by_code->unit == "件");
  CHECK(by_code->kind == iprdb::IndicatorKind::stock);
  CHECK(by_code->category == "creation");

  CHECK(catalog.find_unique("有效发明专利拥有量")->code == "patent.invention.valid");
  CHECK(catalog.find_unique("发明专利拥有量")->code == "patent.invention.valid");
  CHECK(catalog.find_unique("PATENT.GRANT")->code == "patent.grant");
  CHECK(catalog.find_unique(" 质押融资金额 ")->code == "ipr.pledge.amount");
  CHECK_FALSE(catalog.find_unique("GDP"));
  CHECK(catalog.find("GDP").empty());
}

TEST_CASE("catalog codes are unique and every row is complete", "[reference]") {
  std::set<std::string> codes;
  for (const auto& indicator : Catalog::builtin().indicators()) {
    CHECK(codes.insert(indicator.code).second);
    CHECK_FALSE(indicator.name_zh.empty());
    CHECK_FALSE(indicator.name_en.empty());
    CHECK_FALSE(indicator.unit.empty());
    CHECK(std::set<std::string>{"creation", "utilization", "protection", "management", "service",
                                "culture"}
              .count(indicator.category) == 1);
  }
  CHECK(codes.size() >= 167);
}

TEST_CASE("an alias shared by two indicators is reported as ambiguous", "[reference]") {
  auto catalog = Catalog::parse(
      "code,name_zh,name_en,unit,kind,category,aliases\n"
      "a.x,甲,A,件,flow,creation,共同\n"
      "b.y,乙,B,件,flow,creation,共同|乙二\n",
      "test.csv");
  CHECK(catalog.find("共同").size() == 2);
  CHECK_THROWS_WITH(catalog.find_unique("共同"),
                    "\"共同\" names 2 indicators: a.x (甲), b.y (乙); give the code");
  CHECK(catalog.find_unique("乙二")->code == "b.y");
}

TEST_CASE("a malformed catalog is refused with the file and line", "[reference]") {
  CHECK_THROWS_WITH(Catalog::parse("code,name_zh,name_en,unit,kind,category,aliases\n"
                                   "a.x,甲,A,件,often,creation,\n",
                                   "test.csv"),
                    "test.csv:2: unknown kind \"often\"");
  CHECK_THROWS_WITH(Catalog::parse("code,name_zh,name_en,unit,kind,category,aliases\n"
                                   "a.x,甲,A,件,flow,creation,\na.x,乙,B,件,flow,creation,\n",
                                   "test.csv"),
                    "test.csv:3: indicator code a.x appears twice");
}

TEST_CASE("the compiled-in catalog answers as parsing schema/catalog does", "[reference]") {
  const auto& builtin = Catalog::builtin();
  const auto parsed =
      Catalog::parse(iprdb::detail::embedded::catalog_csv, "schema/catalog/indicators.csv");
  REQUIRE(fields(builtin.indicators()) == fields(parsed.indicators()));
  std::vector<std::string> questions;
  for (const auto& indicator : parsed.indicators()) {
    questions.push_back(indicator.code);
    questions.push_back(indicator.name_zh);
    questions.push_back(indicator.name_en);
    for (const auto& alias : indicator.aliases) questions.push_back(alias);
    CHECK(fields({*builtin.by_code(indicator.code)}) == fields({*parsed.by_code(indicator.code)}));
  }
  for (const auto* text : {"", "GDP", "patent", "PATENT.GRANT", " 专利授权量 ", "zzz.none"}) {
    questions.emplace_back(text);
  }
  for (const auto& text : questions) {
    INFO(text);
    CHECK(fields(builtin.find(text)) == fields(parsed.find(text)));
  }
  CHECK_FALSE(builtin.by_code("PATENT.GRANT"));  // codes are exact; find() normalises
  CHECK_FALSE(builtin.by_code("patent.gran"));
}

TEST_CASE("indicators the catalog finds by one name come in catalog order, each once",
          "[reference]") {
  auto catalog = Catalog::parse(
      "code,name_zh,name_en,unit,kind,category,aliases\n"
      "c.z,丙,C,件,flow,creation,共同|共同\n"
      "a.x,甲,A,件,stock,creation,共同\n",
      "test.csv");
  const auto found = catalog.find("共同");
  REQUIRE(found.size() == 2);
  CHECK(found[0].code == "c.z");
  CHECK(found[1].code == "a.x");
  CHECK(found[0].aliases == std::vector<std::string>{"共同", "共同"});
  CHECK(catalog.indicators().size() == 2);
}
