#include <algorithm>
#include <map>
#include <set>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <iprdb/error.hpp>
#include <iprdb/reference.hpp>

#include "reference/embedded.hpp"
#include "reference/lookup_key.hpp"
#include "testing.hpp"

using iprdb::Gazetteer;
using iprdb::RegionCode;
using iprdb::RegionLevel;

namespace {

std::set<std::string> codes(const std::vector<iprdb::Region>& regions) {
  std::set<std::string> out;
  for (const auto& region : regions) out.insert(region.code.str());
  return out;
}

// Every field, in order, so that two lists compare equal only when they are the same.
std::vector<std::string> fields(const std::vector<iprdb::Region>& regions) {
  std::vector<std::string> out;
  const auto code = [](const std::optional<RegionCode>& c) { return c ? c->str() : "-"; };
  const auto year = [](std::optional<int> y) { return y ? std::to_string(*y) : "-"; };
  for (const auto& r : regions) {
    out.push_back(r.code.str() + "|" + r.name + "|" + r.short_name + "|" +
                  std::string(iprdb::to_string(r.level)) + "|" + code(r.parent) + "|" + r.pinyin +
                  "|" + year(r.valid_from) + "|" + year(r.valid_to) + "|" + code(r.successor));
  }
  return out;
}

std::vector<std::string> fields(const std::vector<Gazetteer::Alias>& aliases) {
  std::vector<std::string> out;
  for (const auto& a : aliases) out.push_back(a.alias + "|" + a.code.str() + "|" + a.kind);
  return out;
}

}  // namespace

TEST_CASE("the gazetteer holds every provincial prefecture and county level unit", "[reference]") {
  std::map<RegionLevel, int> current;
  for (const auto& region : Gazetteer::builtin().regions()) {
    if (!region.is_historical()) ++current[region.level];
  }
  CHECK(current[RegionLevel::country] == 1);
  CHECK(current[RegionLevel::province] == 34);
  // GB/T 2260 as of 2020s: 333 prefecture-level units, about 2,850 county-level ones (NBS
  // statistical zones add a few dozen).
  CHECK(current[RegionLevel::prefecture] >= 333);
  CHECK(current[RegionLevel::prefecture] <= 345);
  CHECK(current[RegionLevel::county] >= 2840);
  CHECK(current[RegionLevel::county] <= 3100);
}

TEST_CASE("every region but the country has a parent one level up", "[reference]") {
  const auto& gazetteer = Gazetteer::builtin();
  for (const auto& region : gazetteer.regions()) {
    if (region.level == RegionLevel::country) {
      CHECK_FALSE(region.parent);
      continue;
    }
    REQUIRE(region.parent);
    auto parent = gazetteer.by_code(region.parent->str());
    REQUIRE(parent);
    CHECK(static_cast<int>(parent->level) < static_cast<int>(region.level));
    CHECK_FALSE(region.pinyin.empty());
  }
}

TEST_CASE("regions are found by code full name short name rule alias and pinyin", "[reference]") {
  const auto& gazetteer = Gazetteer::builtin();
  CHECK(gazetteer.find_unique("520000")->name == "贵州省");
  CHECK(gazetteer.find_unique("贵州省")->code.str() == "520000");
  CHECK(gazetteer.find_unique("贵州")->code.str() == "520000");
  CHECK(gazetteer.find_unique("guizhou")->code.str() == "520000");
  CHECK(gazetteer.find_unique("Gui Zhou")->code.str() == "520000");
  CHECK(gazetteer.find_unique("甘肃")->code.str() == "620000");
  CHECK(gazetteer.find_unique("内蒙古")->code.str() == "150000");
  CHECK(gazetteer.find_unique("广西")->code.str() == "450000");
  CHECK(gazetteer.find_unique("新疆")->code.str() == "650000");
  CHECK(gazetteer.find_unique("湘西州")->code.str() == "433100");
  CHECK(gazetteer.find_unique("黔南州")->code.str() == "522700");
  CHECK(gazetteer.find_unique("恩施州")->code.str() == "422800");
  CHECK(gazetteer.find_unique("兴安盟")->code.str() == "152200");
  CHECK(gazetteer.find_unique("随州")->code.str() == "421300");
  CHECK(gazetteer.find_unique("枣庄")->code.str() == "370400");
  CHECK(gazetteer.find_unique("张家界")->code.str() == "430800");
  CHECK(gazetteer.find_unique("chongqing")->code.str() == "500000");
  CHECK(gazetteer.find_unique("香港")->code.str() == "810000");
  CHECK(gazetteer.find_unique("澳门")->level == RegionLevel::province);
  CHECK(gazetteer.find_unique("台湾")->code.str() == "710000");
  CHECK(gazetteer.find_unique("全国")->code.is_country());
  CHECK(gazetteer.find_unique("沧州渤海新区")->parent->str() == "130900");
  CHECK(gazetteer.find_unique("东城区")->parent->str() == "110000");
  CHECK_FALSE(gazetteer.find_unique("不存在市"));
  CHECK(gazetteer.find("").empty());
  CHECK(gazetteer.find("999999").empty());
}

