// iprdb-query: answers comparative questions from an iprdb database, read-only.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <iprdb/iprdb.hpp>

#include "cli/cli.hpp"

namespace {

using iprdb::cli::kSuccess;
using iprdb::cli::kUsage;

constexpr const char* kTool = "iprdb-query";

// A command-line mistake found after parsing: one line, exit 2.
struct UsageError {
  std::string message;
};

// What the options of a question set, before they become a request.
struct Question {
  std::string indicator;
  int year = 0;
  std::vector<std::string> regions;
  std::string level;
  std::string under;
  std::string months;
  bool partial = false;
  bool targets = false;
  bool all_sources = false;
};

std::optional<iprdb::RegionLevel> parse_level(const std::string& text) {
  if (text == "province" || text == "省" || text == "省级") return iprdb::RegionLevel::province;
  if (text == "prefecture" || text == "市" || text == "地级" || text == "地市") {
    return iprdb::RegionLevel::prefecture;
  }
  if (text == "county" || text == "县" || text == "县级" || text == "区县") {
    return iprdb::RegionLevel::county;
  }
  return std::nullopt;
}

iprdb::Scope scope_of(const Question& q) {
  iprdb::Scope scope;
  scope.regions = q.regions;
  if (!q.level.empty()) {
    scope.level = parse_level(q.level);
    if (!scope.level) {
      throw UsageError{"--level must be province, prefecture or county, not \"" + q.level + "\""};
    }
  }
  if (!q.under.empty()) scope.under = q.under;
  if (!scope.regions.empty() && (scope.level || scope.under)) {
    throw UsageError{"give regions by name, or --level/--under, not both"};
  }
  return scope;
}

// "1-9" (also 1—9, 1–9, 1~9) or "8" for one month.
std::optional<iprdb::Months> months_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::string normalized = text;
  for (const char* dash : {"—", "–", "~", "～", "－"}) {
    for (auto at = normalized.find(dash); at != std::string::npos; at = normalized.find(dash)) {
      normalized.replace(at, std::string(dash).size(), "-");
    }
  }
  int first = 0;
  int last = 0;
  char tail = 0;
  if (std::sscanf(normalized.c_str(), "%d-%d%c", &first, &last, &tail) == 2 ||
      (std::sscanf(normalized.c_str(), "%d%c", &first, &tail) == 1 && (last = first))) {
    if (first >= 1 && last <= 12 && first <= last) return iprdb::Months{first, last};
  }
  throw UsageError{"--months takes FIRST-LAST (1-9) or one month (8), not \"" + text + "\""};
}

iprdb::QueryOptions options_of(const Question& q) {
  iprdb::QueryOptions options;
  options.status = q.targets ? iprdb::Status::target : iprdb::Status::actual;
  options.partial_periods = q.partial;
  options.all_sources = q.all_sources;
  return options;
}

// Adds the options every scoped question shares.
void add_scope(CLI::App* command, Question& q) {
  command->add_option("regions", q.regions,
                      "Regions to compare (code, name, alias or pinyin); default: --level/--under");
  command->add_option("--level", q.level, "province, prefecture or county (default: province, or "
                                          "the regions directly under --under)");
  command->add_option("--under", q.under, "Only regions inside this one");
}

void add_period(CLI::App* command, Question& q, bool months) {
  if (months) {
    command->add_option("--months", q.months,
                        "A part of the year: 1-9 for 1—9月 (or the end of September for a "
                        "stock), 8 for August alone");
  }
  command->add_flag("--partial", q.partial,
                    "Where a region has no whole-year figure, take its latest part of the year");
  command->add_flag("--targets", q.targets, "Targets (力争, 目标 …) instead of actual figures");
}

bool lower_contains(std::string haystack, std::string needle) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  return lower(std::move(haystack)).find(lower(std::move(needle))) != std::string::npos;
}

