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
