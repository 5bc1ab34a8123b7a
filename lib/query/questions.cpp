// The comparative questions of Database: compare, rank, series, growth, latest, coverage and
// provenance. Names are resolved through the built-in gazetteer and catalog before any SQL
// runs; every statement has bound parameters and is prepared once per connection.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <iprdb/database.hpp>
#include <iprdb/error.hpp>
#include <iprdb/query.hpp>
#include <iprdb/reference.hpp>

#include "query/query_impl.hpp"
#include "store/database_impl.hpp"

namespace iprdb {

using detail::FigureGroup;
using detail::FigureQuery;
using detail::MonthsRule;

namespace {

constexpr int kFirstYear = 1949;
constexpr int kLastYear = 2100;

void check_year(Year year, std::string_view what) {
  if (year.value < kFirstYear || year.value > kLastYear) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("{} {} is outside {}—{}", what, year.value, kFirstYear, kLastYear));
  }
}

void check_months(const std::optional<Months>& months) {
  if (!months) return;
  if (months->first < 1 || months->last > 12 || months->first > months->last) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("months {}—{} are not a part of a year (1—12, first before last)",
                            months->first, months->last));
  }
}

void choose_months(FigureQuery& query, const std::optional<Months>& months, bool partial) {
  if (months) {
    query.rule = MonthsRule::exactly;
    query.months = *months;
  } else {
    query.rule = partial ? MonthsRule::any : MonthsRule::whole_year;
  }
}

// The months a period covers, as a request would ask for them.
std::optional<Months> months_of(const Period& period) {
  if (detail::whole_year(period)) return std::nullopt;
  return Months{period.month_start.value_or(1), *period.month_end};
}

// The figures of one key for every region of `regions`, one group per region (or none).
template <typename Groups>
auto by_region(Groups& groups, std::size_t regions) {
  std::vector<decltype(&groups.front())> out(regions, nullptr);
  for (auto& group : groups) {
    // Groups come newest year first: the first one of a region is the one wanted.
    if (!out[group.region_index]) out[group.region_index] = &group;
  }
  return out;
}

// One row per region in scope: its best observation (every one with `all_sources`), or a
// row without one when the region has no figure — missing, never dropped.
template <typename Row>
std::vector<Row> rows_by_region(std::vector<Region> regions, std::vector<FigureGroup> groups,
                                bool all_sources) {
  const auto found = by_region(groups, regions.size());
  std::vector<Row> rows;
  rows.reserve(regions.size());
  for (std::size_t i = 0; i < regions.size(); ++i) {
    if (!found[i]) {
      rows.push_back({std::move(regions[i]), std::nullopt});
      continue;
    }
    auto& observations = found[i]->observations;
    const std::size_t taken = all_sources ? observations.size() : 1;
    for (std::size_t k = 0; k < taken; ++k) {
      rows.push_back({k + 1 < taken ? regions[i] : std::move(regions[i]),
                      std::move(observations[k])});
    }
  }
  return rows;
}

