#include "text/html.hpp"

#include <gumbo.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <iprdb/error.hpp>

namespace iprdb::detail {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return lower_ascii(c); });
  return out;
}

bool is_wide(UChar32 c) {
  auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

bool is_blank_line(std::string_view utf8) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto n = static_cast<std::int32_t>(utf8.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (!u_isUWhiteSpace(c)) return false;
  }
  return true;
}

// Lines of text as a browser lays them out, with table rows as tab-separated lines.
class TextBuilder {
 public:
  void text(std::string_view utf8, bool preformatted) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto n = static_cast<std::int32_t>(utf8.size());
    for (std::int32_t i = 0; i < n;) {
      std::int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      bool html_space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (preformatted && c == '\n') {
        line_break();
      } else if (html_space && !preformatted) {
        space_ = true;
        if (c == '\n' || c == '\r') space_breaks_line_ = true;
      } else {
        put(c, utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      }
    }
  }

  // The end of a block or a <br>: inside a table cell only a space, so a row stays one line.
  void line_break() {
    if (cells_open_ > 0) {
      space_ = true;
      return;
    }
    if (!is_blank_line(line_)) {
      out_ += line_;
      out_ += '\n';
    }
    line_.clear();
    last_ = 0;
    space_ = space_breaks_line_ = false;
  }

  void open_row() {
    line_break();
    if (cells_open_ == 0) row_cells_ = 0;
  }
  void close_row() { line_break(); }

  void open_cell() {
    if (cells_open_++ > 0) {
      space_ = true;  // a table inside a cell is read as running text
      return;
    }
    // Empty cells keep their tab, so columns stay aligned with the header row.
    space_ = space_breaks_line_ = false;
    if (row_cells_++ > 0) put('\t', "\t");
  }
  void close_cell() {
    --cells_open_;
    space_ = cells_open_ > 0;
  }

  std::string finish() {
    cells_open_ = 0;
    line_break();
    return std::move(out_);
  }

 private:
  void put(UChar32 c, std::string_view utf8) {
    // Browsers show collapsed white space as one space; CSS Text 3 drops a line break between
    // two wide (Chinese) characters, as an editor's wrapped "发明专利\n授权量" is one word.
    bool after_separator = last_ == ' ' || last_ == '\t' || line_.empty();
    if (space_ && !after_separator && !(space_breaks_line_ && is_wide(last_) && is_wide(c))) {
      line_ += ' ';
    }
    space_ = space_breaks_line_ = false;
    line_ += utf8;
    last_ = c;
  }

  std::string out_;
  std::string line_;
  UChar32 last_ = 0;
  bool space_ = false;
  bool space_breaks_line_ = false;
  int cells_open_ = 0;
  int row_cells_ = 0;
};

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
    return &node->v.element.children;
  }
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

const GumboNode* child_at(const GumboVector* children, unsigned int i) {
  return static_cast<const GumboNode*>(children->data[i]);
}

bool is_text(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
         node->type == GUMBO_NODE_CDATA;
}

bool is_element(const GumboNode* node, GumboTag tag) {
  return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

std::string_view attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&node->v.element.attributes, name);
  return found ? std::string_view(found->value) : std::string_view();
}

// Depth-first, iteratively: the first node for which `match` is true, or nullptr.
template <typename Match>
const GumboNode* find_first(const GumboNode* root, Match match) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (match(node)) return node;
    if (const GumboVector* children = children_of(node)) {
      for (unsigned int i = children->length; i-- > 0;) stack.push_back(child_at(children, i));
    }
  }
  return nullptr;
}

