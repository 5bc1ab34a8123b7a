#include <fmt/format.h>

#include <iprdb/error.hpp>

#include "query/query_impl.hpp"

namespace iprdb::detail {

namespace {

std::optional<int> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt();
}

std::optional<std::int64_t> optional_int64(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

// 1—12月 is the whole year, written out.
}  // namespace

bool whole_year(const Period& period) {
  return !period.month_end || (*period.month_end == 12 && period.month_start.value_or(1) == 1);
}

bool same_period(const Period& a, const Period& b) {
  if (whole_year(a) || whole_year(b)) return whole_year(a) && whole_year(b);
  return a.month_end == b.month_end && a.month_start.value_or(1) == b.month_start.value_or(1);
}

const char* const kObservationColumns = R"sql(
    o.id, o.region_id, i.code, o.year, o.month_start, o.month_end, o.period_start, o.cumulative,
    o.measure, o.value, o.unit, o.value_text, o.qualifier, o.status, o.base_year, o.rank_scope,
    o.rank_of, o.share_of, o.origin, d.id, d.title, d.published_on, d.origin, o.quote,
    o.span_start, o.span_end)sql";

Observation read_observation(SQLite::Statement& s, int first) {
  auto col = [&](int i) { return s.getColumn(first + i); };
  Observation o;
  o.id = col(0).getInt64();
  o.region = RegionCode::from_int(col(1).getInt());
  o.indicator = col(2).getString();
  o.period.year = Year(col(3).getInt());
  o.period.month_start = optional_int(col(4));
  o.period.month_end = optional_int(col(5));
  o.period.period_start = optional_int(col(6));
  o.period.cumulative = col(7).getInt() != 0;
  o.measure = parse_measure(col(8).getString()).value_or(Measure::level);
  o.value = col(9).getDouble();
  o.unit = col(10).getString();
  o.value_text = col(11).getString();
  o.qualifier = parse_qualifier(col(12).getString()).value_or(Qualifier::exact);
  o.status = parse_status(col(13).getString()).value_or(Status::actual);
  o.base_year = optional_int(col(14));
  o.rank_scope = optional_text(col(15));
  o.rank_of = optional_text(col(16));
  o.share_of = optional_text(col(17));
  o.origin = col(18).getString();
  o.source.document_id = col(19).getInt64();
  o.source.title = col(20).getString();
  o.source.published_on = optional_text(col(21));
  o.source.file = col(22).getString();
  o.source.quote = col(23).getString();
  o.source.span_start = optional_int64(col(24));
  o.source.span_end = optional_int64(col(25));
  return o;
}

namespace {

// The rows a question is about, on the observation table under `alias`: its indicator (?2),
// the years `years` allows, the measure and status asked for (?5, ?6), a plain figure (not a
// running total, a span of years, a rank or a share), and the months: ?7 = 0 the whole year,
// 1 the months ?8—?9, 2 any.
std::string figure_filter(std::string_view alias, std::string_view years) {
  return fmt::format(R"sql({o}.indicator_id = ?2 AND {years}
  AND {o}.measure = ?5 AND {o}.status = ?6
  AND {o}.cumulative = 0 AND {o}.period_start IS NULL
  AND {o}.rank_scope IS NULL AND {o}.share_of IS NULL
  AND CASE ?7
        WHEN 0 THEN {o}.month_end IS NULL OR ({o}.month_end = 12 AND coalesce({o}.month_start, 1) = 1)
        WHEN 1 THEN {o}.month_end = ?9 AND coalesce({o}.month_start, 1) = ?8
        ELSE 1
      END)sql",
                     fmt::arg("o", alias), fmt::arg("years", years));
}

