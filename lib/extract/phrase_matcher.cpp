#include "extract/phrase_matcher.hpp"

#include <algorithm>
#include <deque>
#include <limits>

#include <iprdb/error.hpp>

namespace iprdb::detail {
namespace {

// Below this a text is read in one pass: the halves' loads overlap only over long runs.
constexpr std::size_t kTwoHalvesBytes = 1024;

}  // namespace

std::int32_t PhraseMatcher::child(std::int32_t node, unsigned char byte) const {
  const auto& next = trie_[static_cast<std::size_t>(node)].next;
  auto it = std::lower_bound(next.begin(), next.end(), byte,
                             [](const auto& entry, unsigned char b) { return entry.first < b; });
  return it != next.end() && it->first == byte ? it->second : -1;
}

void PhraseMatcher::add(std::string_view phrase, std::uint32_t id) {
  if (phrase.empty()) return;
  compiled_ = false;
  std::int32_t node = 0;
  for (unsigned char byte : phrase) {
    std::int32_t next = child(node, byte);
    if (next < 0) {
      next = static_cast<std::int32_t>(trie_.size());
      auto& edges = trie_[static_cast<std::size_t>(node)].next;
      edges.insert(std::lower_bound(edges.begin(), edges.end(), byte,
                                    [](const auto& e, unsigned char b) { return e.first < b; }),
                   {byte, next});
      trie_.emplace_back();
    }
    node = next;
  }
  auto& ends = trie_[static_cast<std::size_t>(node)].ends;
  const std::pair<std::uint32_t, std::uint32_t> entry{id, static_cast<std::uint32_t>(phrase.size())};
  if (std::find(ends.begin(), ends.end(), entry) == ends.end()) ends.push_back(entry);
}

void PhraseMatcher::compile() const {
  if (compiled_) return;
  const std::size_t states = trie_.size();

  byte_class_.fill(0);
  classes_ = 1;
  for (const auto& node : trie_) {
    for (auto [byte, next] : node.next) {
      (void)next;
      if (!byte_class_[byte]) byte_class_[byte] = static_cast<std::uint8_t>(classes_++);
    }
  }
  if (states * classes_ >= kHasOutput) {
    throw Error(ErrorCode::internal, "too many phrases for one matcher");
  }

  // Breadth-first, so that a state's failure target is complete before the state itself:
  // delta(s, c) is the child on c, or delta(fail(s), c).
  std::vector<std::int32_t> fail(states, 0);
  std::vector<std::uint32_t> delta(states * classes_, 0);  // target states, not offsets yet
  std::vector<std::int32_t> order;
  order.reserve(states);
  order.push_back(0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::int32_t s = order[k];
    const auto row = static_cast<std::size_t>(s) * classes_;
    if (s != 0) {
      const auto fail_row = static_cast<std::size_t>(fail[static_cast<std::size_t>(s)]) * classes_;
      std::copy_n(delta.begin() + static_cast<std::ptrdiff_t>(fail_row), classes_,
                  delta.begin() + static_cast<std::ptrdiff_t>(row));
    }
    for (auto [byte, next] : trie_[static_cast<std::size_t>(s)].next) {
      const std::size_t c = byte_class_[byte];
      // The failure target of a child is where the parent's failure target goes on the byte;
      // the root's children fail to the root.
      fail[static_cast<std::size_t>(next)] = s == 0 ? 0 : static_cast<std::int32_t>(delta[row + c]);
      delta[row + c] = static_cast<std::uint32_t>(next);
      order.push_back(next);
    }
  }

  // Outputs: a state's own phrases, then those of its failure chain (its proper suffixes),
  // just as the output links of the trie would list them.
  output_begin_.assign(states + 1, 0);
  outputs_.clear();
  for (std::size_t s = 0; s < states; ++s) {
    output_begin_[s] = static_cast<std::uint32_t>(outputs_.size());
    for (auto t = static_cast<std::int32_t>(s); t > 0; t = fail[static_cast<std::size_t>(t)]) {
      const auto& ends = trie_[static_cast<std::size_t>(t)].ends;
      outputs_.insert(outputs_.end(), ends.begin(), ends.end());
    }
  }
  output_begin_[states] = static_cast<std::uint32_t>(outputs_.size());

  // States are renumbered breadth-first, so that the shallow ones, where the scan spends most
  // of its time, share a few cache lines instead of being spread over the whole table.
  std::vector<std::uint32_t> renumbered(states);
  for (std::size_t k = 0; k < order.size(); ++k) {
    renumbered[static_cast<std::size_t>(order[k])] = static_cast<std::uint32_t>(k);
  }
  std::vector<std::uint32_t> output_begin(states + 1, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> outputs;
  outputs.reserve(outputs_.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto old = static_cast<std::size_t>(order[k]);
    output_begin[k] = static_cast<std::uint32_t>(outputs.size());
    outputs.insert(outputs.end(), outputs_.begin() + output_begin_[old],
                   outputs_.begin() + output_begin_[old + 1]);
  }
  output_begin[states] = static_cast<std::uint32_t>(outputs.size());
  delta_.assign(states * classes_, 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto old_row = static_cast<std::size_t>(order[k]) * classes_;
    for (std::size_t c = 0; c < classes_; ++c) {
      const std::uint32_t target = renumbered[delta[old_row + c]];
      delta_[k * classes_ + c] = target * classes_ |
                                 (output_begin[target] != output_begin[target + 1] ? kHasOutput : 0u);
    }
  }
  delta16_.clear();
  if (states < 0x8000) {
    delta16_.resize(delta_.size());
    for (std::size_t i = 0; i < delta_.size(); ++i) {
      const std::uint32_t entry = delta_[i];
      delta16_[i] = static_cast<std::uint16_t>((entry & ~kHasOutput) / classes_ |
                                               (entry & kHasOutput ? 0x8000u : 0u));
    }
    delta_.clear();
    delta_.shrink_to_fit();
  }
  output_begin_ = std::move(output_begin);
  outputs_ = std::move(outputs);
  compiled_ = true;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(std::string_view text) const {
  compile();
  std::vector<Match> out;
  const std::uint8_t* byte_class = byte_class_.data();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  auto emit = [&](std::uint32_t state, std::size_t i) {
    for (auto k = output_begin_[state]; k < output_begin_[state + 1]; ++k) {
      const auto [id, length] = outputs_[k];
      out.push_back(Match{i + 1 - length, i + 1, id});
    }
  };
  if (!delta16_.empty()) {
    const std::uint16_t* delta = delta16_.data();
    const std::uint32_t classes = classes_;
    auto step = [&](std::uint32_t& row, std::size_t i) {
      const std::uint16_t entry = delta[row + byte_class[bytes[i]]];
      const std::uint32_t state = entry & 0x7FFFu;
      row = state * classes;
      if (entry & 0x8000u) emit(state, i);
    };
    // Each byte waits on the table load of the one before, and for a large automaton that load
    // misses the cache. A long text is therefore read as two halves at once, whose loads
    // overlap. The second half starts after a byte that occurs in no phrase (class 0), which
    // leads every state back to the root: from there both readings are in the same states,
    // and no match spans the cut.
    std::size_t half = 0;
    if (text.size() >= kTwoHalvesBytes) {
      for (std::size_t k = text.size() / 2; k + 1 < text.size() && !half; ++k) {
        if (byte_class[bytes[k]] == 0) half = k + 1;
      }
    }
    const std::size_t first_end = half ? half : text.size();
    std::uint32_t first_row = 0, second_row = 0;
    std::size_t i = 0;
    if (half) {
      std::size_t j = half;
      for (; i < first_end && j < text.size(); ++i, ++j) {
        step(first_row, i);
        step(second_row, j);
      }
      for (; j < text.size(); ++j) step(second_row, j);
    }
    for (; i < first_end; ++i) step(first_row, i);
  } else {
    const std::uint32_t* delta = delta_.data();
    std::uint32_t row = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::uint32_t entry = delta[row + byte_class[bytes[i]]];
      row = entry & ~kHasOutput;
      if (entry & kHasOutput) emit(row / classes_, i);
    }
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    return a.id < b.id;
  });
  return out;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_longest(std::string_view text) const {
  return longest_of(find_all(text));
}

std::vector<PhraseMatcher::Match> PhraseMatcher::longest_of(const std::vector<Match>& all) {
  std::vector<Match> out;
  std::size_t covered = 0;
  for (const auto& match : all) {
    if (!out.empty() && out.back().begin == match.begin && out.back().end == match.end) {
      out.push_back(match);  // the same phrase under another id
      continue;
    }
    if (match.begin < covered) continue;
    out.push_back(match);
    covered = match.end;
  }
  return out;
}

}  // namespace iprdb::detail
