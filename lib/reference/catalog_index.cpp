#include "reference/catalog_index.hpp"

#include <unordered_set>

#include <fmt/format.h>

#include <iprdb/error.hpp>

#include "common/csv.hpp"
#include "reference/lookup_key.hpp"

namespace iprdb::detail {

CatalogTables ParsedCatalog::tables() const noexcept {
  return {{pool}, indicators, aliases, codes, names};
}

ParsedCatalog parse_catalog(std::string_view csv, std::string_view origin) {
  auto table = CsvTable::parse(
      csv, origin, {"code", "name_zh", "name_en", "unit", "kind", "category", "aliases"});
  const auto c_code = table.column("code"), c_zh = table.column("name_zh"),
             c_en = table.column("name_en"), c_unit = table.column("unit"),
             c_kind = table.column("kind"), c_category = table.column("category"),
             c_aliases = table.column("aliases");
  auto fail = [&](int line, std::string message) {
    throw Error(ErrorCode::malformed_record, std::move(message), std::string(origin), line);
  };
  ParsedCatalog out;
  PoolWriter pool(out.pool);
  std::unordered_set<std::string> seen_codes;
  std::vector<NamedIndex> codes, names;
  for (const auto& row : table.rows()) {
    const auto& f = row.fields;
    if (f[c_code].empty() || f[c_zh].empty() || f[c_unit].empty()) {
      fail(row.line, "code, name_zh and unit must not be empty");
    }
    auto kind = parse_indicator_kind(f[c_kind]);
    if (!kind) fail(row.line, fmt::format("unknown kind \"{}\"", f[c_kind]));
    if (!seen_codes.insert(f[c_code]).second) {
      fail(row.line, fmt::format("indicator code {} appears twice", f[c_code]));
    }
    const auto index = static_cast<std::uint32_t>(out.indicators.size());
    const auto first_alias = static_cast<std::uint32_t>(out.aliases.size());
    codes.push_back({f[c_code], index});
    names.push_back({lookup_key(f[c_zh]), index});
    std::string_view aliases = f[c_aliases];
    while (!aliases.empty()) {
      auto bar = aliases.find('|');
      auto alias = aliases.substr(0, bar);
      if (!alias.empty()) {
        out.aliases.push_back(pool.add(alias));
        names.push_back({lookup_key(alias), index});
      }
      aliases = bar == std::string_view::npos ? std::string_view{} : aliases.substr(bar + 1);
    }
    out.indicators.push_back({pool.add(f[c_code]), pool.add(f[c_zh]), pool.add(f[c_en]),
                              pool.add(f[c_unit]), *kind, pool.add(f[c_category]), first_alias,
                              static_cast<std::uint32_t>(out.aliases.size()) - first_alias});
  }
  out.codes = pool.table(std::move(codes));
  out.names = pool.table(std::move(names));
  return out;
}

}  // namespace iprdb::detail
