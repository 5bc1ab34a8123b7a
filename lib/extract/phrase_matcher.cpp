#include "extract/phrase_matcher.hpp"

#include <algorithm>
#include <deque>

namespace iprdb::detail {

std::int32_t PhraseMatcher::child(std::int32_t node, unsigned char byte) const {
  const auto& next = nodes_[static_cast<std::size_t>(node)].next;
  auto it = std::lower_bound(next.begin(), next.end(), byte,
                             [](const auto& entry, unsigned char b) { return entry.first < b; });
  return it != next.end() && it->first == byte ? it->second : -1;
}

void PhraseMatcher::add(std::string_view phrase, std::uint32_t id) {
  if (phrase.empty()) return;
  built_ = false;
  std::int32_t node = 0;
  for (unsigned char byte : phrase) {
    std::int32_t next = child(node, byte);
    if (next < 0) {
      next = static_cast<std::int32_t>(nodes_.size());
      auto& edges = nodes_[static_cast<std::size_t>(node)].next;
      edges.insert(std::lower_bound(edges.begin(), edges.end(), byte,
                                    [](const auto& e, unsigned char b) { return e.first < b; }),
                   {byte, next});
      nodes_.emplace_back();
    }
    node = next;
  }
  auto& ends = nodes_[static_cast<std::size_t>(node)].ends;
  const std::pair<std::uint32_t, std::uint32_t> entry{id, static_cast<std::uint32_t>(phrase.size())};
  if (std::find(ends.begin(), ends.end(), entry) == ends.end()) ends.push_back(entry);
}

void PhraseMatcher::build() const {
  // Breadth-first, so every node's failure target is finished before the node itself.
  std::deque<std::int32_t> queue;
  for (auto [byte, next] : nodes_[0].next) {
    (void)byte;
    nodes_[static_cast<std::size_t>(next)].fail = 0;
    queue.push_back(next);
  }
  while (!queue.empty()) {
    const std::int32_t node = queue.front();
    queue.pop_front();
    for (auto [byte, next] : nodes_[static_cast<std::size_t>(node)].next) {
      std::int32_t fail = nodes_[static_cast<std::size_t>(node)].fail;
      while (fail > 0 && child(fail, byte) < 0) fail = nodes_[static_cast<std::size_t>(fail)].fail;
      std::int32_t target = child(fail, byte);
      if (target < 0 || target == next) target = 0;
      auto& n = nodes_[static_cast<std::size_t>(next)];
      n.fail = target;
      const auto& t = nodes_[static_cast<std::size_t>(target)];
      n.output_link = t.ends.empty() ? t.output_link : target;
      queue.push_back(next);
    }
  }
  built_ = true;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(std::string_view text) const {
  if (!built_) build();
  std::vector<Match> out;
  std::int32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::int32_t next;
    while ((next = child(node, byte)) < 0 && node > 0) node = nodes_[static_cast<std::size_t>(node)].fail;
    node = next < 0 ? 0 : next;
    for (std::int32_t hit = nodes_[static_cast<std::size_t>(node)].ends.empty()
                                ? nodes_[static_cast<std::size_t>(node)].output_link
                                : node;
         hit >= 0; hit = nodes_[static_cast<std::size_t>(hit)].output_link) {
      for (auto [id, length] : nodes_[static_cast<std::size_t>(hit)].ends) {
        out.push_back(Match{i + 1 - length, i + 1, id});
      }
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
  std::vector<Match> out;
  std::size_t covered = 0;
  for (const auto& match : find_all(text)) {
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
