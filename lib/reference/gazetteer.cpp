#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "common/csv.hpp"
#include "reference/embedded.hpp"
#include "reference/lookup_key.hpp"

namespace iprdb {

using detail::CsvTable;

struct Gazetteer::Impl {
  std::vector<Region> regions;                           // sorted by code
  std::vector<Alias> aliases;                            // sorted by alias, then code
  std::unordered_map<int, std::size_t> by_code;          // code → index in regions
  std::unordered_map<std::string, std::vector<std::size_t>> by_full_name;  // lookup_key(name)
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;    // lookup_key(alias)
  std::unordered_map<std::string, std::vector<std::size_t>> by_pinyin;  // pinyin_key
  std::multimap<int, std::size_t> by_parent;

  std::vector<Region> collect(const std::vector<std::size_t>& indexes) const {
    std::vector<Region> out;
    for (auto i : indexes) out.push_back(regions[i]);
    std::sort(out.begin(), out.end(),
              [](const Region& a, const Region& b) { return a.code < b.code; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Region& a, const Region& b) { return a.code == b.code; }),
              out.end());
    return out;
  }
};

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

}  // namespace

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Gazetteer Gazetteer::parse(std::string_view regions_csv, std::string_view aliases_csv,
                           std::string_view origin) {
  auto impl = std::make_unique<Impl>();
  const std::string regions_origin = fmt::format("{}/regions.csv", origin);
  auto table = CsvTable::parse(regions_csv, regions_origin,
                               {"code", "name", "short_name", "level", "parent_code", "pinyin",
                                "valid_from", "valid_to", "successor_code"});
  impl->regions.reserve(table.rows().size());
  impl->by_code.reserve(table.rows().size());
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
    if (!impl->by_code.emplace(region.code.to_int(), impl->regions.size()).second) {
      throw Error(ErrorCode::malformed_record,
                  fmt::format("region code {} appears twice", region.code.str()), regions_origin,
                  row.line);
    }
    impl->regions.push_back(std::move(region));
  }
  // regions.csv is written in code order; sorting only when it is not saves moving three
  // thousand regions at the start of every tool.
  const auto by_code_order = [](const Region& a, const Region& b) { return a.code < b.code; };
  if (!std::is_sorted(impl->regions.begin(), impl->regions.end(), by_code_order)) {
    std::sort(impl->regions.begin(), impl->regions.end(), by_code_order);
  }
  impl->by_code.clear();
  for (std::size_t i = 0; i < impl->regions.size(); ++i) {
    const auto& region = impl->regions[i];
    impl->by_code.emplace(region.code.to_int(), i);
    if (region.parent) impl->by_parent.emplace(region.parent->to_int(), i);
    if (!region.pinyin.empty()) impl->by_pinyin[detail::pinyin_key(region.pinyin)].push_back(i);
  }
  for (const auto& region : impl->regions) {
    for (const auto* other : {&region.parent, &region.successor}) {
      if (*other && !impl->by_code.count((*other)->to_int())) {
        throw Error(ErrorCode::malformed_record,
                    fmt::format("region {} refers to {}, which is not in the gazetteer",
                                region.code.str(), (*other)->str()),
                    regions_origin);
      }
    }
  }

  const std::string aliases_origin = fmt::format("{}/aliases.csv", origin);
  auto alias_table = CsvTable::parse(aliases_csv, aliases_origin, {"alias", "code", "kind"});
  impl->aliases.reserve(alias_table.rows().size());
  impl->by_name.reserve(alias_table.rows().size() + impl->regions.size());
  impl->by_full_name.reserve(impl->regions.size());
  const auto a_alias = alias_table.column("alias"), a_code = alias_table.column("code"),
             a_kind = alias_table.column("kind");
  for (const auto& row : alias_table.rows()) {
    auto code = code_field(row.fields[a_code], aliases_origin, row.line);
    auto it = impl->by_code.find(code.to_int());
    if (it == impl->by_code.end()) {
      throw Error(ErrorCode::malformed_record,
                  fmt::format("alias \"{}\" names region {}, which is not in the gazetteer",
                              row.fields[a_alias], code.str()),
                  aliases_origin, row.line);
    }
    impl->by_name[detail::lookup_key(row.fields[a_alias])].push_back(it->second);
    impl->aliases.push_back(Alias{row.fields[a_alias], code, row.fields[a_kind]});
  }
  // Full and short names are always names of their region, whatever the alias file holds.
  for (std::size_t i = 0; i < impl->regions.size(); ++i) {
    const std::string full_key = detail::lookup_key(impl->regions[i].name);
    impl->by_full_name[full_key].push_back(i);
    for (const auto* name : {&impl->regions[i].name, &impl->regions[i].short_name}) {
      auto& hits = impl->by_name[name == &impl->regions[i].name ? full_key
                                                                  : detail::lookup_key(*name)];
      if (std::find(hits.begin(), hits.end(), i) == hits.end()) hits.push_back(i);
    }
  }
  return Gazetteer(std::move(impl));
}

