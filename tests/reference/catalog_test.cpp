#include <set>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "testing.hpp"

using iprdb::Catalog;

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
