#pragma once

// Synthetic bulletins for the benchmark: realistic texts built from the gazetteer and the
// catalog, whose every fact is known, so that the corpus measures speed and accuracy at once.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <iprdb/fact.hpp>
#include <iprdb/reference.hpp>

namespace iprdb::bench {

/// The seed of every corpus the benchmark writes: the same seed gives the same bytes.
inline constexpr std::uint64_t kCorpusSeed = 20261121;

/// One generated bulletin: its text, and the facts a correct reading finds in it.
struct SyntheticDocument {
  /// "0001-guizhou.txt": sorted by number, so that a directory loads in generation order.
  std::string file_name;
  std::string text;
  /// The publication date the text states (YYYY-MM-DD).
  std::string published_on;
  std::vector<Fact> expected;
};

/// Writes bulletins of provinces and prefectures: titles, dates, navigation debris, prose with
/// levels, growth, stocks at year end, partial years, targets, money, ratios, tables of the
/// subject's children, and news items and page furniture that hold no fact. Deterministic:
/// std::mt19937_64 seeded once, and nothing else is read (no clock, no environment).
class CorpusGenerator {
 public:
  explicit CorpusGenerator(std::uint64_t seed = kCorpusSeed,
                           const Gazetteer& gazetteer = Gazetteer::builtin(),
                           const Catalog& catalog = Catalog::builtin());

  /// The next document of the sequence.
  SyntheticDocument next();

  /// Writes documents into `directory` (created if missing) until at least `target_bytes` of
  /// text are written, handing each to `on_document` after its file is closed; only one
  /// document is held at a time. Returns the bytes written.
  std::size_t write(const std::filesystem::path& directory, std::size_t target_bytes,
                    const std::function<void(const SyntheticDocument&)>& on_document);

 private:
  struct Subject;
  class Writer;

  std::mt19937_64 rng_;
  const Gazetteer& gazetteer_;
  const Catalog& catalog_;
  std::vector<std::size_t> provinces_;    // indexes into gazetteer_.regions()
  std::vector<std::size_t> prefectures_;  // current prefecture-level units
  std::size_t count_ = 0;
};

/// Precision and recall of extracted facts against expected ones, compared as the acceptance
/// test compares them: the key (region, period, indicator, measure, status, rank and share
/// fields, base year) and the value.
struct Accuracy {
  std::int64_t expected = 0;
  std::int64_t extracted = 0;
  std::int64_t correct = 0;
  double precision() const { return extracted ? double(correct) / double(extracted) : 1.0; }
  double recall() const { return expected ? double(correct) / double(expected) : 1.0; }
  void add(const std::vector<Fact>& expected_facts, const std::vector<Fact>& extracted_facts);
};

}  // namespace iprdb::bench
