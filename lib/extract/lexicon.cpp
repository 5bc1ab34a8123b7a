#include "extract/lexicon.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <iprdb/error.hpp>

#include "reference/embedded.hpp"

namespace iprdb::detail {
namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Tab-separated lines; '#' starts a comment line. Calls `row` with the fields of each line.
template <typename Row>
void for_each_tsv_row(std::string_view text, std::string_view origin, std::size_t columns, Row&& row) {
  int line_number = 0;
  while (!text.empty()) {
    auto newline = text.find('\n');
    auto line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    while (true) {
      auto tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    if (fields.size() < columns) {
      throw Error(ErrorCode::malformed_record,
                  fmt::format("{} tab-separated fields where {} are needed", fields.size(), columns),
                  std::string(origin), line_number);
    }
    row(fields, line_number);
  }
}

Cue parse_cue(std::string_view role, std::string_view origin, int line) {
  static const std::map<std::string_view, Cue> roles = {
      {"growth", Cue::growth}, {"growth_rate", Cue::growth_rate}, {"decline", Cue::decline},
      {"multiple_of", Cue::multiple_of}, {"reach", Cue::reach}, {"rank", Cue::rank},
      {"share", Cue::share}, {"target", Cue::target}, {"cumulative", Cue::cumulative},
      {"respectively", Cue::respectively}, {"each", Cue::each},
      {"scope_province", Cue::scope_province}, {"scope_country", Cue::scope_country},
      {"scope_prefecture", Cue::scope_prefecture}, {"compare", Cue::compare},
      {"new", Cue::new_items}, {"net_change", Cue::net_change},
      {"designation", Cue::designation}, {"both", Cue::both}, {"subsidy", Cue::subsidy},
      {"nomination", Cue::nomination}, {"flat", Cue::flat}, {"offence", Cue::offence},
      {"zone", Cue::zone}};
  auto it = roles.find(role);
  if (it == roles.end()) {
    throw Error(ErrorCode::malformed_record, fmt::format("unknown cue role \"{}\"", role),
                std::string(origin), line);
  }
  return it->second;
}

}  // namespace

Lexicon::Lexicon(const Catalog& catalog, const Gazetteer& gazetteer)
    : catalog_(catalog), gazetteer_(gazetteer) {
  const auto& indicators = catalog.indicators();
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const auto id = static_cast<std::uint32_t>(i);
    indicators_.add(ascii_lower(indicators[i].name_zh), id);
    for (const auto& alias : indicators[i].aliases) indicators_.add(ascii_lower(alias), id);
    indicator_by_code_.emplace(indicators[i].code, static_cast<int>(i));
  }

  const auto& regions = gazetteer.regions();
  for (std::size_t i = 0; i < regions.size(); ++i) {
    region_by_code_.emplace(regions[i].code.to_int(), static_cast<int>(i));
  }
  std::map<std::string, std::vector<std::size_t>> names;
  for (const auto& alias : gazetteer.aliases()) {
    // Two-character short forms of counties (东城, 和平) are too often ordinary words.
    const auto& region = regions[static_cast<std::size_t>(region_by_code_.at(alias.code.to_int()))];
    if (region.level == RegionLevel::county && alias.kind == "short") continue;
    auto& list = names[alias.alias];
    const auto index = static_cast<std::size_t>(region_by_code_.at(alias.code.to_int()));
    if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
  }
  for (auto& [name, list] : names) {
    regions_.add(name, static_cast<std::uint32_t>(region_names_.size()));
    region_names_.push_back(std::move(list));
  }

  for_each_tsv_row(embedded::cues_tsv, "schema/lexicon/cues.tsv", 2,
                   [&](const std::vector<std::string_view>& f, int line) {
                     cues_.add(f[0], static_cast<std::uint32_t>(parse_cue(f[1], "schema/lexicon/cues.tsv", line)));
                   });
  for_each_tsv_row(embedded::weak_aliases_tsv, "schema/lexicon/weak_aliases.tsv", 1,
                   [&](const std::vector<std::string_view>& f, int) { weak_aliases_.emplace(f[0]); });
  for_each_tsv_row(embedded::counted_nouns_tsv, "schema/lexicon/counted_nouns.tsv", 1,
                   [&](const std::vector<std::string_view>& f, int) { counted_nouns_.emplace_back(f[0]); });
  for (const auto& noun : counted_nouns_) {
    if (noun.size() < 2) {
      short_counted_noun_ = true;
    } else {
      counted_noun_heads_[static_cast<unsigned char>(noun[0]) << 8 |
                          static_cast<unsigned char>(noun[1])] = true;
    }
  }
  for_each_tsv_row(embedded::stages_tsv, "schema/lexicon/stages.tsv", 2,
                   [&](const std::vector<std::string_view>& f, int) { stages_.emplace_back(f[0], f[1]); });
  for_each_tsv_row(embedded::actors_tsv, "schema/lexicon/actors.tsv", 2,
                   [&](const std::vector<std::string_view>& f, int) { actors_.emplace_back(f[0], f[1]); });
  for_each_tsv_row(embedded::rank_scopes_tsv, "schema/lexicon/rank_scopes.tsv", 2,
                   [&](const std::vector<std::string_view>& f, int) {
                     rank_scopes_.add(f[0], static_cast<std::uint32_t>(rank_scope_codes_.size()));
                     rank_scope_codes_.emplace_back(f[1]);
                   });
  // Built here, while one thread holds the lexicon: Database::ingest extracts on several.
  for (const PhraseMatcher* matcher : {&indicators_, &regions_, &cues_, &rank_scopes_}) {
    matcher->compile();
  }
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon(Catalog::builtin(), Gazetteer::builtin());
  return lexicon;
}

bool Lexicon::counted_noun_at(std::string_view text, std::size_t at) const {
  const std::string_view rest = text.substr(at);
  if (!short_counted_noun_ &&
      (rest.size() < 2 || !counted_noun_heads_[static_cast<unsigned char>(rest[0]) << 8 |
                                               static_cast<unsigned char>(rest[1])])) {
    return false;
  }
  for (const auto& noun : counted_nouns_) {
    if (rest.substr(0, noun.size()) == noun) return true;
  }
  return false;
}

std::string_view Lexicon::stage_in(std::string_view text) const {
  std::size_t best = std::string_view::npos;
  std::string_view ending;
  for (const auto& [word, code_ending] : stages_) {
    auto at = text.find(word);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
      best = at;
      ending = code_ending;
    }
  }
  return ending;
}

bool Lexicon::names_actor_of(std::string_view text, std::string_view domain) const {
  return std::any_of(actors_.begin(), actors_.end(), [&](const auto& actor) {
    return actor.second == domain && text.find(actor.first) != std::string_view::npos;
  });
}

int Lexicon::indicator_index(std::string_view code) const {
  auto it = indicator_by_code_.find(std::string(code));
  return it == indicator_by_code_.end() ? -1 : it->second;
}

bool Lexicon::is_within(std::size_t region, std::size_t ancestor) const {
  const auto& regions = gazetteer_.regions();
  // County → prefecture → province → country: four steps at most.
  std::optional<RegionCode> code = regions[region].code;
  for (int depth = 0; code && depth < 5; ++depth) {
    if (*code == regions[ancestor].code) return true;
    const int at = region_index(code->to_int());
    if (at < 0) return false;
    code = regions[static_cast<std::size_t>(at)].parent;
  }
  return false;
}

int Lexicon::region_index(int code) const {
  auto it = region_by_code_.find(code);
  return it == region_by_code_.end() ? -1 : it->second;
}

}  // namespace iprdb::detail
