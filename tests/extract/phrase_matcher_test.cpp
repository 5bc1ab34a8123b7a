#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "extract/phrase_matcher.hpp"

#include "testing.hpp"

using iprdb::detail::PhraseMatcher;

TEST_CASE("the phrase matcher finds every occurrence of overlapping phrases", "[extract]") {
  PhraseMatcher matcher;
  matcher.add("专利", 1);
  matcher.add("发明专利", 2);
  matcher.add("发明专利授权", 3);
  matcher.add("授权", 4);
  const std::string text = "全省发明专利授权89件,专利授权";
  auto all = matcher.find_all(text);
  REQUIRE(all.size() == 6);
  CHECK(all[0].id == 3);  // longest first at the same start
  CHECK(all[1].id == 2);
  CHECK(text.substr(all[0].begin, all[0].end - all[0].begin) == "发明专利授权");
}

TEST_CASE("leftmost longest matches do not overlap", "[extract]") {
  PhraseMatcher matcher;
  matcher.add("有效发明专利", 1);
  matcher.add("发明专利授权", 2);
  matcher.add("每万人口发明专利拥有量", 3);
  matcher.add("发明专利", 4);
  const std::string text = "有效发明专利授权和每万人口发明专利拥有量";
  auto found = matcher.find_longest(text);
  REQUIRE(found.size() == 2);
  CHECK(found[0].id == 1);
  CHECK(found[1].id == 3);
}

TEST_CASE("one phrase may carry several ids", "[extract]") {
  PhraseMatcher matcher;
  matcher.add("吉林", 7);
  matcher.add("吉林", 8);
  auto found = matcher.find_longest("吉林省");
  REQUIRE(found.size() == 2);
  CHECK(found[0].id == 7);
  CHECK(found[1].id == 8);
  CHECK(matcher.find_longest("长春").empty());
}

TEST_CASE("matching is linear on long text without phrases", "[extract]") {
  PhraseMatcher matcher;
  matcher.add("aaab", 1);
  const std::string text(1 << 20, 'a');
  CHECK(matcher.find_all(text).empty());
  CHECK(matcher.find_all(text + "b").size() == 1);
}

// find_all reads a long text as two halves (see phrase_matcher.cpp); whatever the cut, it must
// find exactly what a naive search finds, in the same order.
TEST_CASE("find_all agrees with a naive search on random texts and phrases", "[extract]") {
  // Letters phrases are made of, and filler that occurs in none: the halves are cut after
  // filler, so texts mix both, in one-, two- and three-byte characters.
  const std::vector<std::string> letters = {"a", "b", "省", "市", "专", "利", "é"};
  const std::vector<std::string> filler = {" ", "\n", "。", "x", "年"};
  std::mt19937 rng(20261122);
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  };
  for (int round = 0; round < 200; ++round) {
    PhraseMatcher matcher;
    std::vector<std::pair<std::string, std::uint32_t>> phrases;
    const int count = std::uniform_int_distribution<int>(1, 12)(rng);
    for (int p = 0; p < count; ++p) {
      std::string phrase;
      const int length = std::uniform_int_distribution<int>(1, 4)(rng);
      for (int k = 0; k < length; ++k) phrase += pick(letters);
      const auto id = static_cast<std::uint32_t>(p % 5);  // ids shared and phrases repeated
      matcher.add(phrase, id);
      phrases.emplace_back(phrase, id);
    }
    for (int text_round = 0; text_round < 10; ++text_round) {
      std::string text;
      const int length = std::uniform_int_distribution<int>(0, 1500)(rng);
      const bool sparse_filler = text_round % 2 == 0;
      for (int k = 0; k < length; ++k) {
        const bool letter = std::uniform_int_distribution<int>(0, sparse_filler ? 20 : 2)(rng) > 0;
        text += letter ? pick(letters) : pick(filler);
      }
      std::vector<PhraseMatcher::Match> expected;
      for (const auto& [phrase, id] : phrases) {
        for (auto at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
          expected.push_back({at, at + phrase.size(), id});
        }
      }
      std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
        return std::tie(a.begin, b.end, a.id) < std::tie(b.begin, a.end, b.id);
      });
      // A phrase added twice under one id is one match.
      expected.erase(std::unique(expected.begin(), expected.end(),
                                 [](const auto& a, const auto& b) {
                                   return a.begin == b.begin && a.end == b.end && a.id == b.id;
                                 }),
                     expected.end());
      const auto found = matcher.find_all(text);
      INFO("round " << round << ", text of " << text.size() << " bytes");
      REQUIRE(found.size() == expected.size());
      for (std::size_t k = 0; k < found.size(); ++k) {
        CHECK(found[k].begin == expected[k].begin);
        CHECK(found[k].end == expected[k].end);
        CHECK(found[k].id == expected[k].id);
      }
    }
  }
}
