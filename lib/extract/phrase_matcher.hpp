#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iprdb::detail {

/// Finds every occurrence of many phrases in one pass over UTF-8 text (Aho–Corasick over
/// bytes). Thousands of catalog and gazetteer aliases are matched in time linear in the text,
/// never one regular expression per alias. Build once, then share: find() is const.
class PhraseMatcher {
 public:
  struct Match {
    std::size_t begin;  // byte offsets into the text
    std::size_t end;
    std::uint32_t id;   // the id given to add()
  };

  /// Adds a phrase (non-empty UTF-8). Several phrases may share an id, and one phrase may be
  /// added under several ids. Call before the first find().
  void add(std::string_view phrase, std::uint32_t id);

  /// Every occurrence of every phrase, ordered by begin, then longest first.
  std::vector<Match> find_all(std::string_view text) const;

  /// The leftmost-longest occurrences that do not overlap: at each position the longest
  /// phrase wins, and the scan resumes after it.
  std::vector<Match> find_longest(std::string_view text) const;

  bool empty() const noexcept { return nodes_.size() <= 1; }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> next;  // sorted by byte
    std::int32_t fail = 0;
    std::int32_t output_link = -1;  // nearest suffix node that ends a phrase
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // (id, phrase length)
  };
  std::int32_t child(std::int32_t node, unsigned char byte) const;
  void build() const;

  mutable std::vector<Node> nodes_{1};
  mutable bool built_ = false;
};

}  // namespace iprdb::detail
