// Walks from a figure back to its words: the best figure for a region, the bulletin it came
// from, the sentence around it, and the other bulletins that agree or disagree.
//   provenance_walk DATABASE [REGION] [INDICATOR] [YEAR]
#include <cstdlib>
#include <iostream>

#include <iprdb/iprdb.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: provenance_walk DATABASE [REGION] [INDICATOR] [YEAR]\n";
    return 2;
  }
  try {
    const auto db = iprdb::Database::open(argv[1]);
    iprdb::Comparison question;
    question.scope.regions = {argc > 2 ? argv[2] : "滨州市"};
    question.indicator = argc > 3 ? argv[3] : "每万人口发明专利拥有量";
    question.year = iprdb::Year(argc > 4 ? std::atoi(argv[4]) : 2023);
    const auto row = db.compare(question).front();
    if (row.missing()) {
      std::cout << row.region.name << ": no figure for " << question.year.value << '\n';
      return 0;
    }
    const auto trace = db.provenance(row.observation->id);
    const auto& o = trace->observation;
    std::cout << row.region.name << ' ' << question.indicator << ' ' << o.period.year.value
              << ": " << iprdb::show_value(o.value, o.unit).number << ' ' << o.unit << '\n'
              << "  observation #" << o.id << " (" << o.origin << ", printed as \""
              << o.value_text << "\")\n"
              << "  document:  " << o.source.title << " ("
              << o.source.published_on.value_or("date unknown") << ", " << trace->format << ", "
              << trace->encoding << ")\n"
              << "  file:      " << o.source.file << '\n'
              << "  words:     " << o.source.quote << '\n'
              << "  in:        …" << trace->context << "…\n";
    for (const auto& other : trace->agreeing) {
      std::cout << "  agrees:    #" << other.id << ' ' << other.source.title << '\n';
    }
    for (const auto& other : trace->conflicting) {
      std::cout << "  conflicts: #" << other.id << ' ' << other.source.title << ": "
                << other.value << '\n';
    }
    if (trace->agreeing.empty() && trace->conflicting.empty()) {
      std::cout << "  no other document states this figure\n";
    }
    return 0;
  } catch (const iprdb::Error& e) {
    std::cerr << "provenance_walk: " << e.what() << '\n';
    return 1;
  }
}