bool is_one_of(GumboTag tag, std::initializer_list<GumboTag> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

bool is_block(GumboTag tag) {
  return is_one_of(tag,
                   {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,
                    GUMBO_TAG_BR,      GUMBO_TAG_CAPTION,  GUMBO_TAG_CENTER,     GUMBO_TAG_DD,
                    GUMBO_TAG_DETAILS, GUMBO_TAG_DIR,      GUMBO_TAG_DIV,        GUMBO_TAG_DL,
                    GUMBO_TAG_DT,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
                    GUMBO_TAG_FORM,    GUMBO_TAG_H1,       GUMBO_TAG_H2,         GUMBO_TAG_H3,
                    GUMBO_TAG_H4,      GUMBO_TAG_H5,       GUMBO_TAG_H6,         GUMBO_TAG_HEADER,
                    GUMBO_TAG_HGROUP,  GUMBO_TAG_HR,       GUMBO_TAG_HTML,       GUMBO_TAG_LEGEND,
                    GUMBO_TAG_LI,      GUMBO_TAG_MAIN,     GUMBO_TAG_MENU,       GUMBO_TAG_OL,
                    GUMBO_TAG_P,       GUMBO_TAG_PRE,      GUMBO_TAG_SECTION,    GUMBO_TAG_SUMMARY,
                    GUMBO_TAG_TABLE,   GUMBO_TAG_UL});
}

bool hidden(const GumboNode* node) {
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden")) return true;
  std::string style = lower_ascii(attribute(node, "style"));
  style.erase(std::remove_if(style.begin(), style.end(),
                             [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
              style.end());
  return style.find("display:none") != kNone || style.find("visibility:hidden") != kNone;
}

// Site furniture by name: <div class="bdsharebuttonbox">, <ul id="topNav"> … Substrings, not
// whole words, because CMS class names run words together.
bool furniture_name(const GumboNode* node) {
  static constexpr std::string_view kWords[] = {
      "nav", "menu", "crumb", "share", "footer", "sidebar", "related", "recommend", "comment"};
  if (lower_ascii(attribute(node, "role")) == "navigation") return true;
  for (const char* name : {"class", "id"}) {
    std::string value = lower_ascii(attribute(node, name));
    for (std::string_view word : kWords) {
      if (value.find(word) != kNone) return true;
    }
  }
  return false;
}

// ASP.NET pages put everything inside one <form>; a search box's form has no paragraphs.
bool holds_page(const GumboNode* form) {
  return find_first(form, [](const GumboNode* node) {
           return node->type == GUMBO_NODE_ELEMENT &&
                  is_one_of(node->v.element.tag,
                            {GUMBO_TAG_P, GUMBO_TAG_TABLE, GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN,
                             GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3});
         }) != nullptr;
}

class Walker {
 public:
  std::string run(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned int next;
    };
    std::vector<Frame> stack;
    if (enter(root)) stack.push_back({root, 0});
    while (!stack.empty()) {
      const GumboNode* node = stack.back().node;
      const GumboVector* children = children_of(node);
      if (children && stack.back().next < children->length) {
        const GumboNode* child = child_at(children, stack.back().next++);
        if (enter(child)) stack.push_back({child, 0});
      } else {
        leave(node);
        stack.pop_back();
      }
    }
    return text_.finish();
  }

  const GumboNode* first_h1() const { return first_h1_; }

 private:
  // Handles the opening of `node`; true when its children are to be visited.
  bool enter(const GumboNode* node) {
    if (is_text(node)) {
      text_.text(node->v.text.text, pre_depth_ > 0);
      return false;
    }
    if (node->type != GUMBO_NODE_ELEMENT || dropped(node)) return false;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_H1 && !first_h1_) first_h1_ = node;
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) ++article_depth_;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING) ++pre_depth_;
    if (tag == GUMBO_TAG_TR) {
      text_.open_row();
    } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
      text_.open_cell();
    } else if (is_block(tag)) {
      text_.line_break();
    }
    return true;
  }

  void leave(const GumboNode* node) {
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) --article_depth_;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING) --pre_depth_;
    if (tag == GUMBO_TAG_TR) {
      text_.close_row();
    } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
      text_.close_cell();
    } else if (is_block(tag)) {
      text_.line_break();
    }
  }

  bool dropped(const GumboNode* node) const {
    const GumboElement& element = node->v.element;
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return true;  // <svg>, <math>
    if (is_one_of(
            element.tag,
            {GUMBO_TAG_HEAD, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_NOSCRIPT,
             GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME, GUMBO_TAG_NAV, GUMBO_TAG_ASIDE, GUMBO_TAG_FOOTER,
             GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_OBJECT,
             GUMBO_TAG_EMBED, GUMBO_TAG_CANVAS, GUMBO_TAG_AUDIO, GUMBO_TAG_VIDEO})) {
      return true;
    }
    // An article's own header holds its title and date; the page's holds the site banner.
    if (element.tag == GUMBO_TAG_HEADER) return article_depth_ == 0;
    if (element.tag == GUMBO_TAG_FORM) return !holds_page(node);
    // Never by class or id: <body class="has-sidebar"> is the whole page.
    if (is_one_of(element.tag,
                  {GUMBO_TAG_HTML, GUMBO_TAG_BODY, GUMBO_TAG_MAIN, GUMBO_TAG_ARTICLE})) {
      return false;
    }
    return hidden(node) || furniture_name(node);
  }

  TextBuilder text_;
  const GumboNode* first_h1_ = nullptr;
  int article_depth_ = 0;
  int pre_depth_ = 0;
};

// The text of an element on one line, as for a title.
std::string one_line_text(const GumboNode* element) {
  TextBuilder text;
  std::vector<const GumboNode*> stack{element};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (is_text(node)) {
      text.text(node->v.text.text, false);
    } else if (node->type == GUMBO_NODE_ELEMENT && !is_element(node, GUMBO_TAG_SCRIPT) &&
               !is_element(node, GUMBO_TAG_STYLE)) {
      const GumboVector* children = children_of(node);
      for (unsigned int i = children->length; i-- > 0;) stack.push_back(child_at(children, i));
    }
  }
  std::string line = text.finish();
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

// ---- The shape of the markup, measured on the bytes before gumbo parses them ---------------
//
// gumbo walks its stack of open elements for most tags, so its time grows with the square of
// the nesting depth; and it copies every formatting element (<b>, <font> …) that a block closed
// into each later block. Both are bounded here, by a model of the tree builder's stack run over
// the tags alone. Where the model cannot tell what gumbo would close, it keeps the element
// open: its depth is never below gumbo's, so a page it passes parses in linear time.

using NameSet = std::unordered_set<std::string_view>;

bool contains(const NameSet& set, std::string_view name) { return set.count(name) > 0; }

const NameSet kVoid = {"area",  "base",   "basefont", "bgsound", "br",    "col",
                       "embed", "frame",  "hr",       "image",   "img",   "input",
                       "keygen", "link",  "menuitem", "meta",    "param", "source",
                       "track", "wbr"};
// gumbo has one of each, whatever the page says.
const NameSet kSingletons = {"html", "head", "body", "frameset"};
const NameSet kFormatting = {"a",     "b",      "big", "code", "em", "font", "i",
                             "nobr",  "s",      "small", "strike", "strong", "tt", "u"};
// The HTML5 "special" category: an end tag of another element never closes past one of these.
const NameSet kSpecial = {
    "address", "applet",   "area",     "article",  "aside",    "base",     "basefont",
    "bgsound", "blockquote", "body",   "br",       "button",   "caption",  "center",
    "col",     "colgroup", "dd",       "details",  "dir",      "div",      "dl",
    "dt",      "embed",    "fieldset", "figcaption", "figure", "footer",   "form",
    "frame",   "frameset", "h1",       "h2",       "h3",       "h4",       "h5",
    "h6",      "head",     "header",   "hgroup",   "hr",       "html",     "iframe",
    "img",     "input",    "li",       "link",     "listing",  "main",     "marquee",
    "menu",    "meta",     "nav",      "noembed",  "noframes", "noscript", "object",
    "ol",      "p",        "param",    "plaintext", "pre",     "script",   "section",
    "select",  "source",   "style",    "summary",  "table",    "tbody",    "td",
    "template", "textarea", "tfoot",   "th",       "thead",    "title",    "tr",
    "track",   "ul",       "wbr",      "xmp",      "menuitem", "isindex",
    "svg:foreignobject", "svg:desc", "math:mi",  "math:mo", "math:mn", "math:ms",
    "math:mtext", "math:annotation-xml"};
// Special elements whose start tag still reopens the formatting elements a block left behind.
const NameSet kReopeningSpecial = {"applet", "area",  "br",     "embed", "image", "img",
                                   "input",  "keygen", "marquee", "object", "select", "wbr"};
