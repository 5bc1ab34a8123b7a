#include <sqlite3.h>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <iprdb/error.hpp>

#include "query/query_impl.hpp"
#include "reference/gazetteer_index.hpp"
#include "store/best_levels.hpp"

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

// A JSON array of the integer codes of `items`, for json_each: no user text becomes SQL.
template <typename Items, typename CodeOf>
std::string ids_json(const Items& items, CodeOf code_of) {
  std::string ids = "[";
  for (const auto& item : items) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(code_of(item));
  }
  ids += ']';
  return ids;
}

// The column's text in place (valid until the next step), for words parsed into an enum:
// getString would build a string only to read it once.
std::string_view text_view(const SQLite::Column& column) {
  const auto* bytes = static_cast<const char*>(column.getBlob());
  return bytes ? std::string_view(bytes, static_cast<std::size_t>(column.getBytes()))
               : std::string_view();
}

}  // namespace

// 1—12月 is the whole year, written out.
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
  o.measure = parse_measure(text_view(col(8))).value_or(Measure::level);
  o.value = col(9).getDouble();
  o.unit = col(10).getString();
  o.value_text = col(11).getString();
  o.qualifier = parse_qualifier(text_view(col(12))).value_or(Qualifier::exact);
  o.status = parse_status(text_view(col(13))).value_or(Status::actual);
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
// ?8—?9 (asked for as 1—12, the whole year however written), 2 any. Ranks and shares are
// never asked for (the table's CHECKs give them a scope), so rank_scope and share_of need no
// test: every term is answered by observation_figure. Periods are compared as best_level
// keys them (schema/best_level_triggers.sql), so both ways choose the same figure.
std::string figure_filter(std::string_view alias, std::string_view years) {
  return fmt::format(R"sql({o}.indicator_id = ?2 AND {years}
  AND {o}.measure = ?5 AND {o}.status = ?6
  AND {o}.cumulative = 0 AND {o}.period_start IS NULL
  AND CASE ?7
        WHEN 0 THEN {o}.month_end IS NULL OR ({o}.month_end = 12 AND coalesce({o}.month_start, 1) = 1)
        WHEN 1 THEN coalesce({o}.month_end, 12) = ?9
                AND CASE WHEN {o}.month_end IS NULL THEN 1 ELSE coalesce({o}.month_start, 1) END = ?8
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
         coalesce(o.month_end, 12) DESC,
         CASE WHEN o.month_end IS NULL THEN 1 ELSE coalesce(o.month_start, 1) END,
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

// best_level (schema 4) keys a region by the form of its code before the code itself, so the
// regions of one level under one parent are one run of rows. The same CASE is in
// schema/best_level_triggers.sql and best_level_rebuild.sql.
int code_depth(int code) {
  if (code == 0) return 0;
  if (code % 10000 == 0) return 1;
  return code % 100 == 0 ? 2 : 3;
}

// The gazetteer's codes of each depth, historical ones included, sorted: how many regions a
// span of codes holds decides between reading the span and searching region by region. Read
// from the compiled-in records, not Gazetteer::regions(): building all three thousand Region
// objects cost a fresh iprdb-query about 0.6 ms, an eighth of its run.
const std::vector<int>& gazetteer_codes(int depth) {
  static const auto codes = [] {
    std::array<std::vector<int>, 4> out;
    const auto& tables = builtin_gazetteer;
    for (const auto& record : tables.regions) {
      const int code = RegionCode(tables.pool.text(record.code)).to_int();
      out[static_cast<std::size_t>(code_depth(code))].push_back(code);
    }
    for (auto& list : out) std::sort(list.begin(), list.end());
    return out;
  }();
  return codes[static_cast<std::size_t>(depth)];
}

std::size_t regions_between(int depth, int first, int last) {
  const auto& codes = gazetteer_codes(depth);
  return static_cast<std::size_t>(std::upper_bound(codes.begin(), codes.end(), last) -
                                  std::lower_bound(codes.begin(), codes.end(), first));
}

// The columns are kObservationColumns' (what best_level does not keep, a level's constants;
// the indicator's code is looked up once per statement), so read_observation reads them from
// column 1; column 0 is the region and the period's key follows. ?5 is the depth, ?6 the
// MonthsRule. Rows come in region order, each region's periods in key order.
std::string best_level_statement(std::string_view from, std::string_view regions) {
  return fmt::format(R"sql(
SELECT b.region_id, b.observation_id, b.region_id, (SELECT code FROM indicator WHERE id = ?2),
       b.year, b.month_start, b.month_end, NULL, 0, 'level', b.value, b.unit, b.value_text,
       b.qualifier, b.status, b.base_year, NULL, b.rank_of, NULL, b.origin, b.document_id,
       b.title, b.published_on, b.file, b.quote, b.span_start, b.span_end, b.period_end,
       b.period_first
FROM {}
WHERE b.indicator_id = ?2 AND b.status = ?3 AND b.year = ?4 AND b.region_depth = ?5
  AND {}
  AND CASE ?6
        WHEN 0 THEN b.period_end = 12 AND b.period_first = 1
        WHEN 1 THEN b.period_end = ?8 AND b.period_first = ?7
        ELSE 1
      END)sql",
                     from, regions);
}

// Every row of a span of codes (?9—?10): one search, then neighbours. Rows of regions in the
// span that were not asked for are passed over.
const std::string& best_level_span_sql() {
  static const std::string sql =
      best_level_statement("best_level b", "b.region_id BETWEEN ?9 AND ?10");
  return sql;
}

// One search per region of the JSON array ?1 (sorted), walked outermost (CROSS JOIN).
const std::string& best_level_each_sql() {
  static const std::string sql = best_level_statement(
      "json_each(?1) AS r CROSS JOIN best_level b ON b.region_id = r.value", "1");
  return sql;
}

// What best_level answers: one chosen level per region for one year (a comparison, a
// ranking, growth's level); every source, every period or the newest year need observation.
bool best_level_answers(const FigureQuery& query) {
  return query.best_only && !query.all_periods && !query.newest_only &&
         query.measure == Measure::level && query.first_year == query.last_year;
}

// A region asked for: its code and its place in the question's list.
using Wanted = std::pair<int, std::size_t>;

// The rows of `wanted` (one depth, sorted by code) appended to `groups`.
void read_best_levels(Database::Impl& impl, const FigureQuery& query, int depth,
                      const std::vector<Wanted>& wanted, std::vector<FigureGroup>& groups) {
  const int first = wanted.front().first, last = wanted.back().first;
  // A span at least half asked for is read whole (a province's prefectures, every province);
  // scattered regions are searched one by one.
  const bool span = regions_between(depth, first, last) <= 2 * wanted.size();
  StatementUse s(impl.cached(span ? best_level_span_sql() : best_level_each_sql()));
  if (span) {
    s->bind(9, first);
    s->bind(10, last);
  } else {
    s->bind(1, ids_json(wanted, [](const Wanted& w) { return w.first; }));
  }
  s->bind(2, static_cast<std::int64_t>(query.indicator_id));
  s->bind(3, std::string(to_string(query.status)));
  s->bind(4, query.first_year);
  s->bind(5, depth);
  s->bind(6, static_cast<int>(query.rule));
  s->bind(7, query.months.first);
  s->bind(8, query.months.last);
  constexpr int kPeriodKey = 27;  // after the region and kObservationColumns
  const std::size_t before = groups.size();
  std::pair<int, int> kept;  // the period of the newest group's observation: end, first
  auto next = wanted.begin();
  while (s->executeStep()) {
    const int region = s->getColumn(0).getInt();
    while (next != wanted.end() && next->first < region) ++next;
    if (next == wanted.end()) break;
    if (next->first != region) continue;  // in the span, not asked for
    const std::pair<int, int> period{s->getColumn(kPeriodKey).getInt(),
                                     s->getColumn(kPeriodKey + 1).getInt()};
    if (groups.size() > before && groups.back().region_index == next->second) {
      // Any period of the year: the whole year, else the latest end, else the earliest start.
      if (period.first < kept.first || (period.first == kept.first && period.second > kept.second)) {
        continue;
      }
      groups.back().observations.clear();
    } else {
      FigureGroup group;
      group.region_index = next->second;
      group.year = query.first_year;
      groups.push_back(std::move(group));
    }
    kept = period;
    groups.back().observations.push_back(read_observation(*s, 1));
  }
}

std::vector<FigureGroup> fetch_best_levels(Database::Impl& impl, const FigureQuery& query) {
  std::array<std::vector<Wanted>, 4> by_depth;
  for (std::size_t i = 0; i < query.regions.size(); ++i) {
    const int code = query.regions[i].to_int();
    by_depth[static_cast<std::size_t>(code_depth(code))].emplace_back(code, i);
  }
  std::vector<FigureGroup> groups;
  for (std::size_t depth = 0; depth < by_depth.size(); ++depth) {
    auto& wanted = by_depth[depth];
    if (wanted.empty()) continue;
    if (!std::is_sorted(wanted.begin(), wanted.end())) std::sort(wanted.begin(), wanted.end());
    read_best_levels(impl, query, static_cast<int>(depth), wanted, groups);
  }
  return groups;
}

// Runs `read` in one read transaction with the check that best_level is kept, so that a bulk
// load dropping its triggers in between cannot make the answer miss its documents. Outside
// autocommit (a caller's transaction) the caller's snapshot already holds both.
template <typename Read>
std::optional<std::vector<FigureGroup>> if_best_levels_kept(Database::Impl& impl, Read&& read) {
  const bool own = sqlite3_get_autocommit(impl.db().getHandle()) != 0;
  static const std::string begin = "BEGIN", commit = "COMMIT", kept_sql = kBestLevelsKeptSql,
                           version_sql = "PRAGMA schema_version";
  if (own) impl.cached(begin).exec();
  try {
    std::optional<std::vector<FigureGroup>> out;
    auto& seen = impl.best_levels_seen();
    std::int64_t version = 0;
    {
      StatementUse cookie(impl.cached(version_sql));
      if (cookie->executeStep()) version = cookie->getColumn(0).getInt64();
    }
    if (version != seen.schema_version) {
      StatementUse check(impl.cached(kept_sql));
      seen.kept = check->executeStep() && check->getColumn(0).getInt() != 0;
      seen.schema_version = version;
    }
    if (seen.kept) out = read();
    if (own) impl.cached(commit).exec();
    return out;
  } catch (...) {
    if (own && sqlite3_get_autocommit(impl.db().getHandle()) == 0) {
      try {
        impl.db().exec("ROLLBACK");
      } catch (...) {  // the original error says more
      }
    }
    throw;
  }
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

std::vector<RegionCode> codes_of(const std::vector<Region>& regions) {
  std::vector<RegionCode> codes;
  codes.reserve(regions.size());
  for (const auto& region : regions) codes.push_back(region.code);
  return codes;
}

std::string region_ids_json(const std::vector<RegionCode>& regions) {
  return ids_json(regions, [](const RegionCode& code) { return code.to_int(); });
}

std::vector<FigureGroup> fetch_figures(Database::Impl& impl, const FigureQuery& query) {
  if (best_level_answers(query)) {
    auto chosen = if_best_levels_kept(impl, [&] { return fetch_best_levels(impl, query); });
    if (chosen) return std::move(*chosen);
  }
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
