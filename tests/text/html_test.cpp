#include "text/html.hpp"

#include <string>
#include <vector>

#include <iprdb/error.hpp>

#include "testing.hpp"

using iprdb::detail::html_to_text;
using iprdb::detail::looks_like_html;

TEST_CASE("a bulletin page keeps its article and loses the site around it", "[text]") {
  auto html = html_to_text(R"(<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>
    2023年全省知识产权发展状况 - 省知识产权局
  </title>
  <style>p { color: red; }</style>
  <script>var menu = "首页";</script>
</head>
<body class="page has-sidebar">
  <header><img src="logo.png" alt="省知识产权局">省知识产权局门户网站</header>
  <nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></nav>
  <div class="main-menu"><a href="/xw">新闻</a></div>
  <div class="breadcrumb">当前位置：首页 &gt; 统计信息</div>
  <div id="content">
    <article>
      <header><h1>2023年全省知识产权发展状况</h1><span>发布时间：2024-04-26</span></header>
      <p>　　2023年，全省发明专利授权量达到1.2万件，
         同比增长16.4%。</p>
      <p>有效发明专利拥有量&nbsp;5.1万件&amp;PCT国际专利申请&#20013;请量<br>1234件。</p>
      <table>
        <tr><th>地区</th><th>专利授权量</th></tr>
        <tr><td>杭州市</td><td>1234</td></tr>
      </table>
      <div class="bdsharebuttonbox"><a class="bds_weixin">分享到微信</a></div>
      <div style="display: none">隐藏的文字</div>
    </article>
    <div class="related-news"><a>相关新闻</a></div>
    <aside>热点推荐</aside>
  </div>
  <form action="/search"><input name="q"><button>搜索</button></form>
  <footer>版权所有 省知识产权局</footer>
  <noscript>请启用脚本</noscript>
  <iframe src="ad.html">广告</iframe>
  <svg><text>图标</text></svg>
</body>
</html>)");
  CHECK(html.title == "2023年全省知识产权发展状况 - 省知识产权局");
  CHECK(html.text ==
        "2023年全省知识产权发展状况\n"
        "发布时间：2024-04-26\n"
        "\u3000\u30002023年，全省发明专利授权量达到1.2万件，同比增长16.4%。\n"
        "有效发明专利拥有量\u00a05.1万件&PCT国际专利申请中请量\n"
        "1234件。\n"
        "地区\t专利授权量\n"
        "杭州市\t1234\n");
}

TEST_CASE("each table row is one line with its cells joined by tabs", "[text]") {
  struct Case {
    std::string html;
    std::string text;
  };
  const std::vector<Case> cases = {
      {"<table><tr><th>地区</th><th>专利授权量</th></tr><tr><td>杭州市</td><td>1234</td></tr>"
       "</table>",
       "地区\t专利授权量\n杭州市\t1234\n"},
      // An empty cell keeps its place so that columns stay aligned.
      {"<table><tr><td>宁波市</td><td></td><td> 56 </td></tr></table>", "宁波市\t\t56\n"},
      // Blocks and breaks inside a cell do not split the row.
      {"<table><tr><td><p>杭州</p><p>市</p></td><td>1<br>2</td></tr></table>", "杭州 市\t1 2\n"},
      {"<table>\n  <tr>\n    <td>\n      温州市\n    </td>\n    <td>7</td>\n  </tr>\n</table>",
       "温州市\t7\n"},
      {"<table><caption>表1 各市专利授权量</caption><tr><td>台州市</td><td>9</td></tr></table>",
       "表1 各市专利授权量\n台州市\t9\n"},
  };
  for (const auto& c : cases) {
    INFO(c.html);
    CHECK(html_to_text(c.html).text == c.text);
  }
}

TEST_CASE("paragraphs end lines and white space collapses as in a browser", "[text]") {
  struct Case {
    std::string html;
    std::string text;
  };
  const std::vector<Case> cases = {
      {"<p>一</p><p>二<br>三</p>", "一\n二\n三\n"},
      {"<p>一</p>\n\n<p></p><br><br><div>二</div>", "一\n二\n"},
      {"<p>Patent   grants\n rose</p>", "Patent grants rose\n"},
      // A line wrapped by the page's editor between two Chinese characters is one word.
      {"<p>发明专利\n      授权量 达到 <b>1.2</b>万件</p>", "发明专利授权量 达到 1.2万件\n"},
      {"<p><span>发明</span> <span>专利</span></p>", "发明 专利\n"},
      {"<pre>地区  数量\n杭州\t12</pre>", "地区  数量\n杭州\t12\n"},
      {"<p>A&nbsp;B &amp; C &#20013; &lt;1&gt;</p>", "A\u00a0B & C 中 <1>\n"},
      {"<ul><li>一</li><li>二</li></ul>", "一\n二\n"},
  };
  for (const auto& c : cases) {
    INFO(c.html);
    CHECK(html_to_text(c.html).text == c.text);
  }
}

TEST_CASE("site furniture is dropped but never the page that holds it", "[text]") {
  struct Case {
    std::string html;
    std::string text;
  };
  const std::vector<Case> cases = {
      // ASP.NET pages wrap everything in one form.
      {"<body><form id=\"form1\"><div><p>正文</p></div></form></body>", "正文\n"},
      {"<body><form><input name=\"q\"><label>搜索</label></form><p>正文</p></body>", "正文\n"},
      {"<body class=\"with-sidebar\"><p>正文</p></body>", "正文\n"},
      {"<div id=\"topNav\">首页</div><div class=\"share\">分享</div><p>正文</p>", "正文\n"},
      {"<div class=\"comment-list\">评论</div><div id=\"Footer\">底部</div><p>正文</p>", "正文\n"},
      {"<div role=\"navigation\">导航</div><p hidden>隐藏</p><p>正文</p>", "正文\n"},
      {"<header>网站名称</header><main><header>标题</header><p>正文</p></main>", "标题\n正文\n"},
      {"<template><p>模板</p></template><select><option>选项</option></select><p>正文</p>",
       "正文\n"},
  };
  for (const auto& c : cases) {
    INFO(c.html);
    CHECK(html_to_text(c.html).text == c.text);
  }
}