template <typename Rows>
std::size_t unlisted(const Rows& rows, const iprdb::Scope& scope, bool all) {
  if (all || !scope.regions.empty()) return 0;
  std::size_t n = 0;
  for (const auto& row : rows) n += row.missing() ? 1 : 0;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Answer comparative questions from an iprdb database (read-only).", kTool};
  app.require_subcommand(1);
  app.fallthrough();
  std::string db_path = "iprdb.sqlite";
  std::string format_name = "table";
  bool all = false;
  bool chart = false;
  std::string svg_path;
  app.add_option("--db", db_path, "The database file")->capture_default_str();
  app.add_option("--format", format_name, "table, csv, json or markdown")->capture_default_str();
  app.add_flag("--all", all, "Also list the regions in scope without a figure");
  app.add_flag("--chart", chart, "Draw horizontal bars in the terminal after the table");
  app.add_option("--svg", svg_path, "Write a chart to this SVG file (bars; a line for series)");
  app.set_version_flag("--version", std::string(kTool) + " " + iprdb::kVersion);

  Question q;
  auto* compare = app.add_subcommand("compare", "One indicator, one year, every region in scope");
  compare->add_option("indicator", q.indicator, "Indicator: code, Chinese name or alias")->required();
  compare->add_option("year", q.year, "Year")->required();
  add_scope(compare, q);
  add_period(compare, q, true);
  compare->add_flag("--all-sources", q.all_sources, "Every document's figure, not only the best");

  bool ascending = false;
  int top = 0;
  auto* rank = app.add_subcommand("rank", "Regions in order of one indicator, ties shared");
  rank->add_option("indicator", q.indicator, "Indicator")->required();
  rank->add_option("year", q.year, "Year")->required();
  add_scope(rank, q);
  add_period(rank, q, true);
  rank->add_flag("--ascending", ascending, "Smallest first");
  rank->add_option("--top", top, "Only the first N places");

  std::string series_region;
  int from = 0;
  int to = 0;
  auto* series = app.add_subcommand("series", "One region, one indicator, year after year");
  series->add_option("region", series_region, "Region: code, name, alias or pinyin")->required();
  series->add_option("indicator", q.indicator, "Indicator")->required();
  series->add_option("--from", from, "First year (default: the first with a figure)");
  series->add_option("--to", to, "Last year (default: the last with a figure)");
  add_period(series, q, true);
  series->add_flag("--all-sources", q.all_sources, "Every document's figure, not only the best");

  int base = 0;
  auto* growth = app.add_subcommand("growth", "Growth: reported, or computed from two levels");
  growth->add_option("indicator", q.indicator, "Indicator")->required();
  growth->add_option("year", q.year, "Year")->required();
  add_scope(growth, q);
  add_period(growth, q, true);
  growth->add_option("--base", base, "Base year (default: the year before)");

  int up_to = 0;
  auto* latest = app.add_subcommand("latest", "Each region's most recent figure");
  latest->add_option("indicator", q.indicator, "Indicator")->required();
  add_scope(latest, q);
  latest->add_option("--up-to", up_to, "Latest up to this year (default: any)");
  add_period(latest, q, false);
  latest->add_flag("--all-sources", q.all_sources, "Every document's figure, not only the best");

  std::string coverage_indicator;
  auto* coverage = app.add_subcommand("coverage", "Which regions have which indicators, which years");
  add_scope(coverage, q);
  coverage->add_option("--indicator", coverage_indicator, "Only this indicator");
  coverage->add_flag("--partial", q.partial, "Count partial-year figures too");

  std::int64_t observation = 0;
  auto* sources = app.add_subcommand(
      "sources", "The loaded documents; with an observation number, where it comes from");
  sources->add_option("observation", observation,
                      "An observation number (编号) from another command's output");

  std::string search;
  auto* indicators = app.add_subcommand("indicators", "The indicator catalog");
  indicators->add_option("--search", search, "Only indicators whose code, name or alias has this");

  auto* regions = app.add_subcommand("regions", "The gazetteer");
  regions->add_option("--under", q.under, "The regions directly under this one (any depth with "
                                          "--search or --level)");
  regions->add_option("--search", search, "Only regions whose name, alias or pinyin has this");
  regions->add_option("--level", q.level, "Only province, prefecture or county");

  std::string statement;
  auto* sql = app.add_subcommand("sql", "One read-only SQL statement (SELECT …)");
  sql->add_option("statement", statement, "The statement")->required();

  return iprdb::cli::run(app, argc, argv, [&]() -> int {
    try {
      const auto format = iprdb::parse_output_format(format_name);
      if (!format) {
        throw UsageError{"--format must be table, csv, json or markdown, not \"" + format_name +
                         "\""};
      }
      const bool charts_apply = compare->parsed() || rank->parsed() || series->parsed() ||
                                growth->parsed() || latest->parsed();
      if ((chart || !svg_path.empty()) && !charts_apply) {
        throw UsageError{"--chart and --svg draw compare, rank, series, growth and latest"};
      }
      if (chart && *format != iprdb::OutputFormat::table &&
          *format != iprdb::OutputFormat::markdown) {
        throw UsageError{"--chart draws in the terminal; use it with --format table or markdown"};
      }

      auto db = iprdb::Database::open(db_path, iprdb::OpenMode::read_only);
      iprdb::ResultTable table;
      std::optional<iprdb::Chart> drawn;
      std::size_t not_listed = 0;

      if (compare->parsed()) {
        iprdb::Comparison request{q.indicator, iprdb::Year(q.year), months_of(q.months),
                                  scope_of(q), options_of(q)};
        const auto rows = db.compare(request);
        table = iprdb::to_table(request, rows, all);
        drawn = iprdb::to_chart(request, rows);
        not_listed = unlisted(rows, request.scope, all);
      } else if (rank->parsed()) {
        iprdb::Ranking request;
        request.indicator = q.indicator;
        request.year = iprdb::Year(q.year);
        request.months = months_of(q.months);
        request.scope = scope_of(q);
        request.options = options_of(q);
        request.ascending = ascending;
        if (rank->count("--top")) request.top = top;
        const auto rows = db.rank(request);
        table = iprdb::to_table(request, rows, all);
        drawn = iprdb::to_chart(request, rows);
        not_listed = unlisted(rows, request.scope, all);
      } else if (series->parsed()) {
        iprdb::TimeSeries request;
        request.region = series_region;
        request.indicator = q.indicator;
        if (series->count("--from")) request.from = iprdb::Year(from);
        if (series->count("--to")) request.to = iprdb::Year(to);
        request.months = months_of(q.months);
        request.options = options_of(q);
        const auto rows = db.series(request);
        table = iprdb::to_table(request, rows);
        drawn = iprdb::to_chart(request, rows);
      } else if (growth->parsed()) {
        iprdb::Growth request;
        request.indicator = q.indicator;
        request.year = iprdb::Year(q.year);
        if (growth->count("--base")) request.base_year = iprdb::Year(base);
        request.months = months_of(q.months);
        request.scope = scope_of(q);
        request.options = options_of(q);
        const auto rows = db.growth(request);
        table = iprdb::to_table(request, rows, all);
        drawn = iprdb::to_chart(request, rows);
        not_listed = unlisted(rows, request.scope, all);
      } else if (latest->parsed()) {
        iprdb::Latest request;
        request.indicator = q.indicator;
        if (latest->count("--up-to")) request.up_to = iprdb::Year(up_to);
        request.scope = scope_of(q);
        request.options = options_of(q);
        const auto rows = db.latest(request);
        table = iprdb::to_table(request, rows, all);
        drawn = iprdb::to_chart(request, rows);
        not_listed = unlisted(rows, request.scope, all);
      } else if (coverage->parsed()) {
        iprdb::Coverage request;
        const auto scope = scope_of(q);
        if (!scope.regions.empty() || scope.level || scope.under) request.scope = scope;
        if (!coverage_indicator.empty()) request.indicator = coverage_indicator;
        request.partial_periods = q.partial;
        table = iprdb::to_table(request, db.coverage(request));
      } else if (sources->parsed()) {
        if (sources->count("observation")) {
          const auto provenance = db.provenance(observation);
          if (!provenance) {
            throw iprdb::Error(iprdb::ErrorCode::invalid_argument,
                               "there is no observation " + std::to_string(observation) +
                                   " (the 编号 column of compare, rank, series … names them)",
                               db.path());
          }
          table = iprdb::to_table(*provenance);
        } else {
          table = iprdb::to_table(db.sql(R"sql(
              SELECT d.id AS document_id, d.title, d.published_on, r.name AS subject_region,
                     d.reporting_year, d.format, d.encoding, d.origin AS file,
                     (SELECT count(*) FROM observation o WHERE o.document_id = d.id)
                       AS observations
              FROM document d LEFT JOIN region r ON r.id = d.subject_region_id
              ORDER BY d.published_on NULLS LAST, d.id)sql"));
          table.title = "已载入的文档";
          const char* labels[] = {"编号", "标题", "发布日期", "地区", "年份", "格式", "编码",
                                  "文件", "条数"};
          for (std::size_t c = 0; c < table.columns.size() && c < std::size(labels); ++c) {
            table.columns[c].label = labels[c];
          }
          table.notes = {std::to_string(table.rows.size()) +
                         (table.rows.size() == 1 ? " document." : " documents.")};
        }
      } else if (indicators->parsed()) {
        auto list = db.indicators();
        if (!search.empty()) {
          list.erase(std::remove_if(list.begin(), list.end(),
                                    [&](const iprdb::Indicator& i) {
                                      if (lower_contains(i.code, search) ||
                                          lower_contains(i.name_zh, search) ||
                                          lower_contains(i.name_en, search)) {
                                        return false;
                                      }
                                      return std::none_of(
                                          i.aliases.begin(), i.aliases.end(),
                                          [&](const auto& a) { return lower_contains(a, search); });
                                    }),
                     list.end());
        }
        table = iprdb::to_table(list);
      } else if (regions->parsed()) {
        std::optional<iprdb::RegionLevel> level;
        if (!q.level.empty()) {
          level = parse_level(q.level);
          if (!level) throw UsageError{"--level must be province, prefecture or county"};
        }
        std::vector<iprdb::Region> list;
        if (!search.empty() || level) {
          // Every region (any depth under --under) whose name, alias or pinyin fits.
          const auto& gazetteer = iprdb::Gazetteer::builtin();
          std::optional<iprdb::Region> under;
          if (!q.under.empty()) {
            under = db.find_region(q.under);
            if (!under) throw iprdb::Error(iprdb::ErrorCode::unknown_region,
                                           "no region is called \"" + q.under + "\"");
          }
          const auto exact = search.empty() ? std::vector<iprdb::Region>{} : gazetteer.find(search);
          auto inside = [&](const iprdb::Region& r) {
            if (!under) return true;
            for (auto p = r.parent; p;) {
              if (*p == under->code) return true;
              const auto up = gazetteer.by_code(p->str());
              p = up ? up->parent : std::nullopt;
            }
            return false;
          };
          for (const auto& r : gazetteer.regions()) {
            const bool named =
                search.empty() || lower_contains(r.name, search) ||
                lower_contains(r.pinyin, search) ||
                std::any_of(exact.begin(), exact.end(),
                            [&](const iprdb::Region& e) { return e.code == r.code; });
            if (named && (!level || r.level == *level) && inside(r)) list.push_back(r);
          }
        } else if (!q.under.empty()) {
          const auto parent = db.find_region(q.under);
          if (!parent) throw iprdb::Error(iprdb::ErrorCode::unknown_region,
                                          "no region is called \"" + q.under + "\"");
          list = db.children(parent->code);
        } else {
          list = db.children(iprdb::RegionCode("000000"));
        }
        table = iprdb::to_table(list);
      } else if (sql->parsed()) {
        table = iprdb::to_table(db.sql(statement));
      }

      if (not_listed > 0 && *format != iprdb::OutputFormat::csv) {
        table.notes.push_back("--all lists the " + std::to_string(not_listed) +
                              " without data.");
      }
      std::cout << iprdb::render(table, *format);
      if (chart && drawn) {
        const std::string bars = iprdb::render_terminal_chart(*drawn);
        std::cout << (*format == iprdb::OutputFormat::markdown ? "\n```\n" + bars + "```\n"
                                                               : "\n" + bars);
      }
      std::cout.flush();
      if (!svg_path.empty() && drawn) {
        std::ofstream out(svg_path, std::ios::binary | std::ios::trunc);
        out << iprdb::render_svg(*drawn);
        out.close();
        if (!out) {
          throw iprdb::Error(iprdb::ErrorCode::io, "cannot write the chart", svg_path);
        }
      }
      return static_cast<int>(kSuccess);
    } catch (const UsageError& e) {
      iprdb::cli::complain(kTool, e.message);
      return static_cast<int>(kUsage);
    }
  });
}
