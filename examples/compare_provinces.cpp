// Compares provinces on one indicator: each province's most recent figure, with the year it
// refers to and the bulletin it comes from, then the same rows as an aligned table.
//   compare_provinces DATABASE [INDICATOR]
#include <iostream>

#include <iprdb/iprdb.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: compare_provinces DATABASE [INDICATOR]\n";
    return 2;
  }
  try {
    const auto db = iprdb::Database::open(argv[1]);
    iprdb::Latest question;
    question.indicator = argc > 2 ? argv[2] : "有效发明专利拥有量";
    question.scope.level = iprdb::RegionLevel::province;
    // Bulletins published during the year give figures to the end of a month: take those
    // where there is no whole-year figure, and say so.
    question.options.partial_periods = true;
    const auto rows = db.latest(question);

    for (const auto& row : rows) {
      if (row.missing()) continue;
      const auto& o = *row.observation;
      const auto shown = iprdb::show_value(o.value, o.unit);
      std::cout << row.region.name << ": " << shown.number << ' ' << shown.unit << " ("
                << o.period.year.value
                << (o.period.month_end ? "年" + std::to_string(*o.period.month_end) + "月底" : "年")
                << ", " << o.source.title << ")\n";
    }
    std::cout << '\n' << iprdb::render(iprdb::to_table(question, rows), iprdb::OutputFormat::table);
    return 0;
  } catch (const iprdb::Error& e) {
    std::cerr << "compare_provinces: " << e.what() << '\n';
    return 1;
  }
}