TEST_CASE("the title comes from the title element or else the first heading", "[text]") {
  CHECK(html_to_text("<title>\n  公报  标题 \n</title><h1>标题一</h1>").title == "公报 标题");
  CHECK(html_to_text("<html><body><nav><h1>网站</h1></nav><h1>标题 <b>一</b></h1><h1>二</h1>")
            .title == "标题 一");
  CHECK(html_to_text("<title></title><h1>标题</h1>").title == "标题");
  CHECK(html_to_text("<svg><title>图标</title></svg><p>正文</p>").title.empty());
  CHECK(html_to_text("<p>正文</p>").title.empty());
}

TEST_CASE("deeply nested markup is walked without recursion", "[text]") {
  constexpr int kDepth = iprdb::detail::kMaxHtmlDepth;
  std::string html = "<html><body>";
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html += "深处的正文";
  for (int i = 0; i < kDepth; ++i) html += "</div>";
  html += "<p>之后</p></body></html>";
  CHECK(html_to_text(html).text == "深处的正文\n之后\n");

  std::string unclosed = "<title>未闭合</title>";
  for (int i = 0; i < kDepth / 2; ++i) unclosed += "<span><b>";
  unclosed += "文字";
  auto text = html_to_text(unclosed);
  CHECK(text.text == "文字\n");
  CHECK(text.title == "未闭合");
}

// gumbo's time grows with the square of the nesting depth, and it copies unclosed formatting
// elements into every later paragraph: such pages are refused before parsing, in linear time.
TEST_CASE("markup nested too deep or reopening too much is refused before parsing", "[text]") {
  const auto refused = [](const std::string& html) -> std::string {
    try {
      html_to_text(html, "deep.html");
    } catch (const iprdb::Error& e) {
      CHECK(e.code() == iprdb::ErrorCode::invalid_argument);
      return e.what();
    }
    return "";
  };
  std::string deep;
  for (int i = 0; i <= iprdb::detail::kMaxHtmlDepth; ++i) deep += "<div>";
  CHECK(refused(deep) == "deep.html: HTML nested deeper than 1000 levels; refusing to parse it");
  // Ways to nest that a count of '<' against '</' would miss.
  for (const char* unit : {"<div></span>", "<span><div></span>", "<form><b>x</form>",
                           "<dd><li>", "<li><ul></li>", "<div/>", "<a><div>"}) {
    std::string html;
    for (int i = 0; i < 2000; ++i) html += unit;
    CHECK(iprdb::detail::measure_markup(html).depth > 1000);
    CHECK_THAT(refused(html), Catch::Contains("nested deeper than 1000 levels"));
  }
  // A quote that is not an attribute value does not hide the tags after it.
  CHECK_THAT(refused("<div =\"" + deep), Catch::Contains("nested deeper"));
  CHECK_THAT(refused("<!-- --!>" + deep), Catch::Contains("nested deeper"));

  std::string reopening;
  for (int i = 0; i < 500; ++i) reopening += "<b id=" + std::to_string(i) + "><div>";
  for (int i = 0; i < 500; ++i) reopening += "</div>";
  for (int i = 0; i < 3000; ++i) reopening += "<p>x</p>";
  CHECK_THAT(refused(reopening), Catch::Contains("would be reopened over 1000000 times"));

  // Sloppy pages that real sites publish stay shallow: unclosed <p>, <li>, <td>, <font>.
  std::string sloppy = "<table>";
  for (int i = 0; i < 3000; ++i) {
    sloppy += "<p>段落<font color=red>红<li>项<ul><li>子</ul><tr><td>格<b>粗<td>格<h1>题<h2>副";
  }
  CHECK(iprdb::detail::measure_markup(sloppy).depth < 50);
  CHECK(refused(sloppy).empty());
}

TEST_CASE("broken markup and empty input give text rather than errors", "[text]") {
  CHECK(html_to_text("").text.empty());
  CHECK(html_to_text("<p>未闭合<div>段落").text == "未闭合\n段落\n");
  CHECK(html_to_text("<table><td>孤立单元格</td>").text == "孤立单元格\n");
  CHECK(html_to_text("<p>坏字节\xff</p>").text == "坏字节\uFFFD\n");
}

TEST_CASE("HTML is told from plain text by its first tags", "[text]") {
  struct Case {
    std::string text;
    bool html;
  };
  const std::vector<Case> cases = {
      {"<!DOCTYPE html><title>x</title>", true},
      {"\n\n  <HTML lang=\"zh\">", true},
      {"<head><meta charset=\"utf-8\">", true},
      {"<body>正文", true},
      {"<div>一</div><div>二</div><p>三</p>", true},
      {"2023年全省专利授权量1.2万件。\n同比增长16.4%。", false},
      {"增速<10%的地区有3个, a < b and b > c", false},
      {"只有一个<p>标签", false},
      {"<htmlx>不是标签", false},
      {"", false},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(looks_like_html(c.text) == c.html);
  }
}
