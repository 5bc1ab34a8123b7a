#include "text/html.hpp"

#include <gumbo.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

namespace iprdb::detail {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
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

HtmlText html_to_text(std::string_view utf8_html) {
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
