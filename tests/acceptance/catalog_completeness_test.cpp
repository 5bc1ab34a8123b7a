// The project's catalog must contain every code of the reference catalog in ../shared,
// unchanged: downstream users rely on those codes.
#include <iprdb/reference.hpp>

#include "common/csv.hpp"
#include "testing.hpp"

TEST_CASE("every reference catalog code is in the built-in catalog unchanged", "[acceptance]") {
  const auto path = std::string(IPRDB_SHARED_DIR) + "/catalog/indicators.csv";
  const auto text = iprdb::testing::read_file(path);
  REQUIRE_FALSE(text.empty());
  auto reference = iprdb::detail::CsvTable::parse(
      text, path, {"code", "name_zh", "name_en", "unit", "kind", "category", "aliases"});
  const auto& catalog = iprdb::Catalog::builtin();
  int checked = 0;
  for (const auto& row : reference.rows()) {
    const auto& code = row.fields[reference.column("code")];
    INFO(code);
    auto ours = catalog.by_code(code);
    REQUIRE(ours);
    CHECK(ours->name_zh == row.fields[reference.column("name_zh")]);
    CHECK(ours->name_en == row.fields[reference.column("name_en")]);
    CHECK(ours->unit == row.fields[reference.column("unit")]);
    CHECK(iprdb::to_string(ours->kind) == row.fields[reference.column("kind")]);
    CHECK(ours->category == row.fields[reference.column("category")]);
    // Aliases may grow, never shrink.
    std::string_view aliases = row.fields[reference.column("aliases")];
    while (!aliases.empty()) {
      auto bar = aliases.find('|');
      auto alias = std::string(aliases.substr(0, bar));
      CHECK(std::find(ours->aliases.begin(), ours->aliases.end(), alias) != ours->aliases.end());
      aliases = bar == std::string_view::npos ? std::string_view{} : aliases.substr(bar + 1);
    }
    ++checked;
  }
  CHECK(checked == 167);
}