TEST_CASE("an alias shared by two regions comes back as a list never resolved", "[reference]") {
  const auto& gazetteer = Gazetteer::builtin();
  CHECK(codes(gazetteer.find("吉林")) == std::set<std::string>{"220000", "220200"});
  auto chaoyang = codes(gazetteer.find("朝阳区"));
  CHECK(chaoyang.count("110105") == 1);
  CHECK(chaoyang.count("220104") == 1);
  try {
    gazetteer.find_unique("吉林");
    FAIL("no error for an ambiguous name");
  } catch (const iprdb::Error& e) {
    CHECK(e.code() == iprdb::ErrorCode::ambiguous_name);
    CHECK_THAT(e.what(), Catch::Contains("220000 吉林省") && Catch::Contains("220200 吉林市"));
  }
}

TEST_CASE("historical units keep their years and successor", "[reference]") {
  const auto& gazetteer = Gazetteer::builtin();
  auto laiwu = gazetteer.by_code("371200");
  REQUIRE(laiwu);
  CHECK(laiwu->name == "莱芜市");
  CHECK(laiwu->valid_to == 2018);
  CHECK(laiwu->successor == RegionCode("370116"));
  CHECK(gazetteer.find_unique("莱芜市")->code.str() == "371200");

  CHECK(gazetteer.find_unique("襄樊市")->code.str() == "420600");
  CHECK(gazetteer.find_unique("襄樊")->name == "襄阳市");

  auto chaohu = codes(gazetteer.find("巢湖市"));
  CHECK(chaohu == std::set<std::string>{"340181", "341400"});
  auto old_chaohu = gazetteer.by_code("341400");
  REQUIRE(old_chaohu);
  CHECK(old_chaohu->valid_to == 2011);
  CHECK(old_chaohu->successor == RegionCode("340181"));
}

TEST_CASE("what lookup_key takes as plain is its own NFKC form, as ICU says", "[reference]") {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  REQUIRE(U_SUCCESS(status));
  int plain = 0, changed = 0;
  for (UChar32 c = 0; c <= 0xFFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string utf8;
    icu::UnicodeString(c).toUTF8String(utf8);
    if (!iprdb::detail::is_plain_han_or_ascii(utf8)) continue;
    ++plain;
    if (!nfkc->isNormalized(icu::UnicodeString(c), status)) ++changed;
  }
  CHECK(plain == 95 + 6592 + 20992);
  CHECK(changed == 0);
  CHECK(iprdb::detail::is_plain_han_or_ascii("贵州 Guizhou 2024"));
  CHECK_FALSE(iprdb::detail::is_plain_han_or_ascii("贵州省\u3000"));
  CHECK_FALSE(iprdb::detail::is_plain_han_or_ascii("\u2F00"));  // ⼀ KANGXI RADICAL ONE
  CHECK_FALSE(iprdb::detail::is_plain_han_or_ascii("\xE8\xB4"));  // cut off mid-character
  CHECK(iprdb::detail::lookup_key("\u2F00\u4E8C") == "\u4E00\u4E8C");
  CHECK(iprdb::detail::lookup_key(" GuiZhou ") == "guizhou");
}