// Where the search for an element "in scope" stops: these, and the svg and MathML elements
// where HTML is allowed (a </p> inside an <svg><title> does not reach a <p> outside it).
const NameSet kScopeBoundaries = {
    "applet",   "caption",  "html",    "table",   "td",      "th",         "marquee",
    "object",   "template", "svg:foreignobject",  "svg:desc", "svg:title", "math:mi",
    "math:mo",  "math:mn",  "math:ms", "math:mtext", "math:annotation-xml"};
const NameSet kButtonScope = [] {
  NameSet scope = kScopeBoundaries;
  scope.insert("button");
  return scope;
}();
const NameSet kListScope = [] {
  NameSet scope = kScopeBoundaries;
  scope.insert({"ol", "ul"});
  return scope;
}();
const NameSet kTableBoundaries = {"html", "table", "template"};
// Start tags gumbo ignores outside a table.
const NameSet kTableParts = {"caption", "col",  "colgroup", "tbody", "td",
                             "tfoot",   "th",   "thead",    "tr"};
const NameSet kTableEnds = {"table", "caption", "tbody", "thead", "tfoot", "tr", "td", "th"};
// Start tags a <template> reads by the rules of a head, leaving its mode undecided.
const NameSet kHeadInTemplate = {"base", "basefont", "bgsound", "link",  "meta",
                                 "noframes", "script", "style", "template", "title"};
// Start tags that close an open select and are then read again.
const NameSet kSelectBreakers = {"input", "keygen", "textarea"};
// Elements that put a marker on the list of active formatting elements.
const NameSet kMarkerElements = {"td", "th", "caption", "applet", "marquee", "object", "template"};
const NameSet kHeadings = {"h1", "h2", "h3", "h4", "h5", "h6"};
// Where the search for an open <li>, <dd> or <dt> stops.
const NameSet kListItemStops = [] {
  NameSet stops = kSpecial;
  for (std::string_view name : {"address", "div", "p"}) stops.erase(name);
  return stops;
}();
// Start tags that close an open <p> first. Not <table>: in quirks mode (no doctype) it does not.
const NameSet kClosesP = {
    "address", "article", "aside",  "blockquote", "center", "details", "dialog", "dir",
    "div",     "dl",      "dd",     "dt",         "fieldset", "figcaption", "figure", "footer",
    "form",    "h1",      "h2",     "h3",         "h4",     "h5",      "h6",     "header",
    "hgroup",  "hr",      "li",     "listing",    "main",   "menu",    "nav",    "ol",
    "p",       "pre",     "section", "summary",   "ul",     "xmp"};
// Start tags that leave foreign content (HTML5 13.2.6.5; <font> only with some attributes,
// so left out: nesting it under the <svg> only ever measures deeper than gumbo).
const NameSet kForeignBreakout = {
    "b",      "big",    "blockquote", "body", "br",     "center", "code",   "dd",     "div",
    "dl",     "dt",     "em",         "embed", "h1",    "h2",     "h3",     "h4",     "h5",
    "h6",     "head",   "hr",         "i",    "img",    "li",     "listing", "menu",  "meta",
    "nobr",   "ol",     "p",          "pre",  "ruby",   "s",      "small",  "span",   "strong",
    "strike", "sub",    "sup",        "table", "tt",    "u",      "ul",     "var"};
// svg elements inside which start tags and text follow the HTML rules again; a MathML
// <annotation-xml> is one too when its encoding says HTML.
const NameSet kSvgHtmlPoints = {"foreignobject", "desc", "title"};
// MathML elements inside which start tags (but <mglyph> and <malignmark>) and text follow the
// HTML rules again.
const NameSet kMathTextPoints = {"mi", "mo", "mn", "ms", "mtext"};
// Elements whose text runs to their end tag, tags and all.
const NameSet kRawText = {"script",   "style",    "xmp",      "iframe",
                          "noembed",  "noframes", "textarea", "title"};

bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Character references in an attribute value, as far as a value the model compares can spell
// with them: numeric ones, and &sol; and &plus;.
std::string decode_references(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '&') {
      out += value[i];
      continue;
    }
    if (value.compare(i, 5, "&sol;") == 0 || value.compare(i, 6, "&plus;") == 0) {
      out += value[i + 1] == 's' ? '/' : '+';
      i += value[i + 1] == 's' ? 4 : 5;
      continue;
    }
    std::size_t at = i + 1;
    if (at >= value.size() || value[at] != '#') {
      out += '&';
      continue;
    }
    const bool hex = at + 1 < value.size() && (value[at + 1] == 'x' || value[at + 1] == 'X');
    at += hex ? 2 : 1;
    unsigned long code = 0;
    const std::size_t digits = at;
    while (at < value.size() && code < 0x110000 &&
           (hex ? std::isxdigit(static_cast<unsigned char>(value[at]))
                : std::isdigit(static_cast<unsigned char>(value[at])))) {
      const char digit = lower_ascii(value[at]);
      code = code * (hex ? 16 : 10) + (digit <= '9' ? digit - '0' : digit - 'a' + 10);
      ++at;
    }
    if (at == digits) {
      out += '&';
      continue;
    }
    // Only ASCII matters to the comparisons; anything else stands as a non-ASCII byte.
    out += code < 0x80 ? static_cast<char>(code) : '\x80';
    i = at < value.size() && value[at] == ';' ? at : at - 1;
  }
  return out;
}

enum class Space : unsigned char { html, svg, math };

// A start tag as the tokenizer reads it: its text (what tells identical formatting elements
// apart), whether it closes itself, and its attributes when they were asked for.
struct StartTag {
  std::string_view raw;
  bool self_closing = false;
  bool garbled = false;  // right after a "</>": see scan_markup
  std::vector<std::pair<std::string, std::string>> attributes;  // names lower-cased

  // The value of the first attribute of that name (the tokenizer drops repeats).
  std::optional<std::string> attribute(std::string_view name) const {
    for (const auto& [key, value] : attributes) {
      if (key == name) return decode_references(value);
    }
    return std::nullopt;
  }
};

