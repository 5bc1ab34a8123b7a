#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace iprdb::detail {

/// True when the text is an HTML page: a doctype, <html, <head or <body, or at least three
/// block tags (<p>, <div>, <table> …) in its first 4 KiB.
bool looks_like_html(std::string_view utf8);

/// How deep elements may nest in a page. gumbo's parse time grows with the square of the
/// nesting depth (200,000 nested tags take minutes); real bulletins nest a few dozen deep.
inline constexpr int kMaxHtmlDepth = 1000;
/// How many formatting elements (<b>, <font> …) gumbo may reopen in all: a page can make it
/// copy every unclosed one into each following paragraph, a tree quadratic in the page's size.
inline constexpr std::size_t kMaxReopenedFormatting = 1000000;

/// The shape of a page's markup as html_to_text measures it before parsing. The scan stops
/// once a limit is passed, so figures past a limit are only "over".
struct MarkupFigures {
  /// The deepest the tree builder's stack of open elements can get (html, head and body not
  /// counted); never below what gumbo builds.
  std::size_t depth = 0;
  /// How many formatting elements gumbo may reopen after blocks that closed them.
  std::size_t reopened = 0;
};
MarkupFigures measure_markup(std::string_view utf8_html);

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
///
/// Before parsing, the markup's shape is measured on the bytes (a model of the HTML tree
/// builder's stack that never counts lower than gumbo will build): a page nested deeper than
/// kMaxHtmlDepth, or one that would reopen more than kMaxReopenedFormatting formatting elements,
/// is refused with Error(invalid_argument) naming `origin`, so that time and memory stay linear
/// in the page's size.
HtmlText html_to_text(std::string_view utf8_html, const std::filesystem::path& origin = {});

}  // namespace iprdb::detail
