#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/reference.hpp>
#include <iprdb/types.hpp>

// The gazetteer's records and lookup tables, in one form whether they were parsed from CSV at
// run time (Gazetteer::parse) or compiled in (Gazetteer::builtin, from the source that
// iprdb_gazetteer_codegen writes at build time by calling parse_gazetteer).
//
// Every string is an offset into one character pool rather than a pointer: compiled in, a
// table of pointers needs one relocation per string, which the dynamic loader applies (and
// whose pages it dirties) at every start of every program, whether or not it looks anything up.
namespace iprdb::detail {

/// A string of a gazetteer's character pool.
struct PoolText {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

/// One entry of a lookup table; `region` indexes the code-sorted regions.
template <typename Key>
struct Keyed {
  Key key;
  std::uint32_t region;
};
using KeyedRegion = Keyed<PoolText>;
using ChildLink = Keyed<std::int32_t>;  // the key is the parent's code as a number

/// A contiguous run of constant entries, owned elsewhere (static data or a ParsedGazetteer).
template <typename Entry>
struct TableView {
  const Entry* first = nullptr;
  std::size_t size = 0;

  const Entry* begin() const noexcept { return first; }
  const Entry* end() const noexcept { return first + size; }
  const Entry& operator[](std::size_t i) const noexcept { return first[i]; }
};

/// A region: the fields of Region, with nothing to allocate until it is used.
struct RegionRecord {
  PoolText code;
  PoolText name;
  PoolText short_name;
  RegionLevel level;
  PoolText parent_code;  // empty for the country
  PoolText pinyin;
  std::optional<int> valid_from;
  std::optional<int> valid_to;
  PoolText successor_code;  // empty when there is none
};

struct AliasRecord {
  PoolText alias;
  PoolText code;
  PoolText kind;
};

/// Each lookup table is sorted by key, then region, without repeats: the regions one key
/// finds come out in code order, each once.
struct GazetteerTables {
  std::string_view pool;  // what every PoolText is in
  TableView<RegionRecord> regions;  // sorted by code
  TableView<AliasRecord> aliases;   // in file order
  TableView<KeyedRegion> full_names;  // lookup_key of the complete official name
  TableView<KeyedRegion> names;       // lookup_key of aliases, full and short names
  TableView<KeyedRegion> pinyin;      // pinyin_key of the pinyin
  TableView<ChildLink> children;      // sorted by parent code, then region

  std::string_view text(PoolText t) const noexcept { return pool.substr(t.offset, t.size); }
};

/// What reading the two gazetteer CSVs yields: the storage GazetteerTables views.
struct ParsedGazetteer {
  std::string pool;
  std::vector<RegionRecord> regions;
  std::vector<AliasRecord> aliases;
  std::vector<KeyedRegion> full_names, names, pinyin;
  std::vector<ChildLink> children;

  /// Valid while this object is neither changed nor destroyed (moving the pool may move
  /// its characters).
  GazetteerTables tables() const noexcept;
};

/// Reads and checks regions.csv and aliases.csv (see schema/gazetteer/README.md).
/// Throws Error(malformed_record) naming `origin`/regions.csv or `origin`/aliases.csv and the
/// line on bad input.
ParsedGazetteer parse_gazetteer(std::string_view regions_csv, std::string_view aliases_csv,
                                std::string_view origin);

/// schema/gazetteer/ as parse_gazetteer reads it, compiled in (the generated source).
extern const GazetteerTables builtin_gazetteer;

}  // namespace iprdb::detail