// The '>' that ends a tag whose name ends at `from`, following the HTML5 tokenizer's attribute
// states (a quote opens a value only after '='; "/>" closes the element only outside a value);
// kNone when the file ends first, where the tokenizer drops the tag and everything after it.
// Fills `tag`'s attributes when `attributes` is set.
std::size_t tag_end(std::string_view html, std::size_t from, StartTag& tag, bool attributes) {
  enum class State { before_name, name, after_name, before_value, quoted, unquoted, after_quoted,
                     slash };
  State state = State::before_name;
  char quote = 0;
  auto begin_attribute = [&](char c) {
    if (attributes) tag.attributes.emplace_back(std::string(1, lower_ascii(c)), std::string());
  };
  auto add_to_name = [&](char c) {
    if (attributes) tag.attributes.back().first += lower_ascii(c);
  };
  auto add_to_value = [&](char c) {
    if (attributes) tag.attributes.back().second += c;
  };
  for (std::size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    switch (state) {
      case State::before_name:
        if (c == '/') {
          state = State::slash;
        } else if (c == '>') {
          return i;
        } else if (!is_tag_space(c)) {
          begin_attribute(c);
          state = State::name;
        }
        break;
      case State::name:
      case State::after_name:
        if (is_tag_space(c)) {
          state = State::after_name;
        } else if (c == '/') {
          state = State::slash;
        } else if (c == '=') {
          state = State::before_value;
        } else if (c == '>') {
          return i;
        } else if (state == State::name) {
          add_to_name(c);
        } else {
          begin_attribute(c);
          state = State::name;
        }
        break;
      case State::before_value:
        if (c == '"' || c == '\'') {
          quote = c;
          state = State::quoted;
        } else if (c == '>') {
          return i;
        } else if (!is_tag_space(c)) {
          add_to_value(c);
          state = State::unquoted;
        }
        break;
      case State::quoted:
        if (c == quote) {
          state = State::after_quoted;
        } else {
          add_to_value(c);
        }
        break;
      case State::unquoted:
        if (is_tag_space(c)) {
          state = State::before_name;
        } else if (c == '>') {
          return i;
        } else {
          add_to_value(c);
        }
        break;
      case State::after_quoted:
      case State::slash:
        if (c == '>') {
          tag.self_closing = state == State::slash;
          return i;
        }
        if (state == State::after_quoted && (is_tag_space(c) || c == '/')) {
          state = is_tag_space(c) ? State::before_name : State::slash;
          break;
        }
        // Anything else starts over before an attribute name, this character included.
        state = State::before_name;
        --i;
        break;
    }
  }
  return kNone;
}

bool equals_ascii_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (lower_ascii(text[i]) != lower[i]) return false;
  }
  return true;
}

// The kinds of element where a search down the stack stops.
enum StopKind : unsigned {
  kStopSpecial,
  kStopScope,
  kStopButton,
  kStopList,
  kStopTable,
  kStopListItem,
  kStops
};

class MarkupShape {
 public:
  bool over_limits() const {
    return max_depth_ > static_cast<std::size_t>(kMaxHtmlDepth) ||
           reopened_ > kMaxReopenedFormatting;
  }
  std::size_t max_depth() const { return max_depth_; }
  std::size_t reopened() const { return reopened_; }

  // Whether the parser stands in an svg or MathML element (where "<![CDATA[" opens text).
  bool in_foreign_content() const { return !stack_.empty() && stack_.back().space != Space::html; }

  // Returns whether the tag makes an HTML element (one whose text may be raw, as <script>'s),
  // not an svg or MathML one.
  bool start_tag(const std::string& name, const StartTag& tag) {
    // As gumbo decides it, the current node says which rules a tag follows. Under a foreign
    // one a tag nests as written (or closes itself with "/>"), in the current node's namespace,
    // but an HTML5 "breakout" tag (<table>, <p>, <font color> …) closes foreign elements up to
    // an HTML element or an integration point and is read again there.
    while (!html_rules_for_start(name)) {
      if (!breaks_out(name, tag)) {
        const Space space = stack_.back().space;
        if (!tag.self_closing) {
          push(name, space, 0, integration_point(space, name, tag));
          stack_.back().garbled = tag.garbled;
        }
        return false;
      }
      do {
        pop();
      } while (in_foreign_content() && stack_.back().point == Point::none);
    }
    if (contains(kSingletons, name)) return true;
    if (in_select()) {
      // A select holds options and option groups; another <select> closes it, and so do an
      // <input>, <keygen>, <textarea> (and, in a table, a table tag), which are then read
      // again. Everything else but a <script> or <template> is dropped.
      if (name == "option" || name == "optgroup") {
        if (top_is("option")) pop();
        if (name == "optgroup" && top_is("optgroup")) pop();
        push(name, Space::html);
        return true;
      }
      const bool reread = contains(kSelectBreakers, name) ||
                          (select_in_table() && contains(kTableEnds, name) && name != "col");
      if (name == "select" || reread) close_through({"select"}, kStopSpecial);
      if (!reread && name != "script" && name != "template") return false;
    }
    decide_template_mode(name);
    if (contains(kTableParts, name) && !table_parts_allowed()) return true;
    // In a table's own insertion modes (not in a cell or caption) a <table> ends the open one
    // first; and a <caption>, <colgroup> or <col> goes back to the table, closing the cell, row
    // and section.
    if (name == "table") {
      while (in_table_mode(false)) close_through({"table"}, kStopTable);
    } else if ((name == "caption" || name == "colgroup" || name == "col") && in_table_mode(true)) {
      while (!stack_.empty() && !top_is("table") && !top_is("template")) pop();
      if (name == "col") push("colgroup", Space::html);
    }
    // A form inside a form is dropped, unless a template is open (gumbo then keeps no form
    // pointer, and forms nest).
    if (name == "form" && is_open("form") && !is_open("template")) return true;
    // Closings gumbo is sure to make, found the way the HTML5 rules look for them.
    if (contains(kClosesP, name)) close_through({"p"}, kStopButton);
    if (name == "li") close_through({"li"}, kStopListItem);
    if (name == "dd" || name == "dt") close_through({"dd", "dt"}, kStopListItem);
    if (contains(kHeadings, name) && !stack_.empty() && contains(kHeadings, stack_.back().key)) {
      pop();
    }
    // (In a select they are handled above; elsewhere an option or optgroup only closes an
    // option, and optgroups nest.)
    if ((name == "option" || name == "optgroup") && top_is("option")) pop();
    if (name == "td" || name == "th") {
      close_through({"td", "th"}, kStopTable);
      imply_table_parts(true);
    }
    if (name == "tr") {
      close_through({"tr"}, kStopTable);
      imply_table_parts(false);
    }
    if (name == "tbody" || name == "thead" || name == "tfoot") {
      close_through({"tbody", "thead", "tfoot"}, kStopTable);
    }
    // Blocks are inserted as they are; inline elements first reopen what a block closed.
    if (!contains(kSpecial, name) || contains(kReopeningSpecial, name)) reconstruct_formatting();
    if (name == "svg" || name == "math") {
      if (!tag.self_closing) push(name, name == "svg" ? Space::svg : Space::math);
      return false;
    }
    if (contains(kVoid, name)) return true;
    std::uint64_t formatting = 0;
    if (contains(kFormatting, name)) formatting = add_formatting(name, tag.raw);
    push(name, Space::html, formatting);
    return true;
  }

