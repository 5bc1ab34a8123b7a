#pragma once

#include <string>
#include <string_view>

namespace iprdb::detail {

/// True when the text is an HTML page: a doctype, <html, <head or <body, or at least three
/// block tags (<p>, <div>, <table> …) in its first 4 KiB.
bool looks_like_html(std::string_view utf8);

struct HtmlText {
  std::string text;   // one line per block, each ending in '\n'; no empty lines; a table row
                      // is one line with its cells joined by '\t'
  std::string title;  // <title>, trimmed; the first <h1> when there is no title
};

/// The readable text of a page, parsed by gumbo (an HTML5 parser: entities decoded, broken
/// markup repaired as browsers do). Block elements end lines and <br> breaks one; inside a
/// table cell both become a space. Dropped: script, style, noscript, template, iframe, svg,
/// math, nav, aside, footer, button, select, textarea, media, hidden elements, a header that is
/// not an article's, a form that does not hold the page (ASP.NET wraps whole pages in one), and
/// elements whose class or id says nav, menu, crumb, share, footer, sidebar, related, recommend
/// or comment (except html, body, main and article). Whitespace is collapsed as browsers do,
/// and a line break between two Chinese characters joins them. Never recurses: nesting depth
/// costs heap, not stack.
HtmlText html_to_text(std::string_view utf8_html);

}  // namespace iprdb::detail
