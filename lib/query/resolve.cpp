#include <algorithm>
#include <deque>
#include <set>

#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "query/query_impl.hpp"

namespace iprdb::detail {

namespace {

std::string_view level_words(RegionLevel level) {
  switch (level) {
    case RegionLevel::country: return "全国";
    case RegionLevel::province: return "省级";
    case RegionLevel::prefecture: return "地级";
    case RegionLevel::county: return "县级";
  }
  return "县级";
}

bool existed(const Region& region, std::optional<Year> year) {
  if (!year) return !region.is_historical();
  return (!region.valid_from || *region.valid_from <= year->value) &&
         (!region.valid_to || *region.valid_to >= year->value);
}

}  // namespace

Region resolve_region(std::string_view name) {
  if (auto region = Gazetteer::builtin().find_unique(name)) return *region;
  throw Error(ErrorCode::unknown_region,
              fmt::format("no region is called \"{}\" (give a six-digit code, a name, an alias "
                          "or pinyin)",
                          name));
}

Indicator resolve_indicator(std::string_view name) {
  if (auto indicator = Catalog::builtin().find_unique(name)) return *indicator;
  throw Error(ErrorCode::unknown_indicator,
              fmt::format("no indicator is called \"{}\" (give a catalog code such as "
                          "patent.grant, its Chinese name or an alias)",
                          name));
}

std::vector<Region> scope_regions(const Scope& scope, std::optional<Year> year) {
  const auto& gazetteer = Gazetteer::builtin();
  std::vector<Region> out;
  if (!scope.regions.empty()) {
    if (scope.level || scope.under) {
      throw Error(ErrorCode::invalid_argument,
                  "give either a list of regions or a level and a parent region, not both");
    }
    // A list is taken as given: a historical unit named on purpose is wanted.
    std::set<std::string> seen;
    for (const auto& name : scope.regions) {
      Region region = resolve_region(name);
      if (seen.insert(region.code.str()).second) out.push_back(std::move(region));
    }
    return out;
  }
  if (scope.under) {
    const Region parent = resolve_region(*scope.under);
    if (!scope.level) {
      for (auto& child : gazetteer.children(parent.code)) {
        if (existed(child, year)) out.push_back(std::move(child));
      }
    } else {
      std::deque<Region> pending(1, parent);
      while (!pending.empty()) {
        const Region here = std::move(pending.front());
        pending.pop_front();
        for (auto& child : gazetteer.children(here.code)) {
          if (child.level == *scope.level) {
            if (existed(child, year)) out.push_back(std::move(child));
          } else if (child.level < *scope.level) {
            pending.push_back(std::move(child));
          }
        }
      }
      // Children come in code order, so one level down needs no sort; deeper, a unit placed
      // directly under the parent (省直辖县) comes before the ones found through its siblings.
      const auto by_code = [](const Region& a, const Region& b) { return a.code < b.code; };
      if (!std::is_sorted(out.begin(), out.end(), by_code)) {
        std::sort(out.begin(), out.end(), by_code);
      }
    }
  } else {
    const RegionLevel level = scope.level.value_or(RegionLevel::province);
    for (const auto& region : gazetteer.regions()) {
      if (region.level == level && existed(region, year)) out.push_back(region);
    }
  }
  if (out.empty()) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("there are no {}{}", describe_scope(scope),
                            year ? fmt::format(" in {}", year->value) : std::string()));
  }
  return out;
}

std::string describe_scope(const Scope& scope) {
  if (!scope.regions.empty()) return "所列地区";
  if (scope.under) {
    const Region parent = resolve_region(*scope.under);
    if (!scope.level) return parent.name + "下辖地区";
    return fmt::format("{}{}地区", parent.name, level_words(*scope.level));
  }
  return fmt::format("{}地区", level_words(scope.level.value_or(RegionLevel::province)));
}

}  // namespace iprdb::detail
