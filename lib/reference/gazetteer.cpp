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
  std::vector<Region> regions;      // sorted by code
  detail::GazetteerLookups lookups;  // into `parsed` or into the compiled-in tables
  detail::ParsedGazetteer parsed;    // parse() only
  // builtin() leaves the aliases to their first use: only loading a database and extracting
  // need them, and a query would otherwise build seven thousand strings for nothing.
  std::vector<Alias> (*make_aliases)() = nullptr;
  std::once_flag aliases_made;
  std::vector<Alias> aliases;  // in file order

  // Each table lists a key's regions in code order without repeats, as callers get them.
  template <typename Entry>
  std::vector<Region> regions_under(TableView<Entry> table, const decltype(Entry::key)& key) const {
    const auto first = std::lower_bound(table.begin(), table.end(), key,
                                        [](const Entry& e, const auto& k) { return e.key < k; });
    const auto last = std::upper_bound(first, table.end(), key,
                                       [](const auto& k, const Entry& e) { return k < e.key; });
    std::vector<Region> out;
    out.reserve(static_cast<std::size_t>(last - first));
    for (auto it = first; it != last; ++it) out.push_back(regions[it->region]);
    return out;
  }
};

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Gazetteer Gazetteer::parse(std::string_view regions_csv, std::string_view aliases_csv,
                           std::string_view origin) {
  auto impl = std::make_unique<Impl>();
  impl->parsed = detail::parse_gazetteer(regions_csv, aliases_csv, origin);
  impl->regions = std::move(impl->parsed.regions);
  impl->aliases = std::move(impl->parsed.aliases);
  impl->lookups = impl->parsed.lookups();
  return Gazetteer(std::move(impl));
}

namespace {

std::optional<RegionCode> optional_code(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  return RegionCode(digits);
}

}  // namespace

const Gazetteer& Gazetteer::builtin() {
  // Never destroyed: freeing thousands of names at exit cost a short-lived tool (iprdb-query)
  // a tenth of its run, and nothing is left to release when the process ends anyway.
  static const Gazetteer& instance = *[] {
    const auto& data = detail::builtin_gazetteer;
    auto impl = std::make_unique<Impl>();
    impl->regions.reserve(data.regions.size);
    for (const auto& r : data.regions) {
      impl->regions.push_back(Region{RegionCode(r.code), std::string(r.name),
                                     std::string(r.short_name), r.level,
                                     optional_code(r.parent_code), std::string(r.pinyin),
                                     r.valid_from, r.valid_to, optional_code(r.successor_code)});
    }
    impl->lookups = data.lookups;
    impl->make_aliases = [] {
      std::vector<Alias> aliases;
      aliases.reserve(detail::builtin_gazetteer.aliases.size);
      for (const auto& a : detail::builtin_gazetteer.aliases) {
        aliases.push_back(Alias{std::string(a.alias), RegionCode(a.code), std::string(a.kind)});
      }
      return aliases;
    };
    return new Gazetteer(std::move(impl));
  }();
  return instance;
}

std::optional<Region> Gazetteer::by_code(std::string_view code) const {
  const auto& regions = impl_->regions;
  auto it = std::lower_bound(regions.begin(), regions.end(), code,
                             [](const Region& r, std::string_view c) { return r.code.str() < c; });
  if (it == regions.end() || it->code.str() != code) return std::nullopt;
  return *it;
}

std::vector<Region> Gazetteer::find(std::string_view text) const {
  const std::string key = detail::lookup_key(text);
  if (auto region = by_code(key)) return {*region};
  // Whoever writes a unit's complete official name means that unit, not one whose short
  // form happens to be spelled the same.
  if (auto found = impl_->regions_under(impl_->lookups.full_names, key); !found.empty()) {
    return found;
  }
  if (auto found = impl_->regions_under(impl_->lookups.names, key); !found.empty()) {
    return found;
  }
  if (auto pinyin = detail::pinyin_key(key); !pinyin.empty()) {
    return impl_->regions_under(impl_->lookups.pinyin, pinyin);
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
  return impl_->regions_under(impl_->lookups.children, parent.to_int());
}

const std::vector<Region>& Gazetteer::regions() const noexcept { return impl_->regions; }
const std::vector<Gazetteer::Alias>& Gazetteer::aliases() const noexcept {
  std::call_once(impl_->aliases_made, [this] {
    if (impl_->make_aliases) impl_->aliases = impl_->make_aliases();
  });
  return impl_->aliases;
}

}  // namespace iprdb
