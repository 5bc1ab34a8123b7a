#pragma once

#include <string_view>

// The files under schema/, compiled in by cmake/IprdbEmbed.cmake.
namespace iprdb::detail::embedded {
extern const std::string_view migration_0001_init;
extern const std::string_view migration_0002_figure_index;
extern const std::string_view migration_0003_best_level;
extern const std::string_view migration_0004_best_level_by_depth;
extern const std::string_view best_level_triggers_sql;
extern const std::string_view best_level_rebuild_sql;
extern const std::string_view views_sql;
extern const std::string_view catalog_csv;
extern const std::string_view gazetteer_regions;
extern const std::string_view gazetteer_aliases;
extern const std::string_view radical_variants;
extern const std::string_view units_tsv;
extern const std::string_view number_words_tsv;
extern const std::string_view cues_tsv;
extern const std::string_view rank_scopes_tsv;
extern const std::string_view weak_aliases_tsv;
extern const std::string_view counted_nouns_tsv;
extern const std::string_view stages_tsv;
extern const std::string_view actors_tsv;
}  // namespace iprdb::detail::embedded