  // Text, white space included, goes inside the formatting elements that are open; in foreign
  // content it is only inserted.
  void text() {
    if (!in_foreign_content() || stack_.back().point != Point::none) reconstruct_formatting();
  }

  // `written` is all between "</" and ">", lower-cased.
  void end_tag(const std::string& name, std::string_view written) {
    // Under a foreign current node the innermost foreign element of that name closes, with
    // all above it; the first HTML element met hands the tag to the HTML rules. gumbo 0.10
    // compares the end tag as written, attributes and spaces included ("</g >" closes no <g>),
    // with the start tag's name up to a C white-space character.
    for (std::size_t i = stack_.size(); i-- > 0 && stack_[i].space != Space::html;) {
      const std::string_view local = stack_[i].local_name();
      if (!stack_[i].garbled && local.substr(0, local.find('\v')) == written) {
        while (stack_.size() > i) pop();
        return;
      }
    }
    html_end_tag(name);
  }

 private:
  // Where an element lets HTML rules in again (kSvgHtmlPoints, kMathTextPoints).
  enum class Point : unsigned char { none, html, math_text };
  // How the tags in a <template> are read: its first start tag (but those of a head) decides,
  // table parts as in a table, anything else as in a body, where table parts are dropped.
  enum class TemplateMode : unsigned char { undecided, table, body };

