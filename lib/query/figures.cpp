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
// running total or a span of years), and the months: ?7 = 0 the whole year, 1 the months
// ?8—?9, 2 any. Ranks and shares are never asked for (the table's CHECKs give them a scope),
// so rank_scope and share_of need no test: every term is answered by observation_figure.
std::string figure_filter(std::string_view alias, std::string_view years) {
  return fmt::format(R"sql({o}.indicator_id = ?2 AND {years}
  AND {o}.measure = ?5 AND {o}.status = ?6
  AND {o}.cumulative = 0 AND {o}.period_start IS NULL
  AND CASE ?7
        WHEN 0 THEN {o}.month_end IS NULL OR ({o}.month_end = 12 AND coalesce({o}.month_start, 1) = 1)
        WHEN 1 THEN {o}.month_end = ?9 AND coalesce({o}.month_start, 1) = ?8
        ELSE 1
      END)sql",
                     fmt::arg("o", alias), fmt::arg("years", years));
}

// The candidates, judged on the index alone: the region list is one bound JSON array walked
// outermost (CROSS JOIN), so that each region's rows are one range of observation_figure, and
// no user text ever becomes SQL. Each region's rows come best first; only the document's date
// is read beyond the index.
std::string candidate_statement(std::string_view years) {
  return fmt::format(R"sql(
SELECT r.key, o.id, o.year, o.month_start, o.month_end
FROM json_each(?1) AS r
CROSS JOIN observation o ON o.region_id = r.value
JOIN document d ON d.id = o.document_id
WHERE {}
ORDER BY r.key, o.year DESC,
         (o.month_end IS NULL OR (o.month_end = 12 AND coalesce(o.month_start, 1) = 1)) DESC,
         o.month_end DESC, coalesce(o.month_start, 1),
         o.origin = 'curated' DESC, o.qualifier = 'exact' DESC,
         d.published_on DESC NULLS LAST, o.id DESC)sql",
                     figure_filter("o", years));
}

const std::string& candidate_sql() {
  static const std::string sql = candidate_statement("o.year BETWEEN ?3 AND ?4");
  return sql;
}

const std::string& latest_candidate_sql() {
  // The years narrowed, per region, to the newest one that has a figure: found by an index
  // search that stops at the first such row, instead of every year's rows being judged. The
  // index equality o.year = (…) is evaluated once per region.
  static const std::string sql = candidate_statement(fmt::format(
      "o.year = (SELECT n.year FROM observation n WHERE n.region_id = r.value AND {} "
      "ORDER BY n.year DESC LIMIT 1)",
      figure_filter("n", "n.year BETWEEN ?3 AND ?4")));
  return sql;
}

// The candidates' periods, as far as the grouping needs them.
Period candidate_period(SQLite::Statement& s) {
  Period period;
  period.year = Year(s.getColumn(2).getInt());
  period.month_start = optional_int(s.getColumn(3));
  period.month_end = optional_int(s.getColumn(4));
  return period;
}

}  // namespace

std::string observation_by_id_sql(std::string_view more_columns) {
  return fmt::format(R"sql(SELECT {}{}
FROM observation o
JOIN indicator i ON i.id = o.indicator_id
JOIN document d ON d.id = o.document_id
WHERE o.id = ?1)sql",
                     kObservationColumns, more_columns);
}

std::string region_ids_json(const std::vector<Region>& regions) {
  std::string ids = "[";
  for (const auto& region : regions) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(region.code.to_int());
  }
  ids += ']';
  return ids;
}

std::vector<FigureGroup> fetch_figures(Database::Impl& impl, const FigureQuery& query) {
  const std::string ids = region_ids_json(query.regions);
  StatementUse candidates(impl.cached(query.newest_only ? latest_candidate_sql() : candidate_sql()));
  candidates->bind(1, ids);
  candidates->bind(2, static_cast<std::int64_t>(query.indicator_id));
  candidates->bind(3, query.first_year);
  candidates->bind(4, query.last_year);
  candidates->bind(5, std::string(to_string(query.measure)));
  candidates->bind(6, std::string(to_string(query.status)));
  candidates->bind(7, static_cast<int>(query.rule));
  candidates->bind(8, query.months.first);
  candidates->bind(9, query.months.last);

  // A kept candidate is read whole while the candidate statement is still running, so both
  // see one snapshot of the file even when a loader commits in between.
  static const std::string by_id_sql = observation_by_id_sql();
  SQLite::Statement& by_id = impl.cached(by_id_sql);
  auto read_whole = [&](std::int64_t id) {
    StatementUse s(by_id);
    s->bind(1, static_cast<std::int64_t>(id));
    if (!s->executeStep()) {
      throw Error(ErrorCode::internal, fmt::format("observation {} vanished while read", id));
    }
    return read_observation(*s);
  };

  std::vector<FigureGroup> groups;
  Period chosen;  // the period of the newest group's first (best) candidate
  while (candidates->executeStep()) {
    const auto index = static_cast<std::size_t>(candidates->getColumn(0).getInt64());
    const Period period = candidate_period(*candidates);
    const bool same_region = !groups.empty() && groups.back().region_index == index;
    if (same_region && groups.back().year == period.year.value) {
      // Rows come best first: the first one chose the period, later ones only add sources.
      if (!query.best_only && (query.all_periods || same_period(chosen, period))) {
        groups.back().observations.push_back(read_whole(candidates->getColumn(1).getInt64()));
      }
      continue;
    }
    // Rows come newest year first: a region's older years need not be read.
    if (same_region && query.newest_only) continue;
    FigureGroup group;
    group.region_index = index;
    group.year = period.year.value;
    group.observations.push_back(read_whole(candidates->getColumn(1).getInt64()));
    groups.push_back(std::move(group));
    chosen = period;
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

std::int64_t indicator_id(Database::Impl& impl, const Indicator& indicator) {
  auto& cache = impl.indicator_ids();
  if (auto it = cache.find(indicator.code); it != cache.end()) return it->second;
  const std::int64_t id = indicator_id(impl.cached(kIndicatorIdSql), indicator);
  cache.emplace(indicator.code, id);
  return id;
}

}  // namespace iprdb::detail