const Gazetteer& Gazetteer::builtin() {
  // Never destroyed: freeing ten thousand names at exit cost a short-lived tool (iprdb-query)
  // a tenth of its run, and nothing is left to release when the process ends anyway.
  static const Gazetteer& instance = *new Gazetteer(
      parse(detail::embedded::gazetteer_regions, detail::embedded::gazetteer_aliases,
            "schema/gazetteer"));
  return instance;
}

std::optional<Region> Gazetteer::by_code(std::string_view code) const {
  if (code.size() != 6) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto it = impl_->by_code.find(RegionCode(code).to_int());
  if (it == impl_->by_code.end()) return std::nullopt;
  return impl_->regions[it->second];
}

std::vector<Region> Gazetteer::find(std::string_view text) const {
  const std::string key = detail::lookup_key(text);
  if (auto region = by_code(key)) return {*region};
  // Whoever writes a unit's complete official name means that unit, not one whose short
  // form happens to be spelled the same.
  if (auto it = impl_->by_full_name.find(key); it != impl_->by_full_name.end()) {
    return impl_->collect(it->second);
  }
  if (auto it = impl_->by_name.find(key); it != impl_->by_name.end()) {
    return impl_->collect(it->second);
  }
  if (auto pinyin = detail::pinyin_key(key); !pinyin.empty()) {
    if (auto it = impl_->by_pinyin.find(pinyin); it != impl_->by_pinyin.end()) {
      return impl_->collect(it->second);
    }
  }
  return {};
}

std::optional<Region> Gazetteer::find_unique(std::string_view text) const {
  auto found = find(text);
  if (found.empty()) return std::nullopt;
  if (found.size() == 1) return found.front();
  std::string candidates;
  for (const auto& region : found) {
    candidates += fmt::format("{}{} {}", candidates.empty() ? "" : ", ", region.code.str(),
                              region.name);
    if (region.parent) {
      if (auto parent = by_code(region.parent->str()); parent && !parent->code.is_country()) {
        candidates += fmt::format(" ({})", parent->name);
      }
    }
  }
  throw Error(ErrorCode::ambiguous_name,
              fmt::format("\"{}\" names {} regions: {}; give the code or the full name", text,
                          found.size(), candidates));
}

std::vector<Region> Gazetteer::children(const RegionCode& parent) const {
  std::vector<Region> out;
  auto [first, last] = impl_->by_parent.equal_range(parent.to_int());
  // by_parent was filled in code order, and a multimap keeps equal keys in insertion order:
  // the children come out sorted by code.
  out.reserve(static_cast<std::size_t>(std::distance(first, last)));
  for (auto it = first; it != last; ++it) out.push_back(impl_->regions[it->second]);
  return out;
}

const std::vector<Region>& Gazetteer::regions() const noexcept { return impl_->regions; }
const std::vector<Gazetteer::Alias>& Gazetteer::aliases() const noexcept {
  return impl_->aliases;
}

}  // namespace iprdb
