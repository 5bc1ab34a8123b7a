#pragma once

#include <string_view>

// The files under schema/, compiled in by cmake/IprdbEmbed.cmake.
namespace iprdb::detail::embedded {
extern const std::string_view migration_0001_init;
extern const std::string_view views_sql;
extern const std::string_view catalog_csv;
extern const std::string_view gazetteer_regions;
extern const std::string_view gazetteer_aliases;
}  // namespace iprdb::detail::embedded
