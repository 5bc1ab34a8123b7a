#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/reference.hpp>
#include <iprdb/types.hpp>

// The gazetteer's lookup tables, in one form whether they were parsed from CSV at run time
// (Gazetteer::parse) or compiled in (Gazetteer::builtin, from the source that
// iprdb_gazetteer_codegen writes at build time by calling parse_gazetteer).
namespace iprdb::detail {

/// One entry of a lookup table; `region` indexes the code-sorted regions.
template <typename Key>
struct Keyed {
  Key key;
  std::size_t region;
};
using KeyedRegion = Keyed<std::string_view>;
using ChildLink = Keyed<int>;  // the key is the parent's code as a number

/// A contiguous run of constant entries, owned elsewhere (static data or a ParsedGazetteer).
template <typename Entry>
struct TableView {
  const Entry* first = nullptr;
  std::size_t size = 0;

  const Entry* begin() const noexcept { return first; }
  const Entry* end() const noexcept { return first + size; }
};

/// Each table is sorted by key, then region, without repeats: the regions one key finds
/// come out in code order, each once.
struct GazetteerLookups {
  TableView<KeyedRegion> full_names;  // lookup_key of the complete official name
  TableView<KeyedRegion> names;       // lookup_key of aliases, full and short names
  TableView<KeyedRegion> pinyin;      // pinyin_key of the pinyin
  TableView<ChildLink> children;      // sorted by parent code, then region
};

/// What reading the two gazetteer CSVs yields.
struct ParsedGazetteer {
  std::vector<Region> regions;            // sorted by code
  std::vector<Gazetteer::Alias> aliases;  // in file order
  // What the tables' keys view; a deque never moves its strings as it grows.
  std::deque<std::string> keys;
  std::vector<KeyedRegion> full_names, names, pinyin;
  std::vector<ChildLink> children;

  ParsedGazetteer() = default;
  ParsedGazetteer(ParsedGazetteer&&) noexcept = default;
  ParsedGazetteer& operator=(ParsedGazetteer&&) noexcept = default;
  // A copy's tables would still view the original's keys.
  ParsedGazetteer(const ParsedGazetteer&) = delete;
  ParsedGazetteer& operator=(const ParsedGazetteer&) = delete;

  GazetteerLookups lookups() const noexcept;
};

/// Reads and checks regions.csv and aliases.csv (see schema/gazetteer/README.md).
/// Throws Error(malformed_record) naming `origin`/regions.csv or `origin`/aliases.csv and the
/// line on bad input.
ParsedGazetteer parse_gazetteer(std::string_view regions_csv, std::string_view aliases_csv,
                                std::string_view origin);

/// A region as compiled in: the fields of Region, with nothing to allocate until it is used.
struct RegionRecord {
  std::string_view code;
  std::string_view name;
  std::string_view short_name;
  RegionLevel level;
  std::string_view parent_code;  // empty for the country
  std::string_view pinyin;
  std::optional<int> valid_from;
  std::optional<int> valid_to;
  std::string_view successor_code;  // empty when there is none
};

struct AliasRecord {
  std::string_view alias;
  std::string_view code;
  std::string_view kind;
};

/// schema/gazetteer/ as parse_gazetteer reads it, compiled in (the generated source).
struct BuiltinGazetteer {
  TableView<RegionRecord> regions;  // sorted by code
  TableView<AliasRecord> aliases;   // in file order
  GazetteerLookups lookups;
};
extern const BuiltinGazetteer builtin_gazetteer;

}  // namespace iprdb::detail
