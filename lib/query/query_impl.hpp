#pragma once

// The query stage's private helpers: names to regions and indicators, scopes to region lists,
// and the one statement that fetches stored figures.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <iprdb/database.hpp>
#include <iprdb/query.hpp>
#include <iprdb/types.hpp>

#include "store/database_impl.hpp"

namespace iprdb::detail {

/// The one region `name` means. Throws Error(unknown_region) or Error(ambiguous_name).
Region resolve_region(std::string_view name);

/// The one catalog indicator `name` means. Throws Error(unknown_indicator) or
/// Error(ambiguous_name).
Indicator resolve_indicator(std::string_view name);

/// The regions of `scope` in order; with `year`, only units that existed in that year.
/// Throws Error(invalid_argument) when the scope holds none.
std::vector<Region> scope_regions(const Scope& scope, std::optional<Year> year);

/// The words a title uses for a scope: 省级地区, 山东省下辖地级地区, 所列地区 …
std::string describe_scope(const Scope& scope);

/// Resets a statement from the cache when the question is answered, so that no read
/// transaction stays open between questions.
class StatementUse {
 public:
  explicit StatementUse(SQLite::Statement& statement) : statement_(statement) {}
  ~StatementUse() {
    try {
      statement_.reset();
    } catch (...) {  // a reset only repeats the step's own error, already reported
    }
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  SQLite::Statement* operator->() { return &statement_; }
  SQLite::Statement& operator*() { return statement_; }

 private:
  SQLite::Statement& statement_;
};

/// The columns every observation query selects, in the order read_observation reads them.
/// Aliases: o = observation, i = indicator, d = document.
extern const char* const kObservationColumns;

/// Reads the kObservationColumns of the current row, starting at column `first`.
Observation read_observation(SQLite::Statement& statement, int first = 0);

/// How the months of a period are chosen.
enum class MonthsRule {
  whole_year = 0,  ///< month_end empty, or 1—12
  exactly = 1,     ///< the Months given (a stock at that month's end counts too)
  any = 2,         ///< every period of the year; whole years sort first, then the latest
};

/// One key's stored figures for a set of regions and a range of years, ordered by region
/// (in the order given), year (newest first), period (whole year, then the latest month) and
/// then best first (curated, exact, newest publication).
struct FigureQuery {
  /// No code twice (a scope's regions are distinct): each region's rows go to one place.
  std::vector<RegionCode> regions;
  std::int64_t indicator_id = 0;
  int first_year = 1949;
  int last_year = 2100;
  Measure measure = Measure::level;
  Status status = Status::actual;
  MonthsRule rule = MonthsRule::whole_year;
  Months months;
  /// Keep every period of a region's year in its group, not only the chosen one.
  bool all_periods = false;
  /// Only each region's newest year: older rows are skipped unread (latest).
  bool newest_only = false;
  /// Only the best observation of each group: the other sources are never read.
  bool best_only = false;
};

/// The best figures of a FigureQuery grouped per region and year: for each (region, year)
/// with data, the observations of its chosen period, best first.
struct FigureGroup {
  std::size_t region_index = 0;
  int year = 0;
  std::vector<Observation> observations;
};

/// Whether a period is a whole year (no months, or 1—12月).
bool whole_year(const Period& period);
/// Whether two periods cover the same months (1—9月 and 截至9月底 do).
bool same_period(const Period& a, const Period& b);

/// The regions' codes, in order.
std::vector<RegionCode> codes_of(const std::vector<Region>& regions);

/// "[id,id,…]": the codes as a JSON array, which the statements walk with json_each.
std::string region_ids_json(const std::vector<RegionCode>& regions);

/// SELECT kObservationColumns (then `more_columns`, each after a comma) of observation ?1,
/// with its indicator (i) and document (d).
std::string observation_by_id_sql(std::string_view more_columns = {});

/// The best figures of `query`: candidates are judged on the index observation_figure and
/// only the kept ones are read whole (with all_periods or without best_only, every source of
/// the chosen period; else the best one alone).
std::vector<FigureGroup> fetch_figures(Database::Impl& impl, const FigureQuery& query);

/// The statement indicator_id runs.
extern const char* const kIndicatorIdSql;

/// The id of `indicator` in this database. Throws Error(unknown_indicator) when the database
/// was written with a catalog that does not have it.
std::int64_t indicator_id(SQLite::Statement& statement, const Indicator& indicator);

/// The same, looked up in the connection's cache (Database::Impl::indicator_ids) first and
/// remembered there.
std::int64_t indicator_id(Database::Impl& impl, const Indicator& indicator);

}  // namespace iprdb::detail
