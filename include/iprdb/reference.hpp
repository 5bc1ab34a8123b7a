#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <iprdb/types.hpp>

namespace iprdb {

/// The regions of the People's Republic (GB/T 2260 codes, with historical units and the names
/// people write for them), as built into this version of iprdb from schema/gazetteer/.
/// Immutable after construction and safe to share between threads.
class Gazetteer {
 public:
  /// The gazetteer compiled into the library: checked and indexed when the library was built,
  /// so using it parses nothing; Region objects are made only for the regions asked for.
  static const Gazetteer& builtin();

  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  /// The region with this six-digit code, current or historical.
  std::optional<Region> by_code(std::string_view code) const;

  /// Every region a person could mean by `text`: a six-digit code, a full name, an alias
  /// (short name, 湘西州, a former name such as 襄樊) or pinyin ("guizhou", "Gui Zhou").
  /// Empty when nothing matches; more than one region when the name is ambiguous
  /// (吉林 is a province and a city). A complete official name matches only the units that
  /// bear it (吉林市 is the city). Sorted by code.
  std::vector<Region> find(std::string_view text) const;

  /// The one region `text` names; nullopt when none does.
  /// Throws Error(ambiguous_name) listing the candidates when several do.
  std::optional<Region> find_unique(std::string_view text) const;

  /// The regions directly under `parent`, sorted by code (historical ones included).
  std::vector<Region> children(const RegionCode& parent) const;

  /// Every region, sorted by code.
  const std::vector<Region>& regions() const noexcept;

  /// Every (alias, code) pair, including the ambiguous ones.
  struct Alias {
    std::string alias;
    RegionCode code;
    /// full, short, rule, former, hand
    std::string kind;
  };
  const std::vector<Alias>& aliases() const noexcept;

  /// Builds a gazetteer from the two CSV texts (see schema/gazetteer/README.md).
  /// Throws Error(malformed_record) naming `origin` and the line on bad input.
  static Gazetteer parse(std::string_view regions_csv, std::string_view aliases_csv,
                         std::string_view origin);

 private:
  struct Impl;
  explicit Gazetteer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The indicator catalog (schema/catalog/indicators.csv) built into this version of iprdb.
/// Immutable after construction and safe to share between threads.
class Catalog {
 public:
  /// The catalog compiled into the library, checked and indexed when the library was built.
  static const Catalog& builtin();

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  std::optional<Indicator> by_code(std::string_view code) const;

  /// Every indicator `text` names: a code, a Chinese name or an alias. Empty when none does.
  std::vector<Indicator> find(std::string_view text) const;

  /// The one indicator `text` names; nullopt when none does.
  /// Throws Error(ambiguous_name) listing the candidates when several do.
  std::optional<Indicator> find_unique(std::string_view text) const;

  /// Every indicator, in catalog order.
  const std::vector<Indicator>& indicators() const noexcept;

  /// Builds a catalog from CSV text with the header of schema/catalog/indicators.csv.
  static Catalog parse(std::string_view csv, std::string_view origin);

 private:
  struct Impl;
  explicit Catalog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace iprdb
