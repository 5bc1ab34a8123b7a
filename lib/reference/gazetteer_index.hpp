#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/reference.hpp>
#include <iprdb/types.hpp>

#include "reference/pool.hpp"

// The gazetteer's records and lookup tables (see reference/pool.hpp), in one form whether they
// were parsed from CSV at run time (Gazetteer::parse) or compiled in (Gazetteer::builtin, from
// the source that iprdb_reference_codegen writes at build time by calling parse_gazetteer).
namespace iprdb::detail {

using ChildLink = Keyed<std::int32_t>;  // the key is the parent's code as a number

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

/// The lookup tables index `regions`, so they find regions in code order.
struct GazetteerTables {
  TextPool pool;
  TableView<RegionRecord> regions;  // sorted by code
  TableView<AliasRecord> aliases;   // in file order
  TableView<KeyedText> full_names;  // lookup_key of the complete official name
  TableView<KeyedText> names;       // lookup_key of aliases, full and short names
  TableView<KeyedText> pinyin;      // pinyin_key of the pinyin
  TableView<ChildLink> children;    // sorted by parent code, then region
};

/// What reading the two gazetteer CSVs yields: the storage GazetteerTables views.
struct ParsedGazetteer {
  std::string pool;
  std::vector<RegionRecord> regions;
  std::vector<AliasRecord> aliases;
  std::vector<KeyedText> full_names, names, pinyin;
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
