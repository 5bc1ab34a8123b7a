#include <cmath>

#include <nlohmann/json.hpp>

#include <iprdb/fact.hpp>

namespace iprdb {
namespace {

// Whole numbers print as integers (1939, not 1939.0), as a person writes them.
nlohmann::json number(double value) {
  if (std::isfinite(value) && std::fabs(value) < 9e15 && value == std::floor(value)) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

template <typename T>
nlohmann::json optional(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

std::string to_json(const Fact& fact, const std::filesystem::path& document) {
  nlohmann::ordered_json j;
  j["region"] = fact.region.str();
  j["region_name"] = fact.region_name;
  j["year"] = fact.period.year.value;
  j["month_start"] = optional(fact.period.month_start);
  j["month_end"] = optional(fact.period.month_end);
  j["period_start"] = optional(fact.period.period_start);
  j["cumulative"] = fact.period.cumulative;
  j["indicator"] = fact.indicator;
  j["measure"] = std::string(to_string(fact.measure));
  j["value"] = number(fact.value);
  j["unit"] = fact.unit;
  j["status"] = std::string(to_string(fact.status));
  j["qualifier"] = std::string(to_string(fact.qualifier));
  j["base_year"] = optional(fact.base_year);
  j["rank_scope"] = optional(fact.rank_scope);
  j["rank_of"] = optional(fact.rank_of);
  j["share_of"] = optional(fact.share_of);
  j["value_text"] = fact.value_text;
  j["quote"] = fact.quote;
  j["span_start"] = fact.span_start;
  j["span_end"] = fact.span_end;
  if (!fact.note.empty()) j["note"] = fact.note;
  if (!document.empty()) j["document"] = document.string();
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace iprdb
