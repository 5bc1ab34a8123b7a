#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <iprdb/reference.hpp>

#include "extract/phrase_matcher.hpp"

namespace iprdb::detail {

/// What a cue word does to the figures after it (schema/lexicon/cues.tsv).
enum class Cue : std::uint32_t {
  growth, growth_rate, decline, multiple_of, reach, rank, share, target, cumulative,
  respectively, each, scope_province, scope_country, scope_prefecture, compare, new_items,
  net_change, designation, both, subsidy, nomination, flat, offence, zone,
};

/// Everything the extractor matches text against, compiled once from the catalog, the
/// gazetteer and the lexicon files.
class Lexicon {
 public:
  static const Lexicon& builtin();
  Lexicon(const Catalog& catalog, const Gazetteer& gazetteer);

  const Catalog& catalog() const noexcept { return catalog_; }
  const Gazetteer& gazetteer() const noexcept { return gazetteer_; }

  /// Ids are indexes into catalog().indicators(). Phrases are ASCII lower-cased: scan
  /// lower-cased text (PCT and pct are the same word).
  const PhraseMatcher& indicators() const noexcept { return indicators_; }
  /// Ids are indexes into region_names(); each name lists its regions (several when ambiguous).
  const PhraseMatcher& regions() const noexcept { return regions_; }
  const std::vector<std::vector<std::size_t>>& region_names() const noexcept {
    return region_names_;
  }
  /// Ids are Cue values.
  const PhraseMatcher& cues() const noexcept { return cues_; }
  /// Ids are indexes into rank_scope_codes().
  const PhraseMatcher& rank_scopes() const noexcept { return rank_scopes_; }
  const std::vector<std::string>& rank_scope_codes() const noexcept { return rank_scope_codes_; }

  /// Whether a noun that says a count is of places or bodies (省份, 位次) starts at `at`.
  bool counted_noun_at(std::string_view text, std::size_t at) const;

  /// The code ending (accepted, closed …) a stage word such as 结案 names; empty if none.
  /// Returns the first stage word found in `text` and its ending.
  std::string_view stage_in(std::string_view text) const;

  /// Whether `text` names a body that acts in `domain` (检察机关 for procuratorate).
  bool names_actor_of(std::string_view text, std::string_view domain) const;

  /// Whether `alias` is too generic to override an indicator named earlier in the sentence.
  bool is_weak_alias(std::string_view alias) const { return weak_aliases_.count(std::string(alias)) > 0; }

  /// Index of the indicator with this code, or -1.
  int indicator_index(std::string_view code) const;
  /// Whether the region at index `region` is `ancestor` or lies inside it (indexes into
  /// gazetteer().regions()).
  bool is_within(std::size_t region, std::size_t ancestor) const;

  /// Index of a region in gazetteer().regions() by code, or -1.
  int region_index(int code) const;

 private:
  const Catalog& catalog_;
  const Gazetteer& gazetteer_;
  PhraseMatcher indicators_;
  PhraseMatcher regions_;
  std::vector<std::vector<std::size_t>> region_names_;
  PhraseMatcher cues_;
  PhraseMatcher rank_scopes_;
  std::vector<std::string> rank_scope_codes_;
  std::unordered_set<std::string> weak_aliases_;
  std::vector<std::string> counted_nouns_;
  // The first two bytes of each counted noun, as bits: most places after a count open none,
  // and the bit says so before the nouns are compared one by one.
  std::vector<bool> counted_noun_heads_ = std::vector<bool>(1 << 16);
  bool short_counted_noun_ = false;  // one of fewer than two bytes, which the bits cannot hold
  std::vector<std::pair<std::string, std::string>> stages_;
  std::vector<std::pair<std::string, std::string>> actors_;  // (phrase, domain)
  std::unordered_map<std::string, int> indicator_by_code_;
  std::unordered_map<int, int> region_by_code_;
};

}  // namespace iprdb::detail