// The region list is one bound JSON array walked outermost (CROSS JOIN), so that each
// region's rows are reached through the index on (region, indicator, year) and no user text
// ever becomes SQL. Each region's rows come best first.
std::string figure_statement(std::string_view years) {
  return fmt::format(R"sql(
SELECT r.key, o.id, o.region_id, i.code, o.year, o.month_start, o.month_end, o.period_start,
       o.cumulative, o.measure, o.value, o.unit, o.value_text, o.qualifier, o.status,
       o.base_year, o.rank_scope, o.rank_of, o.share_of, o.origin, d.id, d.title,
       d.published_on, d.origin, o.quote, o.span_start, o.span_end
FROM json_each(?1) AS r
CROSS JOIN observation o ON o.region_id = r.value
JOIN indicator i ON i.id = o.indicator_id
JOIN document d ON d.id = o.document_id
WHERE {}
ORDER BY r.key, o.year DESC,
         (o.month_end IS NULL OR (o.month_end = 12 AND coalesce(o.month_start, 1) = 1)) DESC,
         o.month_end DESC, coalesce(o.month_start, 1),
         o.origin = 'curated' DESC, o.qualifier = 'exact' DESC,
         d.published_on DESC NULLS LAST, o.id DESC)sql",
                     figure_filter("o", years));
}

}  // namespace

const std::string& figure_sql() {
  static const std::string sql = figure_statement("o.year BETWEEN ?3 AND ?4");
  return sql;
}

const std::string& latest_figure_sql() {
  // The years narrowed, per region, to the newest one that has a figure: found by an index
  // search that stops at the first such row, instead of every year's rows being read, joined
  // to their documents and sorted (27 ms → 1.6 ms for the provinces at 10M observations). The
  // index equality o.year = (…) is evaluated once per region.
  static const std::string sql = figure_statement(fmt::format(
      "o.year = (SELECT n.year FROM observation n WHERE n.region_id = r.value AND {} "
      "ORDER BY n.year DESC LIMIT 1)",
      figure_filter("n", "n.year BETWEEN ?3 AND ?4")));
  return sql;
}

std::vector<FigureGroup> fetch_figures(SQLite::Statement& statement, const FigureQuery& query) {
  std::string ids = "[";
  for (const auto& region : query.regions) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(region.code.to_int());
  }
  ids += ']';

  StatementUse s(statement);
  s->bind(1, ids);
  s->bind(2, static_cast<std::int64_t>(query.indicator_id));
  s->bind(3, query.first_year);
  s->bind(4, query.last_year);
  s->bind(5, std::string(to_string(query.measure)));
  s->bind(6, std::string(to_string(query.status)));
  s->bind(7, static_cast<int>(query.rule));
  s->bind(8, query.months.first);
  s->bind(9, query.months.last);

  std::vector<FigureGroup> groups;
  while (s->executeStep()) {
    const auto index = static_cast<std::size_t>(s->getColumn(0).getInt64());
    // Rows come newest year first: a region's older years need not become Observations.
    if (query.newest_only && !groups.empty() && groups.back().region_index == index &&
        groups.back().year != s->getColumn(4).getInt()) {
      continue;
    }
    Observation o = read_observation(*s, 1);
    if (!groups.empty() && groups.back().region_index == index &&
        groups.back().year == o.period.year.value) {
      // Rows come best first: the first one chose the period, later ones only add sources.
      if (query.all_periods || same_period(groups.back().observations.front().period, o.period)) {
        groups.back().observations.push_back(std::move(o));
      }
      continue;
    }
    FigureGroup group;
    group.region_index = index;
    group.year = o.period.year.value;
    group.observations.push_back(std::move(o));
    groups.push_back(std::move(group));
  }
  return groups;
}

const char* const kIndicatorIdSql = "SELECT id FROM indicator WHERE code = ?1";

std::int64_t indicator_id(SQLite::Statement& statement, const Indicator& indicator) {
  StatementUse s(statement);
  s->bind(1, indicator.code);
  if (!s->executeStep()) {
    throw Error(ErrorCode::unknown_indicator,
                fmt::format("this database has no indicator {} ({}); it was written by an older "
                            "iprdb: run `iprdb-load --db PATH --init` to refresh its catalog",
                            indicator.code, indicator.name_zh));
  }
  return s->getColumn(0).getInt64();
}

std::int64_t indicator_id(std::unordered_map<std::string, std::int64_t>& cache,
                          SQLite::Statement& statement, const Indicator& indicator) {
  if (auto it = cache.find(indicator.code); it != cache.end()) return it->second;
  const std::int64_t id = indicator_id(statement, indicator);
  cache.emplace(indicator.code, id);
  return id;
}

}  // namespace iprdb::detail
