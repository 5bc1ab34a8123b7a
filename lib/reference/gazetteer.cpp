#include <algorithm>
#include <mutex>

#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "reference/gazetteer_index.hpp"
#include "reference/lookup_key.hpp"

namespace iprdb {

using detail::TableView;

struct Gazetteer::Impl {
  detail::GazetteerTables tables;  // into `parsed` or the compiled-in ones
  detail::ParsedGazetteer parsed;  // parse() only
  // Built only when asked for, like the aliases: a query looks up a handful of regions, and
  // copying all three thousand out of the records was a sixth of its start-up.
  std::once_flag regions_made;
  std::vector<Region> regions;  // sorted by code
  // Only loading a database and extracting need the aliases, and a query would otherwise
  // build seven thousand strings for nothing.
  std::once_flag aliases_made;
  std::vector<Alias> aliases;  // in file order

  explicit Impl(const detail::GazetteerTables& t) : tables(t) {}
  explicit Impl(detail::ParsedGazetteer p) : tables(), parsed(std::move(p)) {
    tables = parsed.tables();  // only now: moving `parsed` could have moved its pool
  }

  RegionCode code(detail::PoolText digits) const { return RegionCode(tables.text(digits)); }
  std::optional<RegionCode> optional_code(detail::PoolText digits) const {
    if (digits.size == 0) return std::nullopt;
    return code(digits);
  }
  std::string string(detail::PoolText t) const { return std::string(tables.text(t)); }

  Region region(std::size_t index) const {
    const auto& r = tables.regions[index];
    return Region{code(r.code), string(r.name), string(r.short_name), r.level,
                  optional_code(r.parent_code), string(r.pinyin), r.valid_from, r.valid_to,
                  optional_code(r.successor_code)};
  }

  // Each table lists a key's regions in code order without repeats, as callers get them.
  template <typename Entry, typename Key, typename KeyOf>
  std::vector<Region> regions_under(TableView<Entry> table, const Key& key, KeyOf key_of) const {
    const auto first = std::lower_bound(
        table.begin(), table.end(), key,
        [&](const Entry& e, const Key& k) { return key_of(e) < k; });
    const auto last = std::upper_bound(
        first, table.end(), key, [&](const Key& k, const Entry& e) { return k < key_of(e); });
    std::vector<Region> out;
    out.reserve(static_cast<std::size_t>(last - first));
    for (auto it = first; it != last; ++it) out.push_back(region(it->region));
    return out;
  }
  std::vector<Region> named(TableView<detail::KeyedRegion> table, std::string_view key) const {
    return regions_under(table, key,
                         [this](const detail::KeyedRegion& e) { return tables.text(e.key); });
  }
};

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Gazetteer Gazetteer::parse(std::string_view regions_csv, std::string_view aliases_csv,
                           std::string_view origin) {
  return Gazetteer(
      std::make_unique<Impl>(detail::parse_gazetteer(regions_csv, aliases_csv, origin)));
}

const Gazetteer& Gazetteer::builtin() {
  // Never destroyed: freeing thousands of names at exit cost a short-lived tool (iprdb-query)
  // a tenth of its run, and nothing is left to release when the process ends anyway.
  static const Gazetteer& instance =
      *new Gazetteer(std::make_unique<Impl>(detail::builtin_gazetteer));
  return instance;
}

std::optional<Region> Gazetteer::by_code(std::string_view code) const {
  const auto& tables = impl_->tables;
  auto it = std::lower_bound(tables.regions.begin(), tables.regions.end(), code,
                             [&](const detail::RegionRecord& r, std::string_view c) {
                               return tables.text(r.code) < c;
                             });
  if (it == tables.regions.end() || tables.text(it->code) != code) return std::nullopt;
  return impl_->region(static_cast<std::size_t>(it - tables.regions.begin()));
}

std::vector<Region> Gazetteer::find(std::string_view text) const {
  const std::string key = detail::lookup_key(text);
  if (auto region = by_code(key)) return {*region};
  // Whoever writes a unit's complete official name means that unit, not one whose short
  // form happens to be spelled the same.
  if (auto found = impl_->named(impl_->tables.full_names, key); !found.empty()) return found;
  if (auto found = impl_->named(impl_->tables.names, key); !found.empty()) return found;
  if (auto pinyin = detail::pinyin_key(key); !pinyin.empty()) {
    return impl_->named(impl_->tables.pinyin, pinyin);
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
  return impl_->regions_under(impl_->tables.children, parent.to_int(),
                              [](const detail::ChildLink& e) { return e.key; });
}

const std::vector<Region>& Gazetteer::regions() const noexcept {
  std::call_once(impl_->regions_made, [this] {
    impl_->regions.reserve(impl_->tables.regions.size);
    for (std::size_t i = 0; i < impl_->tables.regions.size; ++i) {
      impl_->regions.push_back(impl_->region(i));
    }
  });
  return impl_->regions;
}
const std::vector<Gazetteer::Alias>& Gazetteer::aliases() const noexcept {
  std::call_once(impl_->aliases_made, [this] {
    auto& aliases = impl_->aliases;
    aliases.reserve(impl_->tables.aliases.size);
    for (const auto& a : impl_->tables.aliases) {
      aliases.push_back(
          Alias{impl_->string(a.alias), impl_->code(a.code), impl_->string(a.kind)});
    }
  });
  return impl_->aliases;
}

}  // namespace iprdb
