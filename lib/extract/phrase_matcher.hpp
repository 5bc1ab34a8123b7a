#pragma once

#include <array>
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

  /// Builds the automaton. find() does it on first use; call it before sharing the matcher
  /// between threads, since that first build writes.
  void compile() const;

  /// Every occurrence of every phrase, ordered by begin, then longest first.
  std::vector<Match> find_all(std::string_view text) const;

  /// The leftmost-longest occurrences that do not overlap: at each position the longest
  /// phrase wins, and the scan resumes after it.
  std::vector<Match> find_longest(std::string_view text) const;

  /// The choice find_longest makes, from matches ordered as find_all orders them: the
  /// occurrences of a text's phrases that lie inside a part of it are those find_all gives
  /// for the part, so a text searched once serves its parts.
  static std::vector<Match> longest_of(const std::vector<Match>& all);

  bool empty() const noexcept { return trie_.size() <= 1; }

 private:
  struct Node {
    std::vector<std::pair<unsigned char, std::int32_t>> next;  // sorted by byte
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends;  // (id, phrase length)
  };
  std::int32_t child(std::int32_t node, unsigned char byte) const;

  // The trie as phrases are added.
  std::vector<Node> trie_{1};

  // The compiled automaton: a complete transition table over byte classes (bytes that occur
  // in no phrase share class 0, which always leads back to the root), so that each byte of
  // text costs one table load and never a walk along failure links. An entry is the target
  // state's row offset (state × classes), with kHasOutput set when phrases end there.
  static constexpr std::uint32_t kHasOutput = 0x80000000u;
  mutable bool compiled_ = false;
  mutable std::array<std::uint8_t, 256> byte_class_{};
  mutable std::uint32_t classes_ = 1;
  mutable std::vector<std::uint32_t> delta_;
  // The same table with 16-bit entries (target state | output bit 15) when there are fewer
  // than 2^15 states: half the cache lines, which is what the scan waits on.
  mutable std::vector<std::uint16_t> delta16_;
  // Every phrase ending in a state (its own and those of its suffixes): state s owns
  // outputs_[output_begin_[s], output_begin_[s + 1]).
  mutable std::vector<std::uint32_t> output_begin_;
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> outputs_;
};

}  // namespace iprdb::detail
