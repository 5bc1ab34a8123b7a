#include "reference/gazetteer_index.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include <iprdb/error.hpp>

#include "common/csv.hpp"
#include "reference/lookup_key.hpp"

namespace iprdb::detail {
namespace {

std::optional<int> optional_year(const std::string& text, std::string_view origin, int line) {
  if (text.empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    int year = std::stoi(text, &used);
    if (used == text.size()) return year;
  } catch (const std::exception&) {
  }
  throw Error(ErrorCode::malformed_record, fmt::format("\"{}\" is not a year", text),
              std::string(origin), line);
}

RegionCode code_field(const std::string& text, std::string_view origin, int line) {
  try {
    return RegionCode(text);
  } catch (const Error& e) {
    throw Error(ErrorCode::malformed_record, e.message(), std::string(origin), line);
  }
}

std::string_view code_text(const std::optional<RegionCode>& code) {
  return code ? std::string_view(code->str()) : std::string_view();
}

}  // namespace

GazetteerTables ParsedGazetteer::tables() const noexcept {
  return {{pool}, regions, aliases, full_names, names, pinyin, children};
}

ParsedGazetteer parse_gazetteer(std::string_view regions_csv, std::string_view aliases_csv,
                                std::string_view origin) {
  std::vector<Region> regions;
  std::vector<NamedIndex> full_names, names, pinyin;
  std::vector<ChildLink> children;
  std::unordered_map<int, std::uint32_t> by_code;  // code → index in regions

  const std::string regions_origin = fmt::format("{}/regions.csv", origin);
  auto table = CsvTable::parse(regions_csv, regions_origin,
                               {"code", "name", "short_name", "level", "parent_code", "pinyin",
                                "valid_from", "valid_to", "successor_code"});
  regions.reserve(table.rows().size());
  by_code.reserve(table.rows().size());
  const auto c_code = table.column("code"), c_name = table.column("name"),
             c_short = table.column("short_name"), c_level = table.column("level"),
             c_parent = table.column("parent_code"), c_pinyin = table.column("pinyin"),
             c_from = table.column("valid_from"), c_to = table.column("valid_to"),
             c_successor = table.column("successor_code");
  for (const auto& row : table.rows()) {
    const auto& f = row.fields;
    auto level = parse_region_level(f[c_level]);
    if (!level) {
      throw Error(ErrorCode::malformed_record, fmt::format("unknown level \"{}\"", f[c_level]),
                  regions_origin, row.line);
    }
    Region region{code_field(f[c_code], regions_origin, row.line),
                  f[c_name],
                  f[c_short],
                  *level,
                  std::nullopt,
                  f[c_pinyin],
                  optional_year(f[c_from], regions_origin, row.line),
                  optional_year(f[c_to], regions_origin, row.line),
                  std::nullopt};
    if (!f[c_parent].empty()) region.parent = code_field(f[c_parent], regions_origin, row.line);
    if (!f[c_successor].empty()) {
      region.successor = code_field(f[c_successor], regions_origin, row.line);
    }
    if (!by_code.emplace(region.code.to_int(), static_cast<std::uint32_t>(regions.size()))
             .second) {
      throw Error(ErrorCode::malformed_record,
                  fmt::format("region code {} appears twice", region.code.str()), regions_origin,
                  row.line);
    }
    regions.push_back(std::move(region));
  }
  std::sort(regions.begin(), regions.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  by_code.clear();
  for (std::uint32_t i = 0; i < regions.size(); ++i) {
    const auto& region = regions[i];
    by_code.emplace(region.code.to_int(), i);
    if (region.parent) children.push_back({region.parent->to_int(), i});
    if (!region.pinyin.empty()) pinyin.push_back({pinyin_key(region.pinyin), i});
  }
  for (const auto& region : regions) {
    for (const auto* other : {&region.parent, &region.successor}) {
      if (*other && !by_code.count((*other)->to_int())) {
        throw Error(ErrorCode::malformed_record,
                    fmt::format("region {} refers to {}, which is not in the gazetteer",
                                region.code.str(), (*other)->str()),
                    regions_origin);
      }
    }
  }

  ParsedGazetteer out;
  PoolWriter pool(out.pool);
  const std::string aliases_origin = fmt::format("{}/aliases.csv", origin);
  auto alias_table = CsvTable::parse(aliases_csv, aliases_origin, {"alias", "code", "kind"});
  out.aliases.reserve(alias_table.rows().size());
  names.reserve(alias_table.rows().size() + 2 * regions.size());
  full_names.reserve(regions.size());
  const auto a_alias = alias_table.column("alias"), a_code = alias_table.column("code"),
             a_kind = alias_table.column("kind");
  for (const auto& row : alias_table.rows()) {
    auto code = code_field(row.fields[a_code], aliases_origin, row.line);
    auto it = by_code.find(code.to_int());
    if (it == by_code.end()) {
      throw Error(ErrorCode::malformed_record,
                  fmt::format("alias \"{}\" names region {}, which is not in the gazetteer",
                              row.fields[a_alias], code.str()),
                  aliases_origin, row.line);
    }
    names.push_back({lookup_key(row.fields[a_alias]), it->second});
    out.aliases.push_back(
        {pool.add(row.fields[a_alias]), pool.add(code.str()), pool.add(row.fields[a_kind])});
  }
  // Full and short names are always names of their region, whatever the alias file holds.
  for (std::uint32_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    full_names.push_back({lookup_key(r.name), i});
    names.push_back(full_names.back());
    names.push_back({lookup_key(r.short_name), i});
    out.regions.push_back({pool.add(r.code.str()), pool.add(r.name), pool.add(r.short_name),
                           r.level, pool.add(code_text(r.parent)), pool.add(r.pinyin), r.valid_from,
                           r.valid_to, pool.add(code_text(r.successor))});
  }

  out.full_names = pool.table(std::move(full_names));
  out.names = pool.table(std::move(names));
  out.pinyin = pool.table(std::move(pinyin));
  // Filled in code order: a stable sort by parent leaves each one's children in code order.
  std::stable_sort(children.begin(), children.end(),
                   [](const ChildLink& a, const ChildLink& b) { return a.key < b.key; });
  out.children = std::move(children);
  return out;
}

}  // namespace iprdb::detail