  void html_end_tag(const std::string& name) {
    if (in_select()) {
      // In a select only its own end tags count (and, in a table, a table part's end in
      // table scope, which closes the select first).
      if (name == "option" || name == "optgroup") {
        if (name == "optgroup" && top_is("option") && stack_.size() > 1 &&
            stack_[stack_.size() - 2].key == "optgroup") {
          pop();
        }
        if (top_is(name)) pop();
        return;
      }
      if (name == "select") {
        close_through({"select"}, kStopSpecial);
        return;
      }
      if (!(select_in_table() && contains(kTableEnds, name) &&
            find({name}, kStopTable) != kNone) &&
          name != "template") {
        return;
      }
      if (name != "template") close_through({"select"}, kStopSpecial);
    }
    if (contains(kSingletons, name)) return;
    // gumbo takes a form off the stack without closing what is inside it.
    if (name == "form") {
      if (top_is("form")) pop();
      return;
    }
    if (contains(kHeadings, name)) {
      close_through({"h1", "h2", "h3", "h4", "h5", "h6"}, kStopScope);
      return;
    }
    // gumbo 0.10 tells elements apart by their tag number, which every unknown name shares: an
    // end tag of any unknown name closes the innermost unknown element, unless a special
    // element comes first. (Closing the element of that very name would close more than
    // gumbo does.)
    if (is_unknown_tag(name)) {
      for (std::size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i].space == Space::html && is_unknown_tag(stack_[i].key)) {
          while (stack_.size() > i) pop();
          return;
        }
        if (contains(kSpecial, stack_[i].key)) return;
      }
      return;
    }
    if (!is_open(name)) {
      if (contains(kFormatting, name)) forget_formatting(name);
      return;
    }
    // gumbo 0.10 hands the end of a formatting element to the adoption agency alone, with no
    // fallback to the generic end tag: the tag is ignored unless the element is in the
    // formatting list (then it only closes when it is the current node) and in scope (an
    // <svg><title> in between keeps it open). It closes with what is above it unless a block
    // is in between; then the agency wraps the block's content in copies of it and closes
    // those: of the stack, the formatting element alone goes, and what was above it stays
    // open. (The agency also drops plain elements between the two, kept here: the side of
    // measuring deeper.)
    if (contains(kFormatting, name)) {
      const auto listed = newest_formatting(name);
      if (listed == formatting_.rend()) {
        if (top_is(name)) pop();
        return;
      }
      const std::size_t open_at = find({name}, kStopScope);
      if (open_at == kNone) return;
      forget_listed(listed);
      if (find({name}, kStopSpecial) == kNone) {
        erase(open_at);
      } else {
        while (stack_.size() > open_at) pop();
      }
      return;
    }
    // The end of a table or one of its parts is looked for in table scope, as the table
    // insertion modes do (a </td> closes its cell past an open <object> or MathML element).
    const StopKind stop = name == "li"                   ? kStopList
                          : contains(kTableEnds, name) ? kStopTable
                          : contains(kSpecial, name)   ? kStopScope
                                                       : kStopSpecial;
    const std::size_t at = find({name}, stop);
    if (at == kNone) return;
    while (stack_.size() > at) pop();
    if (name == "applet" || name == "marquee" || name == "object" || name == "template") {
      clear_to_last_marker();
    }
  }

  struct Open {
    std::string key;           // the name, "svg:" or "math:" before a foreign one
    Space space;
    Point point;
    std::uint64_t formatting;  // its entry in formatting_, or 0
    unsigned stops;            // bit k set: a search of StopKind k stops here
    TemplateMode template_mode = TemplateMode::undecided;  // of a <template>
    bool garbled = false;  // a foreign element no end tag closes by name

    std::string_view local_name() const {
      return std::string_view(key).substr(space == Space::svg    ? 4
                                          : space == Space::math ? 5
                                                                 : 0);
    }
  };
  struct Formatting {
    std::string name;
    std::string raw;
    bool on_stack;         // a marker counts as on the stack: reopening stops there
    bool marker = false;   // a cell, caption, object … began here
  };
  using FormattingList = std::map<std::uint64_t, Formatting>;
  // How many of the latest formatting entries an end tag looks through.
  static constexpr std::size_t kSearch = 32;

  static bool is_unknown_tag(const std::string& name) {
    // By length: a NUL in a tag name (an unknown name to gumbo, which reads it as U+FFFD)
    // would end a C string early, at a known name.
    return gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size())) == GUMBO_TAG_UNKNOWN;
  }

  static unsigned stops_of(std::string_view name) {
    unsigned stops = 0;
    const NameSet* sets[kStops] = {&kSpecial,   &kScopeBoundaries, &kButtonScope,
                                   &kListScope, &kTableBoundaries, &kListItemStops};
    for (unsigned kind = 0; kind < kStops; ++kind) {
      if (contains(*sets[kind], name)) stops |= 1u << kind;
    }
    return stops;
  }

  // The stack index of the innermost open element keyed `key`; kNone when none is open.
  std::size_t innermost(const std::string& key) const {
    auto it = positions_.find(key);
    return it == positions_.end() || it->second.empty() ? kNone : it->second.back();
  }

  bool is_open(const std::string& name) const { return innermost(name) != kNone; }

  // The stack index of the innermost open element named one of `names`; kNone when none is.
  std::size_t nearest(std::initializer_list<std::string_view> names) const {
    std::size_t best = kNone;
    for (std::string_view name : names) {
      const std::size_t at = innermost(std::string(name));
      if (at != kNone && (best == kNone || at > best)) best = at;
    }
    return best;
  }

  bool top_is(std::string_view name) const { return !stack_.empty() && stack_.back().key == name; }

  // The index in stack_ of the nearest open element named one of `names`, unless an element
  // of `stop` other than it lies above it; kNone otherwise. Constant time: every name and
  // every kind of stop keeps the positions where it is open.
  std::size_t find(std::initializer_list<std::string_view> names, StopKind stop) const {
    const std::size_t best = nearest(names);
    if (best == kNone) return kNone;
    const auto& stops = stop_positions_[stop];
    if (!stops.empty() && stops.back() > best) return kNone;
    return best;
  }

  void close_through(std::initializer_list<std::string_view> names, StopKind stop) {
    const std::size_t at = find(names, stop);
    if (at == kNone) return;
    while (stack_.size() > at) pop();
  }

  // gumbo's choice of rules for a start tag: HTML ones under an HTML current node or at an
  // integration point, else those of foreign content.
  bool html_rules_for_start(const std::string& name) const {
    if (!in_foreign_content()) return true;
    const Open& top = stack_.back();
    if (top.point == Point::html) return true;
    if (top.point == Point::math_text) return name != "mglyph" && name != "malignmark";
    return top.key == "math:annotation-xml" && name == "svg";
  }

  static bool breaks_out(const std::string& name, const StartTag& tag) {
    if (contains(kForeignBreakout, name)) return true;
    if (name != "font") return false;
    for (const char* attribute : {"color", "face", "size"}) {
      if (tag.attribute(attribute)) return true;
    }
    return false;
  }

  static Point integration_point(Space space, const std::string& name, const StartTag& tag) {
    if (space == Space::svg && contains(kSvgHtmlPoints, name)) return Point::html;
    if (space != Space::math) return Point::none;
    if (contains(kMathTextPoints, name)) return Point::math_text;
    if (name != "annotation-xml") return Point::none;
    const auto encoding = tag.attribute("encoding");
    return encoding && (equals_ascii_lower(*encoding, "text/html") ||
                        equals_ascii_lower(*encoding, "application/xhtml+xml"))
               ? Point::html
               : Point::none;
  }

  // Whether the parser is in a select's insertion mode: one is open, with no template opened
  // inside it since.
  bool in_select() const {
    const std::size_t select = innermost("select");
    const std::size_t template_ = innermost("template");
    return select != kNone && (template_ == kNone || template_ < select);
  }

  // Whether the open select was opened in one of the table modes. gumbo decides by the mode
  // the <select> came in, not by a table above it: in <template><td><select> the <td> put the
  // template in a cell, so a <table> after it closes the select. A table part below the
  // select, and no template between them, is that mode.
  bool select_in_table() const {
    const std::size_t part =
        nearest({"table", "caption", "tbody", "thead", "tfoot", "tr", "td", "th"});
    const std::size_t template_ = innermost("template");
    return part != kNone && part < innermost("select") &&
           (template_ == kNone || template_ < part);
  }

  void decide_template_mode(const std::string& name) {
    const std::size_t at = innermost("template");
    if (at == kNone) return;
    Open& template_ = stack_[at];
    if (template_.template_mode != TemplateMode::undecided || contains(kHeadInTemplate, name)) {
      return;
    }
    template_.template_mode =
        contains(kTableParts, name) ? TemplateMode::table : TemplateMode::body;
  }

  // Table parts count in a table, or in a template read as one, whichever is nearer.
  bool table_parts_allowed() const {
    const std::size_t table = innermost("table");
    const std::size_t template_ = innermost("template");
    if (template_ == kNone) return table != kNone;
    if (table != kNone && table > template_) return true;
    return stack_[template_].template_mode == TemplateMode::table;
  }

  // Whether the nearest table part open is one whose insertion mode handles table tags itself
  // (a table, section, row or column group; with `cells`, a cell or caption too, where a
  // <table> nests), so that it is in table scope. The nearest is the one opened last: found by
  // positions, not by a walk down the stack.
  bool in_table_mode(bool cells) const {
    const std::size_t at = nearest({"table", "tbody", "thead", "tfoot", "tr", "caption",
                                    "colgroup", "td", "th", "template"});
    if (at == kNone) return false;
    const std::string& part = stack_[at].key;
    if (part == "template") return false;
    if (part == "td" || part == "th" || part == "caption") return cells;
    return find({"table"}, kStopTable) != kNone;
  }

  // A cell or row directly in a table gets the <tbody> and <tr> gumbo inserts for it.
  void imply_table_parts(bool cell) {
    if (cell && find({"tr"}, kStopTable) != kNone) return;
    if (find({"tbody", "thead", "tfoot"}, kStopTable) == kNone) push("tbody", Space::html);
    if (cell) push("tr", Space::html);
  }

  void push(const std::string& name, Space space, std::uint64_t formatting = 0,
            Point point = Point::none) {
    std::string key = space == Space::svg    ? "svg:" + name
                      : space == Space::math ? "math:" + name
                                             : name;
    const unsigned stops = stops_of(key);
    const bool marks = space == Space::html && contains(kMarkerElements, key);
    push_open({std::move(key), space, point, formatting, stops});
    if (marks) add_marker();
  }

  void push_open(Open open) {
    const std::size_t at = stack_.size();
    positions_[open.key].push_back(at);
    for (unsigned kind = 0; kind < kStops; ++kind) {
      if (open.stops & (1u << kind)) stop_positions_[kind].push_back(at);
    }
    if (open.formatting) {
      auto it = formatting_.find(open.formatting);
      if (it != formatting_.end()) it->second.on_stack = true;
    }
    stack_.push_back(std::move(open));
    max_depth_ = std::max(max_depth_, stack_.size());
  }

  // Takes the element at `at` off the stack, the ones above it staying as they were.
  void erase(std::size_t at) {
    const std::vector<Open> above(stack_.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                                  stack_.end());
    while (stack_.size() > at) pop(false);
    for (const auto& open : above) push_open(open);
  }

  // `clear`: a cell or caption closing clears the formatting list to its marker (a table
  // operation is all that ever takes one off the stack).
  void pop(bool clear = true) {
    const Open& top = stack_.back();
    if (clear && top.space == Space::html &&
        (top.key == "td" || top.key == "th" || top.key == "caption")) {
      clear_to_last_marker();
    }
    positions_[top.key].pop_back();
    for (unsigned kind = 0; kind < kStops; ++kind) {
      if (top.stops & (1u << kind)) stop_positions_[kind].pop_back();
    }
    if (top.formatting) {
      auto it = formatting_.find(top.formatting);
      if (it != formatting_.end()) it->second.on_stack = false;
    }
    stack_.pop_back();
  }

  // The list of active formatting elements, with the HTML5 limit of three identical ones
  // (compared as written, so never fewer entries than gumbo keeps).
  std::uint64_t add_formatting(const std::string& name, std::string_view raw) {
    auto& same = identical_[std::string(raw)];
    const std::uint64_t floor = markers_.empty() ? 0 : markers_.back();
    const auto after_marker =
        std::find_if(same.begin(), same.end(), [&](std::uint64_t id) { return id > floor; });
    if (same.end() - after_marker >= 3) {
      formatting_.erase(*after_marker);
      same.erase(after_marker);
    }
    const std::uint64_t id = ++last_id_;
    formatting_.emplace(id, Formatting{name, std::string(raw), true});
    same.push_back(id);
    return id;
  }

  // The newest entry of `name` since the last marker (within kSearch entries), or rend().
  FormattingList::reverse_iterator newest_formatting(const std::string& name) {
    std::size_t looked = 0;
    for (auto it = formatting_.rbegin(); it != formatting_.rend() && looked < kSearch;
         ++it, ++looked) {
      if (it->second.marker) break;
      if (it->second.name == name) return it;
    }
    return formatting_.rend();
  }
  // An end tag takes its element off the list; one not found among the latest stays (and may
  // be counted as reopened when gumbo would not: the safe side).
  void forget_listed(FormattingList::reverse_iterator it) {
    auto& same = identical_[it->second.raw];
    same.erase(std::remove(same.begin(), same.end(), it->first), same.end());
    formatting_.erase(std::next(it).base());
  }
  void forget_formatting(const std::string& name) {
    const auto it = newest_formatting(name);
    if (it != formatting_.rend()) forget_listed(it);
  }

  // A cell, caption, applet, marquee, object or template marks the list as it opens, so that
  // formatting elements from outside are neither reopened in it nor closed from it.
  void add_marker() {
    const std::uint64_t id = ++last_id_;
    formatting_.emplace(id, Formatting{std::string(), std::string(), true, true});
    markers_.push_back(id);
  }

  // What gumbo does as it closes such an element: the entries since the last marker go, and
  // the marker too.
  void clear_to_last_marker() {
    if (markers_.empty()) return;
    for (auto it = formatting_.find(markers_.back()); it != formatting_.end();) {
      if (!it->second.marker) {
        auto& same = identical_[it->second.raw];
        same.erase(std::remove(same.begin(), same.end(), it->first), same.end());
      }
      it = formatting_.erase(it);
    }
    markers_.pop_back();
  }

  // gumbo reopens the formatting elements that a closed block left behind before it inserts
  // text or an inline element: the trailing run of entries that are not on the stack.
  void reconstruct_formatting() {
    auto first = formatting_.end();
    while (first != formatting_.begin() && !std::prev(first)->second.on_stack) --first;
    for (auto it = first; it != formatting_.end(); ++it) {
      it->second.on_stack = true;
      push(it->second.name, Space::html, it->first);
      ++reopened_;
    }
  }

  std::vector<Open> stack_;
  std::unordered_map<std::string, std::vector<std::size_t>> positions_;
  std::vector<std::size_t> stop_positions_[kStops];
  FormattingList formatting_;  // in the order they were opened
  std::unordered_map<std::string, std::deque<std::uint64_t>> identical_;
  std::vector<std::uint64_t> markers_;  // the markers in formatting_, in order
  std::uint64_t last_id_ = 0;
  std::size_t max_depth_ = 0;
  std::size_t reopened_ = 0;
};

