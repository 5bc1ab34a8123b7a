// Scores the extractor against the hand-checked facts in ../shared: the five seed bulletins
// (gold/) and the development set (devset/). Prints per-file precision and recall and every
// miss, so that a change to the extractor shows exactly what it gained and lost.
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iprdb/extract.hpp>

#include "testing.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kShared = IPRDB_SHARED_DIR;

// The fields that make two facts the same fact; the value is compared separately.
std::string key_of(const nlohmann::json& j) {
  auto field = [&](const char* name) -> std::string {
    if (!j.contains(name) || j[name].is_null()) return "-";
    if (j[name].is_string()) return j[name].get<std::string>();
    if (j[name].is_boolean()) return j[name].get<bool>() ? "true" : "-";
    return j[name].dump();
  };
  return fmt::format("{} {} {}/{} start={} cum={} {} {} of={} scope={} share={} base={} {}",
                     field("region"), field("year"), field("month_start"), field("month_end"),
                     field("period_start"), field("cumulative"), field("indicator"),
                     field("measure"), field("rank_of"), field("rank_scope"), field("share_of"),
                     field("base_year"), field("status"));
}

bool same_value(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

struct Score {
  int gold = 0, extracted = 0, correct = 0;
  double precision() const { return extracted ? double(correct) / extracted : 1.0; }
  double recall() const { return gold ? double(correct) / gold : 1.0; }
  void add(const Score& s) {
    gold += s.gold;
    extracted += s.extracted;
    correct += s.correct;
  }
};

std::vector<nlohmann::json> read_gold(const fs::path& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

Score score_file(const std::string& name, const std::string& bulletin,
                 const std::optional<std::string>& published, const fs::path& gold_path) {
  iprdb::ExtractOptions options;
  options.published_on = published;
  const auto result = iprdb::extract_bytes(bulletin, name, options);
  std::vector<nlohmann::json> extracted;
  for (const auto& fact : result.facts) extracted.push_back(nlohmann::json::parse(iprdb::to_json(fact)));
  const auto gold = read_gold(gold_path);
  // Real figures whose indicator the reference catalog lacks (devset/README.md: "not scored").
  // Once our catalog has the indicator, extracting such a figure is neither right nor wrong.
  auto uncatalogued_path = gold_path;
  uncatalogued_path.replace_extension(".uncatalogued.jsonl");
  const auto uncatalogued =
      fs::exists(uncatalogued_path) ? read_gold(uncatalogued_path) : std::vector<nlohmann::json>();
  const auto find_unused = [](const std::vector<nlohmann::json>& facts, std::vector<bool>& used,
                              const nlohmann::json& e) {
    for (std::size_t g = 0; g < facts.size(); ++g) {
      if (!used[g] && key_of(facts[g]) == key_of(e) &&
          same_value(facts[g]["value"].get<double>(), e["value"].get<double>())) {
        used[g] = true;
        return true;
      }
    }
    return false;
  };

  Score score;
  score.gold = static_cast<int>(gold.size());
  std::vector<bool> used(gold.size(), false), used_uncatalogued(uncatalogued.size(), false);
  std::ostringstream report;
  int unscored = 0;
  for (const auto& e : extracted) {
    if (find_unused(gold, used, e)) {
      ++score.correct;
      ++score.extracted;
    } else if (find_unused(uncatalogued, used_uncatalogued, e)) {
      ++unscored;
      report << fmt::format("    uncatalogued, not scored: {} = {}\n", key_of(e), e["value"].dump());
    } else {
      ++score.extracted;
      report << fmt::format("    extra: {} = {}   «{}»\n", key_of(e), e["value"].dump(),
                            e["quote"].get<std::string>());
    }
  }
  for (std::size_t g = 0; g < gold.size(); ++g) {
    if (!used[g]) {
      report << fmt::format("    missed: {} = {}   «{}»\n", key_of(gold[g]),
                            gold[g]["value"].dump(), gold[g]["quote"].get<std::string>());
    }
  }
  std::cout << fmt::format("  {:<28} P {:.3f} R {:.3f}  ({} correct, {} extracted, {} gold{})\n",
                           name, score.precision(), score.recall(), score.correct,
                           score.extracted, score.gold,
                           unscored ? fmt::format("; {} uncatalogued not scored", unscored) : "")
            << report.str();
  return score;
}

void print_total(const char* what, const Score& total) {
  std::cout << fmt::format("{}: precision {:.3f} recall {:.3f} ({} correct, {} extracted, {} gold)\n",
                           what, total.precision(), total.recall(), total.correct,
                           total.extracted, total.gold);
}

}  // namespace

TEST_CASE("the seed bulletins reach precision and recall of 0.95", "[acceptance]") {
  Score total;
  std::vector<fs::path> seeds;
  for (const auto& entry : fs::directory_iterator(kShared / "seeds")) seeds.push_back(entry.path());
  std::sort(seeds.begin(), seeds.end());
  REQUIRE(seeds.size() == 5);
  std::cout << "seeds:\n";
  for (const auto& seed : seeds) {
    const auto gold = kShared / "gold" / (seed.stem().string() + ".jsonl");
    total.add(score_file(seed.filename().string(), iprdb::testing::read_file(seed), std::nullopt, gold));
  }
  print_total("seeds", total);
  CHECK(total.precision() >= 0.95);
  CHECK(total.recall() >= 0.95);
}

TEST_CASE("the development set reaches precision 0.90 and recall 0.80", "[acceptance]") {
  Score total;
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(kShared / "devset" / "docs")) {
    if (entry.path().extension() == ".txt") docs.push_back(entry.path());
  }
  std::sort(docs.begin(), docs.end());
  REQUIRE(docs.size() >= 16);
  std::cout << "devset:\n";
  for (const auto& doc : docs) {
    // Four "key: value" header lines and a blank line, then the bulletin.
    const auto text = iprdb::testing::read_file(doc);
    std::istringstream in(text);
    std::string line;
    std::optional<std::string> published;
    std::size_t consumed = 0;
    for (int i = 0; i < 5 && std::getline(in, line); ++i) {
      consumed += line.size() + 1;
      if (line.rfind("published: ", 0) == 0) {
        auto value = line.substr(11);
        if (value.size() == 10) published = value;  // a full date only
      }
    }
    const auto gold = kShared / "devset" / "gold" / (doc.stem().string() + ".jsonl");
    total.add(score_file("devset/" + doc.filename().string(), text.substr(std::min(consumed, text.size())),
                         published, gold));
  }
  print_total("devset", total);
  CHECK(total.precision() >= 0.90);
  CHECK(total.recall() >= 0.80);
}
