#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <iprdb/types.hpp>

#include "reference/pool.hpp"

// The indicator catalog's records and lookup tables (see reference/pool.hpp), in one form
// whether they were parsed from CSV at run time (Catalog::parse) or compiled in
// (Catalog::builtin, from the source that iprdb_reference_codegen writes at build time by
// calling parse_catalog).
namespace iprdb::detail {

/// An indicator: the fields of Indicator, with nothing to allocate until it is used.
struct IndicatorRecord {
  PoolText code;
  PoolText name_zh;
  PoolText name_en;
  PoolText unit;
  IndicatorKind kind;
  PoolText category;
  std::uint32_t first_alias;  // its aliases are CatalogTables::aliases[first_alias, +alias_count)
  std::uint32_t alias_count;
};

/// The lookup tables index `indicators`, so they find indicators in catalog order.
struct CatalogTables {
  TextPool pool;
  TableView<IndicatorRecord> indicators;  // in catalog order
  TableView<PoolText> aliases;            // each indicator's, in its order
  TableView<KeyedText> codes;             // the code
  TableView<KeyedText> names;             // lookup_key of the Chinese name and the aliases
};

/// What reading indicators.csv yields: the storage CatalogTables views.
struct ParsedCatalog {
  std::string pool;
  std::vector<IndicatorRecord> indicators;
  std::vector<PoolText> aliases;
  std::vector<KeyedText> codes, names;

  /// Valid while this object is neither changed nor destroyed (moving the pool may move
  /// its characters).
  CatalogTables tables() const noexcept;
};

/// Reads and checks CSV text with the header of schema/catalog/indicators.csv.
/// Throws Error(malformed_record) naming `origin` and the line on bad input.
ParsedCatalog parse_catalog(std::string_view csv, std::string_view origin);

/// schema/catalog/indicators.csv as parse_catalog reads it, compiled in (the generated source).
extern const CatalogTables builtin_catalog;

}  // namespace iprdb::detail
