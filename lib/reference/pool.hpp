#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// The form the reference data (gazetteer, catalog) takes whether it was parsed from CSV at run
// time or compiled in from the source a build-time generator writes by calling the same parser.
//
// Every string is an offset into one character pool rather than a pointer: compiled in, a
// table of pointers needs one relocation per string, which the dynamic loader applies (and
// whose pages it dirties) at every start of every program, whether or not it looks anything up.
namespace iprdb::detail {

/// A string of a TextPool.
struct PoolText {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

struct TextPool {
  std::string_view chars;

  std::string_view text(PoolText t) const noexcept { return chars.substr(t.offset, t.size); }
  std::string string(PoolText t) const { return std::string(text(t)); }
};

/// One entry of a lookup table: a key and the index of what it finds.
template <typename Key>
struct Keyed {
  Key key;
  std::uint32_t index;
};
/// Sorted by key, then index, without repeats: the entries one key finds come out in index
/// order, each once.
using KeyedText = Keyed<PoolText>;

/// A contiguous run of constant entries, owned elsewhere (static data or a parser's vectors).
template <typename Entry>
struct TableView {
  const Entry* first = nullptr;
  std::size_t size = 0;

  TableView() = default;
  constexpr TableView(const Entry* entries, std::size_t count) : first(entries), size(count) {}
  TableView(const std::vector<Entry>& entries) : first(entries.data()), size(entries.size()) {}

  const Entry* begin() const noexcept { return first; }
  const Entry* end() const noexcept { return first + size; }
  const Entry& operator[](std::size_t i) const noexcept { return first[i]; }
};

/// The entries of a table sorted by key_of(entry) whose key is `key`.
template <typename Entry, typename Key, typename KeyOf>
std::pair<const Entry*, const Entry*> equal_keys(TableView<Entry> table, const Key& key,
                                                 KeyOf key_of) {
  const auto first = std::lower_bound(table.begin(), table.end(), key,
                                      [&](const Entry& e, const Key& k) { return key_of(e) < k; });
  const auto last = std::upper_bound(first, table.end(), key,
                                     [&](const Key& k, const Entry& e) { return k < key_of(e); });
  return {first, last};
}

/// The indexes a sorted table of pool keys holds for `key`.
inline std::pair<const KeyedText*, const KeyedText*> look_up(TableView<KeyedText> table,
                                                             const TextPool& pool,
                                                             std::string_view key) {
  return equal_keys(table, key, [&pool](const KeyedText& e) { return pool.text(e.key); });
}

/// The `count` objects that make(index) builds, built on first use, once whatever the threads.
template <typename T>
class BuiltOnFirstUse {
 public:
  template <typename Make>
  const std::vector<T>& get(std::size_t count, Make make) {
    std::call_once(made_, [&] {
      items_.reserve(count);
      for (std::size_t i = 0; i < count; ++i) items_.push_back(make(i));
    });
    return items_;
  }

 private:
  std::once_flag made_;
  std::vector<T> items_;
};

/// A lookup key before it has a place in the pool.
struct NamedIndex {
  std::string key;
  std::uint32_t index;
};

/// Fills a pool, each string once: names, keys and codes repeat one another across tables.
class PoolWriter {
 public:
  explicit PoolWriter(std::string& pool) : pool_(pool) {}

  PoolText add(std::string_view text);

  /// The lookup table of `entries`, sorted by key then index, without repeats.
  std::vector<KeyedText> table(std::vector<NamedIndex> entries);

 private:
  std::string& pool_;
  std::unordered_map<std::string, PoolText> offsets_;
};

}  // namespace iprdb::detail