// The first observation of `group` that covers `months` (nullopt: the whole year) and, for
// growth, is against `base_year` of `year`.
std::optional<Observation> pick(const FigureGroup* group, const std::optional<Months>& months,
                                std::optional<int> growth_base = std::nullopt) {
  if (!group) return std::nullopt;
  Period wanted;
  if (months) {
    wanted.month_start = months->first;
    wanted.month_end = months->last;
  }
  for (const auto& o : group->observations) {
    if (!detail::same_period(o.period, wanted)) continue;
    if (growth_base) {
      const int base = o.base_year.value_or(o.period.year.value - 1);
      if (base != *growth_base) continue;
    }
    return o;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(GrowthMethod method) noexcept {
  return method == GrowthMethod::reported ? "reported" : "computed";
}

std::vector<Region> Database::regions_in(const Scope& scope, std::optional<Year> year) const {
  return detail::scope_regions(scope, year);
}

std::vector<ComparisonRow> Database::compare(const Comparison& request) const {
  check_year(request.year, "year");
  check_months(request.months);
  const Indicator indicator = detail::resolve_indicator(request.indicator);
  auto regions = detail::scope_regions(request.scope, request.year);
  return impl_->guarded("comparing regions", [&] {
    FigureQuery query;
    query.regions = detail::codes_of(regions);
    query.indicator_id = detail::indicator_id(*impl_, indicator);
    query.first_year = query.last_year = request.year.value;
    query.status = request.options.status;
    choose_months(query, request.months, request.options.partial_periods);
    query.best_only = !request.options.all_sources;
    return rows_by_region<ComparisonRow>(std::move(regions), detail::fetch_figures(*impl_, query),
                                         request.options.all_sources);
  });
}

std::vector<RankingRow> Database::rank(const Ranking& request) const {
  if (request.options.all_sources) {
    throw Error(ErrorCode::invalid_argument,
                "a ranking takes one figure per region; all sources do not apply to it");
  }
  if (request.top && *request.top < 1) {
    throw Error(ErrorCode::invalid_argument, "top must be at least 1");
  }
  Comparison comparison{request.indicator, request.year, request.months, request.scope,
                        request.options};
  auto compared = compare(comparison);
  // Sorted as positions, then moved once: a row holds a region and a figure with its source.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < compared.size(); ++i) {
    if (!compared[i].missing()) order.push_back(i);
  }
  // Equal figures keep the scope's (code) order, so the output never depends on the sort.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = compared[a].observation->value;
    const double y = compared[b].observation->value;
    return request.ascending ? x < y : x > y;
  });
  std::vector<RankingRow> ranked;
  ranked.reserve(compared.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    RankingRow out;
    out.region = std::move(compared[order[i]].region);
    out.observation = std::move(compared[order[i]].observation);
    if (i > 0 && ranked.back().observation->value == out.observation->value) {
      out.rank = ranked.back().rank;
      out.tied = ranked.back().tied = true;
    } else {
      out.rank = static_cast<int>(i) + 1;
    }
    ranked.push_back(std::move(out));
  }
  if (request.top) {
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(),
                                [&](const RankingRow& r) { return *r.rank > *request.top; }),
                 ranked.end());
  }
  for (auto& row : compared) {
    if (row.missing()) ranked.push_back({std::nullopt, false, std::move(row.region), std::nullopt});
  }
  return ranked;
}

std::vector<TimeSeriesRow> Database::series(const TimeSeries& request) const {
  if (request.from) check_year(*request.from, "first year");
  if (request.to) check_year(*request.to, "last year");
  if (request.from && request.to && *request.to < *request.from) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("the series ends ({}) before it starts ({})", request.to->value,
                            request.from->value));
  }
  check_months(request.months);
  const Region region = detail::resolve_region(request.region);
  const Indicator indicator = detail::resolve_indicator(request.indicator);
  return impl_->guarded("reading a time series", [&] {
    FigureQuery query;
    query.regions = {region.code};
    query.indicator_id = detail::indicator_id(*impl_, indicator);
    query.first_year = request.from ? request.from->value : kFirstYear;
    query.last_year = request.to ? request.to->value : kLastYear;
    query.status = request.options.status;
    choose_months(query, request.months, request.options.partial_periods);
    query.best_only = !request.options.all_sources;
    const auto groups = detail::fetch_figures(*impl_, query);
    std::map<int, const FigureGroup*> by_year;
    for (const auto& group : groups) by_year.emplace(group.year, &group);
    std::vector<TimeSeriesRow> rows;
    if (by_year.empty() && !(request.from && request.to)) return rows;
    const int first = request.from ? request.from->value : by_year.begin()->first;
    const int last = request.to ? request.to->value : by_year.rbegin()->first;
    for (int year = first; year <= last; ++year) {
      auto it = by_year.find(year);
      if (it == by_year.end()) {
        rows.push_back({Year(year), std::nullopt});
        continue;
      }
      for (const auto& o : it->second->observations) {
        rows.push_back({Year(year), o});
        if (!request.options.all_sources) break;
      }
    }
    return rows;
  });
}

