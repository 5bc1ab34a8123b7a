#include "reference/pool.hpp"

#include <tuple>

namespace iprdb::detail {

PoolText PoolWriter::add(std::string_view text) {
  auto [it, added] = offsets_.try_emplace(std::string(text), PoolText{});
  if (added) {
    it->second = {static_cast<std::uint32_t>(pool_.size()),
                  static_cast<std::uint32_t>(text.size())};
    pool_ += text;
  }
  return it->second;
}

std::vector<KeyedText> PoolWriter::table(std::vector<NamedIndex> entries) {
  const auto fields = [](const NamedIndex& e) { return std::tie(e.key, e.index); };
  std::sort(entries.begin(), entries.end(),
            [&](const NamedIndex& a, const NamedIndex& b) { return fields(a) < fields(b); });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [&](const NamedIndex& a, const NamedIndex& b) {
                              return fields(a) == fields(b);
                            }),
                entries.end());
  std::vector<KeyedText> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back({add(e.key), e.index});
  return out;
}

}  // namespace iprdb::detail