// Where the raw text of a <script>, <style> … that starts at `from` ends: its end tag.
std::size_t raw_text_end(std::string_view html, std::size_t from, std::string_view name) {
  for (std::size_t at = html.find("</", from); at != kNone; at = html.find("</", at + 2)) {
    const std::size_t after = at + 2 + name.size();
    if (after < html.size() && equals_ascii_lower(html.substr(at + 2, name.size()), name) &&
        (is_tag_space(html[after]) || html[after] == '/' || html[after] == '>')) {
      return at;
    }
  }
  return kNone;
}

// Where a comment that starts at `at` ("<!--") ends, past its "-->" or "--!>".
std::size_t comment_end(std::string_view html, std::size_t at) {
  if (html.compare(at, 5, "<!-->") == 0) return at + 5;
  if (html.compare(at, 6, "<!--->") == 0) return at + 6;
  const std::size_t plain = html.find("-->", at + 4);
  const std::size_t bang = html.find("--!>", at + 4);
  if (plain == kNone && bang == kNone) return kNone;
  return plain < bang ? plain + 3 : bang + 4;
}

MarkupShape scan_markup(std::string_view html) {
  MarkupShape shape;
  std::size_t i = 0;
  std::size_t garbled_at = kNone;
  while (!shape.over_limits()) {
    const std::size_t text_begin = i;
    i = html.find('<', i);
    if (i != text_begin) shape.text();
    if (i == kNone || i + 1 >= html.size()) break;
    const char next = html[i + 1];
    if (next == '!' && shape.in_foreign_content() && html.compare(i, 9, "<![CDATA[") == 0) {
      // In svg or MathML this is text up to "]]>", tags and all.
      i = html.find("]]>", i + 9);
      if (i == kNone) break;
      i += 3;
      continue;
    }
    if (next == '!' || next == '?') {
      i = html.compare(i, 4, "<!--") == 0 ? comment_end(html, i) : html.find('>', i + 2);
      if (i == kNone) break;
      continue;
    }
    const bool is_end = next == '/';
    const std::size_t name_begin = i + (is_end ? 2 : 1);
    if (is_end && name_begin < html.size() && !is_ascii_alpha(html[name_begin])) {
      // "</>" is dropped (and gumbo 0.10 counts it into the text of the next token, so that a
      // tag right after it has a name no foreign end tag matches); "</" before anything else
      // but a letter opens a comment up to '>'.
      if (html[name_begin] == '>') garbled_at = name_begin + 1;
      i = html.find('>', name_begin);
      if (i == kNone) break;
      ++i;
      continue;
    }
    if (name_begin >= html.size() || !is_ascii_alpha(html[name_begin])) {
      shape.text();
      ++i;
      continue;
    }
    std::size_t name_end = name_begin;
    while (name_end < html.size() && !is_tag_space(html[name_end]) && html[name_end] != '/' &&
           html[name_end] != '>') {
      ++name_end;
    }
    StartTag tag;
    tag.garbled = i == garbled_at;
    const std::string name = lower_ascii(html.substr(name_begin, name_end - name_begin));
    const std::size_t close =
        tag_end(html, name_end, tag, name == "font" || name == "annotation-xml");
    if (close == kNone) break;
    // In svg or MathML, <title>, <script>, <plaintext> … are elements like any other, whose
    // content is markup.
    bool html_element = false;
    if (is_end) {
      shape.end_tag(name, tag.garbled ? std::string()
                                      : lower_ascii(html.substr(name_begin, close - name_begin)));
    } else {
      tag.raw = html.substr(i, close + 1 - i);
      html_element = shape.start_tag(name, tag);
    }
    i = close + 1;
    if (html_element && name == "plaintext") break;
    if (html_element && contains(kRawText, name)) {
      i = raw_text_end(html, i, name);
      if (i == kNone) break;
    }
  }
  return shape;
}

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

}  // namespace