std::vector<GrowthRow> Database::growth(const Growth& request) const {
  check_year(request.year, "year");
  const Year base_year = request.base_year.value_or(Year(request.year.value - 1));
  check_year(base_year, "base year");
  if (base_year >= request.year) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("the base year {} must come before {}", base_year.value,
                            request.year.value));
  }
  check_months(request.months);
  const Indicator indicator = detail::resolve_indicator(request.indicator);
  const auto regions = detail::scope_regions(request.scope, request.year);
  return impl_->guarded("computing growth", [&] {
    FigureQuery query;
    query.regions = detail::codes_of(regions);
    query.indicator_id = detail::indicator_id(*impl_, indicator);
    query.status = request.options.status;
    query.first_year = query.last_year = request.year.value;
    choose_months(query, request.months, request.options.partial_periods);
    query.best_only = true;  // only the level's best figure is used
    const auto level_groups = detail::fetch_figures(*impl_, query);

    // The base level and the reported growth must cover the same months as the level; every
    // period is fetched and the matching one picked per region.
    query.rule = MonthsRule::any;
    query.all_periods = true;
    query.best_only = false;  // every period and base year is picked from
    query.first_year = query.last_year = base_year.value;
    const auto base_groups = detail::fetch_figures(*impl_, query);
    query.first_year = query.last_year = request.year.value;
    query.measure = Measure::growth_pct;
    const auto growth_groups = detail::fetch_figures(*impl_, query);

    const auto levels = by_region(level_groups, regions.size());
    const auto bases = by_region(base_groups, regions.size());
    const auto growths = by_region(growth_groups, regions.size());
    std::vector<GrowthRow> rows;
    for (std::size_t i = 0; i < regions.size(); ++i) {
      GrowthRow row;
      row.region = regions[i];
      row.base_year = base_year;
      std::optional<Months> months = request.months;
      if (levels[i]) {
        row.level = levels[i]->observations.front();
        months = months_of(row.level->period);
      } else if (request.options.partial_periods && !request.months && growths[i]) {
        months = months_of(growths[i]->observations.front().period);
      }
      row.base_level = pick(bases[i], months);
      row.reported = pick(growths[i], months, base_year.value);
      if (row.reported) {
        row.growth_pct = row.reported->value;
        row.method = GrowthMethod::reported;
      } else if (row.level && row.base_level && row.base_level->value != 0 &&
                 row.level->unit == row.base_level->unit) {
        row.growth_pct =
            (row.level->value - row.base_level->value) / row.base_level->value * 100.0;
        row.method = GrowthMethod::computed;
      }
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

std::vector<LatestRow> Database::latest(const Latest& request) const {
  if (request.up_to) check_year(*request.up_to, "year");
  const Indicator indicator = detail::resolve_indicator(request.indicator);
  auto regions = detail::scope_regions(request.scope, request.up_to);
  return impl_->guarded("finding the latest figures", [&] {
    FigureQuery query;
    query.regions = detail::codes_of(regions);
    query.indicator_id = detail::indicator_id(*impl_, indicator);
    query.last_year = request.up_to ? request.up_to->value : kLastYear;
    query.status = request.options.status;
    choose_months(query, std::nullopt, request.options.partial_periods);
    query.newest_only = true;
    query.best_only = !request.options.all_sources;
    return rows_by_region<LatestRow>(std::move(regions), detail::fetch_figures(*impl_, query),
                                     request.options.all_sources);
  });
}

std::vector<CoverageRow> Database::coverage(const Coverage& request) const {
  std::optional<Indicator> indicator;
  if (request.indicator) indicator = detail::resolve_indicator(*request.indicator);
  std::optional<std::string> ids;
  if (request.scope) {
    const auto regions = detail::scope_regions(*request.scope, std::nullopt);
    ids = detail::region_ids_json(detail::codes_of(regions));
  }
  return impl_->guarded("reading the coverage", [&] {
    std::optional<std::int64_t> indicator_id;
    if (indicator) {
      indicator_id = detail::indicator_id(*impl_, *indicator);
    }
    detail::StatementUse s(impl_->cached(R"sql(
        SELECT o.region_id, i.code, group_concat(DISTINCT o.year), count(*)
        FROM observation o JOIN indicator i ON i.id = o.indicator_id
        WHERE o.measure = 'level' AND o.status = 'actual' AND o.cumulative = 0
          AND o.period_start IS NULL
          AND (?1 OR o.month_end IS NULL OR (o.month_end = 12 AND coalesce(o.month_start, 1) = 1))
          AND (?2 IS NULL OR o.region_id IN (SELECT value FROM json_each(?2)))
          AND (?3 IS NULL OR o.indicator_id = ?3)
        GROUP BY o.region_id, o.indicator_id
        ORDER BY o.region_id, i.code)sql"));
    s->bind(1, request.partial_periods ? 1 : 0);
    if (ids) s->bind(2, *ids);
    if (indicator_id) s->bind(3, static_cast<std::int64_t>(*indicator_id));
    std::vector<CoverageRow> rows;
    const auto& gazetteer = Gazetteer::builtin();
    const auto& catalog = Catalog::builtin();
    while (s->executeStep()) {
      const auto code = RegionCode::from_int(s->getColumn(0).getInt());
      const std::string indicator_code = s->getColumn(1).getString();
      CoverageRow row;
      if (auto region = gazetteer.by_code(code.str())) {
        row.region = *region;
      } else {
        row.region = no_region();
        row.region.code = code;
        row.region.name = row.region.short_name = code.str();
      }
      if (auto found = catalog.by_code(indicator_code)) {
        row.indicator = *found;
      } else {
        row.indicator.code = row.indicator.name_zh = indicator_code;
      }
      const std::string years = s->getColumn(2).getString();
      for (std::size_t start = 0; start < years.size();) {
        auto comma = years.find(',', start);
        if (comma == std::string::npos) comma = years.size();
        row.years.push_back(std::stoi(years.substr(start, comma - start)));
        start = comma + 1;
      }
      std::sort(row.years.begin(), row.years.end());
      row.observations = s->getColumn(3).getInt64();
      rows.push_back(std::move(row));
    }
    return rows;
  });
}

std::optional<Provenance> Database::provenance(std::int64_t id) const {
  return impl_->guarded("tracing an observation", [&]() -> std::optional<Provenance> {
    Provenance out;
    {
      static const std::string sql = detail::observation_by_id_sql(R"sql(,
          d.format, d.encoding,
          CASE WHEN o.span_start IS NULL OR o.span_end IS NULL THEN o.quote
               ELSE substr(d.text, max(o.span_start - 60, 0) + 1,
                           o.span_end + 60 - max(o.span_start - 60, 0)) END)sql");
      detail::StatementUse s(impl_->cached(sql));
      s->bind(1, static_cast<std::int64_t>(id));
      if (!s->executeStep()) return std::nullopt;
      out.observation = detail::read_observation(*s);
      out.format = s->getColumn(26).getString();
      out.encoding = s->getColumn(27).getString();
      out.context = s->getColumn(28).getString();
    }
    // The same key as best_observation's, in other documents.
    detail::StatementUse s(impl_->cached(std::string("SELECT ") + detail::kObservationColumns +
                                         R"sql(
        FROM observation k
        JOIN observation o
          ON o.region_id = k.region_id AND o.indicator_id = k.indicator_id AND o.year = k.year
         AND o.month_start IS k.month_start AND o.month_end IS k.month_end
         AND o.period_start IS k.period_start AND o.cumulative = k.cumulative
         AND o.measure = k.measure AND o.rank_scope IS k.rank_scope AND o.rank_of IS k.rank_of
         AND o.share_of IS k.share_of AND o.base_year IS k.base_year AND o.status = k.status
         AND o.document_id <> k.document_id
        JOIN indicator i ON i.id = o.indicator_id
        JOIN document d ON d.id = o.document_id
        WHERE k.id = ?1
        ORDER BY d.published_on DESC NULLS LAST, o.id)sql"));
    s->bind(1, static_cast<std::int64_t>(id));
    while (s->executeStep()) {
      Observation other = detail::read_observation(*s);
      (other.value == out.observation.value ? out.agreeing : out.conflicting)
          .push_back(std::move(other));
    }
    return out;
  });
}

}  // namespace iprdb
