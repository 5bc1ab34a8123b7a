// Output formats: display width, numbers for people, CSV/JSON/Markdown rules, charts.
#include <nlohmann/json.hpp>

#include <iprdb/render.hpp>

#include "testing.hpp"

using iprdb::OutputFormat;
using iprdb::ResultTable;

namespace {

ResultTable small_table() {
  ResultTable t;
  t.title = "标题";
  using Type = ResultTable::Column::Type;
  t.columns = {{"region", "地区", Type::text, true, true, false},
               {"value", "数值", Type::number, true, true, false},
               {"tied", "", Type::boolean, false, true, false},
               {"note", "说明", Type::text, true, true, true},
               {"quote", "", Type::text, false, true, false}};
  t.rows = {{{"北京市", "北京市"}, {"194,000", "194000"}, {"", "false"}, {"", std::nullopt},
             {"", "他说:\"19.4万件\",很多"}},
            {{"A|B", "A|B"}, {"—", std::nullopt}, {"", "true"}, {"", std::nullopt},
             {"", "两行\n文字"}}};
  t.notes = {"1 of 2 regions in scope have data."};
  return t;
}

}  // namespace

TEST_CASE("display width counts CJK as two columns", "[render]") {
  CHECK(iprdb::display_width("abc") == 3);
  CHECK(iprdb::display_width("北京市") == 6);
  CHECK(iprdb::display_width("ＡＢ") == 4);        // fullwidth forms
  CHECK(iprdb::display_width("e\xcc\x81") == 1);  // e + combining acute
  CHECK(iprdb::display_width("件/万人") == 7);
  CHECK(iprdb::display_width("") == 0);
}

TEST_CASE("money is shown in 万元 and 亿元, other figures as they are", "[render]") {
  auto shown = iprdb::show_value(872000000, "元");
  CHECK(shown.number == "8.72");
  CHECK(shown.unit == "亿元");
  shown = iprdb::show_value(69315500, "元");
  CHECK(shown.number == "6931.55");
  CHECK(shown.unit == "万元");
  shown = iprdb::show_value(5000, "元");
  CHECK(shown.number == "5000");
  CHECK(shown.unit == "元");
  shown = iprdb::show_value(1640000000, "元");
  CHECK(shown.number == "16.4");
  shown = iprdb::show_value(194000, "件");
  CHECK(shown.number == "194,000");
  CHECK(shown.unit == "件");
  CHECK(iprdb::show_value(53.54, "件/万人").number == "53.54");
  CHECK(iprdb::show_value(-16.56, "%").number == "-16.56");
  CHECK(iprdb::show_value(777, "件").number == "777");
}

TEST_CASE("tables align by display width and leave out empty optional columns", "[render]") {
  const std::string out = iprdb::render(small_table(), OutputFormat::table);
  CHECK(out ==
        "标题\n"
        "地区       数值\n"
        "------  -------\n"
        "北京市  194,000\n"
        "A|B           —\n"
        "1 of 2 regions in scope have data.\n");
}

TEST_CASE("CSV follows RFC 4180 and carries raw values", "[render]") {
  const std::string out = iprdb::render(small_table(), OutputFormat::csv);
  CHECK(out ==
        "region,value,tied,note,quote\r\n"
        "北京市,194000,false,,\"他说:\"\"19.4万件\"\",很多\"\r\n"
        "A|B,,true,,\"两行\n文字\"\r\n");
}

TEST_CASE("JSON has typed values, nulls and the notes", "[render]") {
  const auto doc = nlohmann::json::parse(iprdb::render(small_table(), OutputFormat::json));
  CHECK(doc["title"] == "标题");
  REQUIRE(doc["rows"].size() == 2);
  CHECK(doc["rows"][0]["value"] == 194000);
  CHECK(doc["rows"][0]["value"].is_number_integer());
  CHECK(doc["rows"][0]["tied"] == false);
  CHECK(doc["rows"][1]["value"].is_null());
  CHECK(doc["rows"][1]["tied"] == true);
  CHECK(doc["rows"][0]["quote"] == "他说:\"19.4万件\",很多");
  CHECK(doc["notes"][0] == "1 of 2 regions in scope have data.");
}

TEST_CASE("Markdown escapes pipes and aligns numbers right", "[render]") {
  const std::string out = iprdb::render(small_table(), OutputFormat::markdown);
  CHECK(out ==
        "### 标题\n\n"
        "| 地区 | 数值 |\n"
        "| --- | ---: |\n"
        "| 北京市 | 194,000 |\n"
        "| A\\|B | — |\n"
        "\n1 of 2 regions in scope have data.\n");
}

TEST_CASE("formats are parsed by name", "[render]") {
  CHECK(iprdb::parse_output_format("csv") == OutputFormat::csv);
  CHECK(iprdb::parse_output_format("md") == OutputFormat::markdown);
  CHECK_FALSE(iprdb::parse_output_format("xml"));
}

TEST_CASE("terminal bars scale to the largest figure", "[render]") {
  iprdb::Chart chart;
  chart.title = "专利授权量";
  chart.unit = "件";
  chart.points = {{"北京市", 100.0, "100"}, {"随州市", 50.0, "50"}, {"无", std::nullopt, "—"}};
  const std::string out = iprdb::render_terminal_chart(chart, 4);
  CHECK(out ==
        "专利授权量（件）\n"
        "北京市  ████ 100\n"
        "随州市  ██ 50\n"
        "无      —\n");
}

TEST_CASE("SVG escapes text and names CJK fonts", "[render]") {
  iprdb::Chart chart;
  chart.title = "A<B & \"C\"";
  chart.points = {{"北京市", 3.0, "3"}, {"<x>", 1.0, "1"}};
  const std::string bars = iprdb::render_svg(chart);
  CHECK(bars.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg", 0) == 0);
  CHECK_THAT(bars, Catch::Contains("A&lt;B &amp; &quot;C&quot;"));
  CHECK_THAT(bars, Catch::Contains("&lt;x&gt;"));
  CHECK_THAT(bars, Catch::Contains("Noto Sans CJK SC"));
  CHECK_THAT(bars, Catch::EndsWith("</svg>\n"));
  chart.kind = iprdb::Chart::Kind::line;
  chart.points = {{"2018", 777.0, "777"}, {"2019", std::nullopt, "—"}, {"2022", 1939.0, "1,939"}};
  const std::string line = iprdb::render_svg(chart);
  CHECK_THAT(line, Catch::Contains("stroke-dasharray"));
  CHECK_THAT(line, Catch::Contains(">1,939</text>"));
}
