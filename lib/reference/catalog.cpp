#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "common/csv.hpp"
#include "reference/embedded.hpp"
#include "reference/lookup_key.hpp"

namespace iprdb {

struct Catalog::Impl {
  std::vector<Indicator> indicators;
  std::unordered_map<std::string, std::size_t> by_code;
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;  // lookup_key → indexes
};

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

Catalog Catalog::parse(std::string_view csv, std::string_view origin) {
  auto table = detail::CsvTable::parse(
      csv, origin, {"code", "name_zh", "name_en", "unit", "kind", "category", "aliases"});
  const auto c_code = table.column("code"), c_zh = table.column("name_zh"),
             c_en = table.column("name_en"), c_unit = table.column("unit"),
             c_kind = table.column("kind"), c_category = table.column("category"),
             c_aliases = table.column("aliases");
  auto impl = std::make_unique<Impl>();
  auto fail = [&](int line, std::string message) {
    throw Error(ErrorCode::malformed_record, std::move(message), std::string(origin), line);
  };
  for (const auto& row : table.rows()) {
    const auto& f = row.fields;
    Indicator indicator;
    indicator.code = f[c_code];
    indicator.name_zh = f[c_zh];
    indicator.name_en = f[c_en];
    indicator.unit = f[c_unit];
    if (indicator.code.empty() || indicator.name_zh.empty() || indicator.unit.empty()) {
      fail(row.line, "code, name_zh and unit must not be empty");
    }
    auto kind = parse_indicator_kind(f[c_kind]);
    if (!kind) fail(row.line, fmt::format("unknown kind \"{}\"", f[c_kind]));
    indicator.kind = *kind;
    indicator.category = f[c_category];
    std::string_view aliases = f[c_aliases];
    while (!aliases.empty()) {
      auto bar = aliases.find('|');
      auto alias = aliases.substr(0, bar);
      if (!alias.empty()) indicator.aliases.emplace_back(alias);
      aliases = bar == std::string_view::npos ? std::string_view{} : aliases.substr(bar + 1);
    }
    const std::size_t index = impl->indicators.size();
    if (!impl->by_code.emplace(indicator.code, index).second) {
      fail(row.line, fmt::format("indicator code {} appears twice", indicator.code));
    }
    auto add_name = [&](const std::string& name) {
      auto& hits = impl->by_name[detail::lookup_key(name)];
      if (std::find(hits.begin(), hits.end(), index) == hits.end()) hits.push_back(index);
    };
    add_name(indicator.name_zh);
    for (const auto& alias : indicator.aliases) add_name(alias);
    impl->indicators.push_back(std::move(indicator));
  }
  return Catalog(std::move(impl));
}

const Catalog& Catalog::builtin() {
  static const Catalog instance =
      parse(detail::embedded::catalog_csv, "schema/catalog/indicators.csv");
  return instance;
}

std::optional<Indicator> Catalog::by_code(std::string_view code) const {
  auto it = impl_->by_code.find(std::string(code));
  if (it == impl_->by_code.end()) return std::nullopt;
  return impl_->indicators[it->second];
}

std::vector<Indicator> Catalog::find(std::string_view text) const {
  const std::string key = detail::lookup_key(text);
  if (auto indicator = by_code(key)) return {*indicator};
  std::vector<Indicator> out;
  if (auto it = impl_->by_name.find(key); it != impl_->by_name.end()) {
    for (auto i : it->second) out.push_back(impl_->indicators[i]);
  }
  return out;
}

std::optional<Indicator> Catalog::find_unique(std::string_view text) const {
  auto found = find(text);
  if (found.empty()) return std::nullopt;
  if (found.size() == 1) return found.front();
  std::string candidates;
  for (const auto& indicator : found) {
    candidates += fmt::format("{}{} ({})", candidates.empty() ? "" : ", ", indicator.code,
                              indicator.name_zh);
  }
  throw Error(ErrorCode::ambiguous_name,
              fmt::format("\"{}\" names {} indicators: {}; give the code", text, found.size(),
                          candidates));
}

const std::vector<Indicator>& Catalog::indicators() const noexcept { return impl_->indicators; }

}  // namespace iprdb