bool looks_like_html(std::string_view utf8) {
  static constexpr std::string_view kBlockTags[] = {"p",  "div", "br", "table", "tr",    "td",
                                                    "li", "ul",  "ol", "h1",    "h2",    "h3",
                                                    "h4", "h5",  "h6", "meta",  "title", "section"};
  // Plain text has no tag to find; lowering its head just to find none was 2 % of extraction.
  if (utf8.substr(0, 4096).find('<') == kNone) return false;
  std::string head = lower_ascii(utf8.substr(0, 4096));
  int blocks = 0;
  for (auto at = head.find('<'); at != kNone; at = head.find('<', at + 1)) {
    auto begin = at + 1;
    if (begin < head.size() && head[begin] == '!') ++begin;
    auto end = begin;
    while (end < head.size() && std::isalnum(static_cast<unsigned char>(head[end]))) ++end;
    if (end == begin || end == head.size()) continue;
    if (!(head[end] == '>' || head[end] == '/' ||
          std::isspace(static_cast<unsigned char>(head[end])))) {
      continue;
    }
    std::string_view name = std::string_view(head).substr(begin, end - begin);
    if (name == "doctype" || name == "html" || name == "head" || name == "body") return true;
    if (std::find(std::begin(kBlockTags), std::end(kBlockTags), name) != std::end(kBlockTags) &&
        ++blocks >= 3) {
      return true;
    }
  }
  return false;
}

MarkupFigures measure_markup(std::string_view utf8_html) {
  const MarkupShape shape = scan_markup(utf8_html);
  return {shape.max_depth(), shape.reopened()};
}

HtmlText html_to_text(std::string_view utf8_html, const std::filesystem::path& origin) {
  const MarkupFigures shape = measure_markup(utf8_html);
  if (shape.depth > static_cast<std::size_t>(kMaxHtmlDepth)) {
    throw Error(
        ErrorCode::invalid_argument,
        fmt::format("HTML nested deeper than {} levels; refusing to parse it", kMaxHtmlDepth),
        origin);
  }
  if (shape.reopened > kMaxReopenedFormatting) {
    throw Error(ErrorCode::invalid_argument,
                fmt::format("HTML whose unclosed formatting tags (<b>, <font> …) would be reopened "
                            "over {} times; refusing to parse it",
                            kMaxReopenedFormatting),
                origin);
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are repaired, never reported; recording them costs
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size()));
  HtmlText result;
  Walker walker;
  result.text = walker.run(output->root);
  const GumboNode* title = find_first(
      output->root, [](const GumboNode* node) { return is_element(node, GUMBO_TAG_TITLE); });
  if (title) result.title = one_line_text(title);
  if (result.title.empty() && walker.first_h1()) result.title = one_line_text(walker.first_h1());
  return result;
}

}  // namespace iprdb::detail