TEST_CASE("children lists the units directly under a region", "[reference]") {
  const auto& gazetteer = Gazetteer::builtin();
  auto guizhou = gazetteer.children(RegionCode("520000"));
  CHECK(guizhou.size() == 9);  // 6 prefecture-level cities and 3 autonomous prefectures
  for (const auto& region : guizhou) CHECK(region.level == RegionLevel::prefecture);
  CHECK(gazetteer.children(RegionCode("000000")).size() == 34);
  CHECK(gazetteer.children(RegionCode("421303")).empty());
  // In code order, for every region that has children.
  for (const auto& parent : gazetteer.regions()) {
    const auto children = gazetteer.children(parent.code);
    CHECK(std::is_sorted(children.begin(), children.end(),
                         [](const auto& a, const auto& b) { return a.code < b.code; }));
  }
}

TEST_CASE("a gazetteer file with a dangling reference is refused", "[reference]") {
  const std::string header =
      "code,name,short_name,level,parent_code,pinyin,valid_from,valid_to,successor_code\n";
  CHECK_THROWS_WITH(
      Gazetteer::parse(header + "000000,全国,全国,country,,quanguo,,,\n"
                                "110000,北京市,北京,province,000000,beijing,,,\n"
                                "110101,东城区,东城,county,119999,dongcheng,,,\n",
                       "alias,code,kind\n", "g"),
      "g/regions.csv: region 110101 refers to 119999, which is not in the gazetteer");
  CHECK_THROWS_WITH(
      Gazetteer::parse(header + "000000,全国,全国,country,,quanguo,,,\n", "alias,code,kind\n中国,12345,hand\n", "g"),
      "g/aliases.csv:2: \"12345\" is not a six-digit region code");
  CHECK_THROWS_WITH(
      Gazetteer::parse(header + "000000,全国,全国,land,,quanguo,,,\n", "alias,code,kind\n", "g"),
      "g/regions.csv:2: unknown level \"land\"");
}

TEST_CASE("the compiled-in gazetteer answers as parsing schema/gazetteer does", "[reference]") {
  const auto& builtin = Gazetteer::builtin();
  const auto parsed = Gazetteer::parse(iprdb::detail::embedded::gazetteer_regions,
                                       iprdb::detail::embedded::gazetteer_aliases,
                                       "schema/gazetteer");
  REQUIRE(fields(builtin.regions()) == fields(parsed.regions()));
  CHECK(fields(builtin.aliases()) == fields(parsed.aliases()));
  std::vector<std::string> questions;
  for (const auto& region : parsed.regions()) {
    for (const auto& text : {region.code.str(), region.name, region.short_name, region.pinyin}) {
      questions.push_back(text);
    }
    CHECK(fields(builtin.children(region.code)) == fields(parsed.children(region.code)));
    CHECK(fields({*builtin.by_code(region.code.str())}) == fields({*parsed.by_code(region.code.str())}));
  }
  for (const auto& alias : parsed.aliases()) questions.push_back(alias.alias);
  for (const auto* text : {"", "999999", "5200", "Gui Zhou", " 贵州省 ", "不存在市", "xian"}) {
    questions.emplace_back(text);
  }
  for (const auto& text : questions) {
    INFO(text);
    CHECK(fields(builtin.find(text)) == fields(parsed.find(text)));
  }
  CHECK_FALSE(builtin.by_code("52000a"));
  CHECK_FALSE(builtin.by_code("5200000"));
}

TEST_CASE("a region code is six digits, from text or from its integer form", "[reference]") {
  CHECK(RegionCode::from_int(520000).str() == "520000");
  CHECK(RegionCode::from_int(0).str() == "000000");
  CHECK(RegionCode::from_int(11).str() == "000011");
  CHECK(RegionCode::from_int(999999).str() == "999999");
  CHECK(RegionCode::from_int(371200).to_int() == 371200);
  CHECK_THROWS_AS(RegionCode::from_int(-1), iprdb::Error);
  CHECK_THROWS_AS(RegionCode::from_int(1000000), iprdb::Error);
  CHECK_THROWS_AS(RegionCode("52000"), iprdb::Error);
  CHECK_THROWS_AS(RegionCode("52000x"), iprdb::Error);
}
