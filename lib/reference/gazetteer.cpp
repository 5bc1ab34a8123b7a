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
  detail::BuiltOnFirstUse<Region> regions;  // sorted by code
  // Only loading a database and extracting need the aliases, and a query would otherwise
  // build seven thousand strings for nothing.
  detail::BuiltOnFirstUse<Alias> aliases;  // in file order

  explicit Impl(const detail::GazetteerTables& t) : tables(t) {}
  explicit Impl(detail::ParsedGazetteer p) : tables(), parsed(std::move(p)) {
    tables = parsed.tables();  // only now: moving `parsed` could have moved its pool
  }

  RegionCode code(detail::PoolText digits) const {
    return RegionCode(tables.pool.text(digits));
  }
  std::optional<RegionCode> optional_code(detail::PoolText digits) const {
    if (digits.size == 0) return std::nullopt;
    return code(digits);
  }

  Region region(std::size_t index) const {
    const auto& r = tables.regions[index];
    const auto& pool = tables.pool;
    return Region{code(r.code), pool.string(r.name), pool.string(r.short_name), r.level,
                  optional_code(r.parent_code), pool.string(r.pinyin), r.valid_from,
                  r.valid_to, optional_code(r.successor_code)};
  }

  // Each table lists a key's regions in code order without repeats, as callers get them.
  template <typename Entry>
  std::vector<Region> regions_of(std::pair<const Entry*, const Entry*> entries) const {
    std::vector<Region> out;
    out.reserve(static_cast<std::size_t>(entries.second - entries.first));
    for (auto it = entries.first; it != entries.second; ++it) out.push_back(region(it->index));
    return out;
  }
  std::vector<Region> named(TableView<detail::KeyedText> table, std::string_view key) const {
    return regions_of(detail::look_up(table, tables.pool, key));
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
  const auto [first, last] =
      detail::equal_keys(tables.regions, code, [&](const detail::RegionRecord& r) {
        return tables.pool.text(r.code);
      });
  if (first == last) return std::nullopt;
  return impl_->region(static_cast<std::size_t>(first - tables.regions.begin()));
}

std::vector<Region> Gazetteer::find(std::string_view text) const {
  const std::string key = detail::lookup_key(text);
  if (auto region = by_code(key)) {
    // Moved, not listed: an initializer list would copy every name of it once more.
    std::vector<Region> out;
    out.push_back(std::move(*region));
    return out;
  }
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
  if (found.size() == 1) return std::move(found.front());
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
  return impl_->regions_of(detail::equal_keys(impl_->tables.children, parent.to_int(),
                                             [](const detail::ChildLink& e) { return e.key; }));
}

const std::vector<Region>& Gazetteer::regions() const noexcept {
  return impl_->regions.get(impl_->tables.regions.size,
                            [this](std::size_t i) { return impl_->region(i); });
}

const std::vector<Gazetteer::Alias>& Gazetteer::aliases() const noexcept {
  return impl_->aliases.get(impl_->tables.aliases.size, [this](std::size_t i) {
    const auto& a = impl_->tables.aliases[i];
    const auto& pool = impl_->tables.pool;
    return Alias{pool.string(a.alias), impl_->code(a.code), pool.string(a.kind)};
  });
}

}  // namespace iprdb
