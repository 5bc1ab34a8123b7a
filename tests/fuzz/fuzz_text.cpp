// Bytes → text: decoding (UTF-8, BOMs, GB18030/GBK, Big5, UTF-16), HTML to text blocks and
// normalization, as read_source chains them for every bulletin.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include <gumbo.h>
#include <unicode/utf8.h>

#include <utility>
#include <vector>

#include "fuzz.hpp"
#include "text/decode.hpp"
#include "text/html.hpp"
#include "text/normalize.hpp"
#include "text/source_text.hpp"

namespace {

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// The depth of the tree gumbo builds for `html`, html element included.
std::size_t gumbo_depth(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  std::size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, std::size_t>> stack{{output->root, 1}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    deepest = std::max(deepest, depth);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    }
  }
  gumbo_destroy_output(&options, output);
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  iprdb::fuzz::expect_only_errors([&] {
    const auto source = iprdb::detail::read_source(bytes, "fuzz.html");
    IPRDB_FUZZ_CHECK(valid_utf8(source.text), "read_source gave invalid UTF-8");
    IPRDB_FUZZ_CHECK(source.format == "html" || source.format == "text", source.format);
    // What is stored is normalized: normalizing it again must change nothing, or spans
    // computed on one would not point into the other.
    IPRDB_FUZZ_CHECK(iprdb::detail::normalize_text(source.text) == source.text,
                     "normalize_text is not idempotent");
  });
  // The HTML and normalization stages on their own, given any bytes at all.
  iprdb::fuzz::expect_only_errors([&] {
    const auto html = iprdb::detail::html_to_text(bytes);
    const auto text = iprdb::detail::normalize_text(html.text);
    IPRDB_FUZZ_CHECK(valid_utf8(text), "normalize_text gave invalid UTF-8");
  });
  // The markup's measured depth bounds gumbo's: were it lower, a page could pass the limit
  // and still parse in quadratic time. Not measured: html, head or body, and a void element
  // (<br>, <link>) as the leaf.
  const auto shape = iprdb::detail::measure_markup(bytes);
  if (shape.depth <= static_cast<std::size_t>(iprdb::detail::kMaxHtmlDepth)) {
    IPRDB_FUZZ_CHECK(gumbo_depth(bytes) <= shape.depth + 3,
                     "gumbo built a tree deeper than measured");
  }
  return 0;
}
