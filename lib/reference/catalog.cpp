#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "reference/catalog_index.hpp"
#include "reference/lookup_key.hpp"

namespace iprdb {

struct Catalog::Impl {
  detail::CatalogTables tables;  // into `parsed` or the compiled-in ones
  detail::ParsedCatalog parsed;  // parse() only
  // Built only when asked for: a query looks up one or two indicators.
  detail::BuiltOnFirstUse<Indicator> indicators;  // in catalog order

  explicit Impl(const detail::CatalogTables& t) : tables(t) {}
  explicit Impl(detail::ParsedCatalog p) : tables(), parsed(std::move(p)) {
    tables = parsed.tables();  // only now: moving `parsed` could have moved its pool
  }

  Indicator indicator(std::size_t index) const {
    const auto& r = tables.indicators[index];
    const auto& pool = tables.pool;
    Indicator out{pool.string(r.code), pool.string(r.name_zh), pool.string(r.name_en),
                  pool.string(r.unit), r.kind, pool.string(r.category), {}};
    out.aliases.reserve(r.alias_count);
    for (std::size_t i = r.first_alias; i < r.first_alias + r.alias_count; ++i) {
      out.aliases.push_back(pool.string(tables.aliases[i]));
    }
    return out;
  }
};

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

Catalog Catalog::parse(std::string_view csv, std::string_view origin) {
  return Catalog(std::make_unique<Impl>(detail::parse_catalog(csv, origin)));
}

const Catalog& Catalog::builtin() {
  static const Catalog instance(std::make_unique<Impl>(detail::builtin_catalog));
  return instance;
}

std::optional<Indicator> Catalog::by_code(std::string_view code) const {
  const auto [first, last] = detail::look_up(impl_->tables.codes, impl_->tables.pool, code);
  if (first == last) return std::nullopt;
  return impl_->indicator(first->index);
}

std::vector<Indicator> Catalog::find(std::string_view text) const {
  const std::string key = detail::lookup_key(text);
  if (auto indicator = by_code(key)) {
    // Moved, not listed: an initializer list would copy every name of it once more.
    std::vector<Indicator> out;
    out.push_back(std::move(*indicator));
    return out;
  }
  const auto [first, last] = detail::look_up(impl_->tables.names, impl_->tables.pool, key);
  std::vector<Indicator> out;
  out.reserve(static_cast<std::size_t>(last - first));
  for (auto it = first; it != last; ++it) out.push_back(impl_->indicator(it->index));
  return out;
}

std::optional<Indicator> Catalog::find_unique(std::string_view text) const {
  auto found = find(text);
  if (found.empty()) return std::nullopt;
  if (found.size() == 1) return std::move(found.front());
  std::string candidates;
  for (const auto& indicator : found) {
    candidates += fmt::format("{}{} ({})", candidates.empty() ? "" : ", ", indicator.code,
                              indicator.name_zh);
  }
  throw Error(ErrorCode::ambiguous_name,
              fmt::format("\"{}\" names {} indicators: {}; give the code", text, found.size(),
                          candidates));
}

const std::vector<Indicator>& Catalog::indicators() const noexcept {
  return impl_->indicators.get(impl_->tables.indicators.size,
                               [this](std::size_t i) { return impl_->indicator(i); });
}

}  // namespace iprdb
