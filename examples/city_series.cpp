// One city's figures year after year, and how much they grew: growth is taken from the
// bulletin when it states it, and computed from two stored levels otherwise.
//   city_series DATABASE [CITY] [INDICATOR]
#include <iomanip>
#include <iostream>

#include <iprdb/iprdb.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: city_series DATABASE [CITY] [INDICATOR]\n";
    return 2;
  }
  try {
    const auto db = iprdb::Database::open(argv[1]);
    iprdb::TimeSeries series;
    series.region = argc > 2 ? argv[2] : "芜湖市";
    series.indicator = argc > 3 ? argv[3] : "发明专利授权量";
    const auto rows = db.series(series);
    std::cout << iprdb::render(iprdb::to_table(series, rows), iprdb::OutputFormat::table);

    // Growth of each year with a figure against the previous year with one.
    std::optional<iprdb::Year> previous;
    for (const auto& row : rows) {
      if (row.missing()) continue;
      iprdb::Growth growth;
      growth.indicator = series.indicator;
      growth.year = row.year;
      if (previous) growth.base_year = previous;
      growth.scope.regions = {series.region};
      const auto answer = db.growth(growth).front();
      std::cout << row.year.value << "年比" << answer.base_year.value << "年: ";
      if (answer.growth_pct) {
        std::cout << std::fixed << std::setprecision(2) << *answer.growth_pct << "% ("
                  << iprdb::to_string(*answer.method) << ")\n";
      } else {
        std::cout << "no figure\n";
      }
      previous = row.year;
    }
    std::cout << '\n'
              << iprdb::render_terminal_chart(iprdb::to_chart(series, rows), 30);
    return 0;
  } catch (const iprdb::Error& e) {
    std::cerr << "city_series: " << e.what() << '\n';
    return 1;
  }
}
